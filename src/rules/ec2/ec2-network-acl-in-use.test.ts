import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-network-acl-in-use.js';

describe('ec2-network-acl-in-use', () => {
  it('needs a subnet association', async () => {
    await expectFixture(rule, new URL('./fixtures/ec2-network-acl-in-use.yaml', import.meta.url));
  });

  it('skips default ACLs and reads live associations', () => {
    expectResources(rule, [
      resource(
        'AWS::EC2::NetworkAcl',
        'NotApplicableDefault',
        { Associations: [] },
        { observed: { IsDefault: true } },
      ),
      resource('AWS::EC2::NetworkAcl', 'FailEmpty', { Associations: [] }, { observed: { IsDefault: false } }),
      resource(
        'AWS::EC2::NetworkAcl',
        'PassLive',
        { Associations: [{ SubnetId: 'subnet-1' }] },
        { observed: { IsDefault: false } },
      ),
    ]);
  });
});
