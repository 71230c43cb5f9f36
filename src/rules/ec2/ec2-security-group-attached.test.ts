import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './ec2-security-group-attached.js';

const SG = 'AWS::EC2::SecurityGroup';

describe('ec2-security-group-attached', () => {
  it('passes groups something uses and fails the rest', () => {
    const findings = expectResources(rule, [
      resource(SG, 'PassOnInstance', { GroupName: 'web' }),
      resource('AWS::EC2::Instance', 'i-1', { SecurityGroupIds: ['PassOnInstance'] }),
      resource(SG, 'PassOnLoadBalancer', { GroupName: 'alb' }),
      resource('AWS::ElasticLoadBalancingV2::LoadBalancer', 'arn:lb', {
        SecurityGroups: ['PassOnLoadBalancer'],
      }),
      resource(SG, 'FailOnlyReferencedByRules', { GroupName: 'old-bastion' }),
      resource(SG, 'PassReferencer', {
        GroupName: 'app',
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: 'FailOnlyReferencedByRules' },
        ],
      }),
      resource('AWS::EC2::NetworkInterface', 'eni-1', { GroupSet: ['PassReferencer'] }),
      resource(SG, 'NotApplicableDefault', { GroupName: 'default' }),
      resource(
        SG,
        'NotApplicableTemplateGroup',
        { GroupName: 'x' },
        { origin: { source: 'cloudformation' } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOnlyReferencedByRules')?.reason).toContain(
      'only rules of PassReferencer mention it',
    );
  });
  it('does not call a group unused when network interfaces were not listed', () => {
    expectResources(
      rule,
      [
        resource(SG, 'ErrorInterfacesUnread', { GroupName: 'app' }),
        resource(SG, 'FailUnusedElsewhere', { GroupName: 'old' }, { region: 'eu-west-1' }),
      ],
      { coverage: [deniedListing('AWS::EC2::NetworkInterface')] },
    );
  });
});
