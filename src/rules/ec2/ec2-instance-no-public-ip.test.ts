import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-no-public-ip.js';

describe('ec2-instance-no-public-ip', () => {
  it('reads the primary interface, the subnet default and Elastic IPs of a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-instance-no-public-ip.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassExistingInterface')).toContain(
      'its primary network interface PrivateEni is an existing interface, to which AWS assigns no public IP at launch',
    );
    expect(reason('FailLaunchTemplateSubnetAssigns')).toContain(
      'its subnet PublicSubnet assigns public IPs at launch',
    );
  });

  it('reads the observed public IP of live instances', () => {
    expectResources(rule, [
      resource(
        'AWS::EC2::Instance',
        'FailLivePublic',
        { SubnetId: 'subnet-1' },
        { observed: { State: 'running', PublicIpAddress: '198.51.100.7' } },
      ),
      resource(
        'AWS::EC2::Instance',
        'PassLivePrivate',
        { SubnetId: 'subnet-1' },
        { observed: { State: 'running' } },
      ),
      resource(
        'AWS::EC2::Instance',
        'NotApplicableTerminated',
        {},
        { observed: { State: 'terminated', PublicIpAddress: '198.51.100.8' } },
      ),
    ]);
  });
});
