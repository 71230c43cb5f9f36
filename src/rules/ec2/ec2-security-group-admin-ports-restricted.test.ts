import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-security-group-admin-ports-restricted.js';

const SG = 'AWS::EC2::SecurityGroup';
const winrm = {
  SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5985, ToPort: 5986, CidrIp: '0.0.0.0/0' }],
};

describe('ec2-security-group-admin-ports-restricted', () => {
  it('fails 22/3389 from 0.0.0.0/0 or ::/0, including protocol -1, udp and covering ranges', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-security-group-admin-ports-restricted.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailRangeCoveringSsh')).toContain('SecurityGroupIngress[0]: tcp 0-1024 from 0.0.0.0/0');
    expect(reason('FailAllProtocols')).toContain('all traffic from 0.0.0.0/0');
    expect(reason('ErrorSshFromRangeGivenAtDeploy')).toContain('CidrIp is not known');
  });

  it('takes the port list from its parameters', () => {
    expectResources(rule, [resource(SG, 'PassWinRmWithDefaults', winrm)]);
    expectResources(rule, [resource(SG, 'FailWinRmWhenListed', winrm)], {
      params: { ports: [22, 3389, 5985] },
    });
  });

  it('reports malformed rules as errors, not passes', () => {
    expectResources(rule, [
      resource(SG, 'ErrorTcpWithoutPorts', {
        SecurityGroupIngress: [{ IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' }],
      }),
      resource(SG, 'ErrorIngressNotAList', { SecurityGroupIngress: 'tcp/22' }),
    ]);
  });
});
