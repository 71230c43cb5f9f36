import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-multi-az.js';

describe('autoscaling-group-multi-az', () => {
  it('counts the zones of the group subnets', async () => {
    await expectFixture(rule, new URL('./fixtures/autoscaling-group-multi-az.yaml', import.meta.url));
  });

  it('reads describe output: comma-separated subnets, zones of observed instances', () => {
    expectResources(rule, [
      resource(
        'AWS::AutoScaling::AutoScalingGroup',
        'PassFromInstances',
        { VPCZoneIdentifier: 'subnet-a,subnet-b' },
        {
          observed: { Instances: [{ AvailabilityZone: 'us-east-1a' }, { AvailabilityZone: 'us-east-1b' }] },
        },
      ),
      resource('AWS::AutoScaling::AutoScalingGroup', 'ErrorSubnetsUnknown', {
        VPCZoneIdentifier: 'subnet-a,subnet-b',
      }),
    ]);
  });
});
