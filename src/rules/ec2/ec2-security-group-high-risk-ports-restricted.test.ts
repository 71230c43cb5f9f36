import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-security-group-high-risk-ports-restricted.js';

describe('ec2-security-group-high-risk-ports-restricted', () => {
  it('fails high-risk ports open to anywhere, leaving SSH and RDP to the admin-ports rule', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-security-group-high-risk-ports-restricted.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailOpenedByStandaloneRule')).toContain(
      'tcp 9200-9300 from 0.0.0.0/0 reaches port 9200, 9300',
    );
    expect(reason('FailEverything')).toContain('and 16 more');
  });

  it('evaluates a standalone ingress rule whose group is not in the snapshot', () => {
    expectResources(rule, [
      resource('AWS::EC2::SecurityGroupIngress', 'FailSmbOnImportedGroup', {
        GroupId: 'sg-0123456789abcdef0',
        IpProtocol: 'tcp',
        FromPort: 445,
        ToPort: 445,
        CidrIp: '0.0.0.0/0',
      }),
    ]);
  });
});
