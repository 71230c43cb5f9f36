import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import { unresolved } from '../../model/index.js';
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

  it('fails Terraform rules written against a VPC default group', () => {
    const tf = { origin: { source: 'terraform' } } as const;
    const findings = expectResources(rule, [
      resource(
        'AWS::EC2::VPC',
        'aws_vpc.main',
        { CidrBlock: '10.0.0.0/16' },
        { ...tf, observed: { DefaultSecurityGroupId: 'sg-0default' } },
      ),
      // A plan or configuration: the group is the VPC's attribute, not known before apply.
      resource(
        'AWS::EC2::SecurityGroupIngress',
        'FailPlannedRuleOnDefaultGroup',
        {
          GroupId: unresolved('aws_vpc.main.default_security_group_id', 'known after apply'),
          IpProtocol: '-1',
          CidrIp: '0.0.0.0/0',
        },
        tf,
      ),
      // A state: the group id the VPC records.
      resource(
        'AWS::EC2::SecurityGroupEgress',
        'FailStateRuleOnDefaultGroup',
        { GroupId: 'sg-0default', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
        tf,
      ),
      resource(
        'AWS::EC2::SecurityGroupIngress',
        'NotApplicableRuleOnOtherGroup',
        { GroupId: 'sg-0other', IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
        tf,
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailPlannedRuleOnDefaultGroup')?.reason).toBe(
      'Security group rule FailPlannedRuleOnDefaultGroup adds an inbound rule (all traffic from 0.0.0.0/0) to the default security group of VPC aws_vpc.main.',
    );
  });
});
