import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import { EBS_ENCRYPTION_BY_DEFAULT } from './ebs-encryption.js';
import rule from './ec2-ebs-default-encryption-enabled.js';

const VPC = 'AWS::EC2::VPC';

describe('ec2-ebs-default-encryption-enabled', () => {
  it("reports the region setting once, on the region's first VPC", () => {
    const findings = expectResources(rule, [
      resource(EBS_ENCRYPTION_BY_DEFAULT, '123456789012/us-east-1', { EbsEncryptionByDefault: false }),
      resource(
        EBS_ENCRYPTION_BY_DEFAULT,
        '123456789012/eu-west-1',
        { EbsEncryptionByDefault: true },
        { region: 'eu-west-1' },
      ),
      resource(VPC, 'FailFirstVpcOfUsEast1'),
      resource(VPC, 'NotApplicableSecondVpcOfUsEast1'),
      resource(VPC, 'PassFirstVpcOfEuWest1', {}, { region: 'eu-west-1' }),
      resource(VPC, 'NotApplicableRegionWithoutSetting', {}, { region: 'ap-southeast-1' }),
    ]);
    expect(findings.find((f) => f.resource.id === 'NotApplicableRegionWithoutSetting')?.reason).toContain(
      'is not in the snapshot',
    );
  });
  it('gives an error, not not-applicable, when the setting could not be read', () => {
    const findings = expectResources(
      rule,
      [
        resource(VPC, 'ErrorSettingUnread'),
        resource(VPC, 'NotApplicableNoSettingThere', {}, { region: 'eu-west-1' }),
      ],
      { coverage: [deniedListing(EBS_ENCRYPTION_BY_DEFAULT)] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorSettingUnread')?.reason).toContain('was not read');
  });
});
