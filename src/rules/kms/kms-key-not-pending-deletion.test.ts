import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './kms-key-not-pending-deletion.js';

const KEY = 'AWS::KMS::Key';

describe('kms-key-not-pending-deletion', () => {
  it('fails keys pending deletion', () => {
    const findings = expectResources(rule, [
      resource(
        KEY,
        'FailScheduled',
        {},
        {
          observed: {
            KeyManager: 'CUSTOMER',
            KeyState: 'PendingDeletion',
            DeletionDate: '2026-06-08T00:00:00Z',
          },
        },
      ),
      resource(KEY, 'PassEnabled', {}, { observed: { KeyManager: 'CUSTOMER', KeyState: 'Enabled' } }),
      resource(KEY, 'PassDisabled', {}, { observed: { KeyManager: 'CUSTOMER', KeyState: 'Disabled' } }),
      resource(KEY, 'NotApplicableAwsManaged', {}, { observed: { KeyManager: 'AWS', KeyState: 'Enabled' } }),
      resource(KEY, 'NotApplicableTemplate', { EnableKeyRotation: true }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailScheduled')?.reason).toContain(
      'destroyed on 2026-06-08',
    );
  });
});
