import { describe, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  resource,
  TEST_ACCOUNT,
  TEST_REGION,
} from '../../../test/rule-fixtures.js';
import { EBS_ENCRYPTION_BY_DEFAULT } from './ebs-encryption.js';
import rule from './ec2-volume-encrypted.js';

describe('ec2-volume-encrypted', () => {
  it('needs Encrypted true, or encryption by default for a volume still to be created', async () => {
    await expectFixture(rule, new URL('./fixtures/ec2-volume-encrypted.yaml', import.meta.url));
  });

  it('lets the account setting cover a template volume, never a live unencrypted one', () => {
    const setting = resource(EBS_ENCRYPTION_BY_DEFAULT, `${TEST_ACCOUNT}/${TEST_REGION}`, {
      EbsEncryptionByDefault: true,
    });
    expectResources(rule, [
      setting,
      resource(
        'AWS::EC2::Volume',
        'PassPlannedCoveredByDefault',
        { Size: 10 },
        { origin: { source: 'cloudformation' } },
      ),
      resource(
        'AWS::EC2::Volume',
        'FailLiveUnencrypted',
        { Size: 10, Encrypted: false },
        { observed: { State: 'in-use' } },
      ),
    ]);
  });
});
