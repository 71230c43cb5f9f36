import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-single-eni.js';

describe('ec2-instance-single-eni', () => {
  it('counts declared interfaces and attachments', async () => {
    await expectFixture(rule, new URL('./fixtures/ec2-instance-single-eni.yaml', import.meta.url));
  });

  it('counts observed interfaces once even when props list them too', () => {
    const eni = (id: string) => ({ NetworkInterfaceId: id });
    expectResources(rule, [
      resource(
        'AWS::EC2::Instance',
        'PassOneLive',
        { NetworkInterfaces: [eni('eni-1')] },
        { observed: { NetworkInterfaces: [eni('eni-1')] } },
      ),
      resource(
        'AWS::EC2::Instance',
        'FailTwoLive',
        { NetworkInterfaces: [eni('eni-1')] },
        { observed: { NetworkInterfaces: [eni('eni-1'), eni('eni-2')] } },
      ),
    ]);
  });
});
