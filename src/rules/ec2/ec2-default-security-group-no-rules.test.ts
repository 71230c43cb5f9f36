import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-default-security-group-no-rules.js';

const SG = 'AWS::EC2::SecurityGroup';
const defaultGroup = (id: string, ingress: unknown, egress: unknown) =>
  resource(SG, id, {
    GroupName: 'default',
    VpcId: 'vpc-1',
    SecurityGroupIngress: ingress,
    SecurityGroupEgress: egress,
  });

describe('ec2-default-security-group-no-rules', () => {
  it('fails rules a template adds to the default group', async () => {
    // A template cannot declare a default group; a live one that passes completes the fixture.
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-default-security-group-no-rules.yaml', import.meta.url),
      { resources: [defaultGroup('PassLiveDefaultGroupEmptied', [], [])] },
    );
    expect(findings.find((f) => f.resource.id === 'FailSshIntoDefaultGroup')?.reason).toContain(
      'adds an inbound rule (tcp 22 from 10.0.0.0/8) to the default security group of VPC Vpc',
    );
  });

  it("fails a live default group with AWS's rules and passes an emptied one", () => {
    const findings = expectResources(rule, [
      defaultGroup(
        'FailAwsDefaults',
        [{ IpProtocol: '-1', SourceSecurityGroupId: 'FailAwsDefaults' }],
        [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }],
      ),
      defaultGroup(
        'FailEgressOnly',
        [],
        [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
      ),
      defaultGroup('PassEmptied', [], []),
      resource(
        SG,
        'PassTerraformAdoptedWithoutRules',
        { GroupName: 'default', VpcId: 'vpc-2' },
        { origin: { source: 'terraform' } },
      ),
      resource(SG, 'NotApplicableWeb', {
        GroupName: 'web',
        SecurityGroupIngress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }],
      }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailAwsDefaults')?.reason).toBe(
      'Default security group FailAwsDefaults of VPC vpc-1 allows traffic: inbound all traffic from itself; outbound all traffic to 0.0.0.0/0.',
    );
  });
});
