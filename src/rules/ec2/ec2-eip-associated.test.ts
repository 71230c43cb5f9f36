import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-eip-associated.js';

const EIP = 'AWS::EC2::EIP';

describe('ec2-eip-associated', () => {
  it('follows associations, NAT gateways and instance ids in a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-eip-associated.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailReservedForNothing')?.reason).toContain(
      '$3.65 a month',
    );
  });

  it('reads live associations and fails addresses held by stopped instances', () => {
    const findings = expectResources(rule, [
      resource('AWS::EC2::Instance', 'i-stopped', {}, { observed: { State: 'stopped' } }),
      resource(
        EIP,
        'FailOnStoppedInstance',
        { Domain: 'vpc', InstanceId: 'i-stopped' },
        { observed: { PublicIp: '198.51.100.9' } },
      ),
      resource(
        EIP,
        'FailIdle',
        { Domain: 'vpc' },
        { observed: { PublicIp: '198.51.100.77', AllocationId: 'FailIdle' } },
      ),
      resource(
        EIP,
        'PassOnInterface',
        { Domain: 'vpc' },
        {
          observed: { PublicIp: '198.51.100.10', AssociationId: 'eipassoc-1', NetworkInterfaceId: 'eni-nat' },
        },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOnStoppedInstance')?.reason).toContain(
      'which is stopped',
    );
  });
});
