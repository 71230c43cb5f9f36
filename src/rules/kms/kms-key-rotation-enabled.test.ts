import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './kms-key-rotation-enabled.js';

const KEY = 'AWS::KMS::Key';

describe('kms-key-rotation-enabled', () => {
  it('fails symmetric customer managed keys without rotation', async () => {
    await expectFixture(rule, new URL('./fixtures/kms-key-rotation-enabled.yaml', import.meta.url));
  });

  it('skips AWS managed keys and keys pending deletion', () => {
    expectResources(rule, [
      resource(
        KEY,
        'NotApplicableAwsManaged',
        { EnableKeyRotation: false },
        { observed: { KeyManager: 'AWS', KeyState: 'Enabled' } },
      ),
      resource(
        KEY,
        'NotApplicablePendingDeletion',
        { EnableKeyRotation: false },
        {
          observed: { KeyManager: 'CUSTOMER', KeyState: 'PendingDeletion' },
        },
      ),
      resource(
        KEY,
        'FailLiveCustomerKey',
        { EnableKeyRotation: false, KeySpec: 'SYMMETRIC_DEFAULT' },
        {
          observed: { KeyManager: 'CUSTOMER', KeyState: 'Enabled' },
        },
      ),
    ]);
  });
});
