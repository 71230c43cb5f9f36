import { describe, expect, it } from 'vitest';
import { deniedListing, expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-route-target-source-dest-check-disabled.js';

describe('ec2-instance-route-target-source-dest-check-disabled', () => {
  it('fails route targets that keep the default check', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-instance-route-target-source-dest-check-disabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailApplianceWithDefaultCheck')?.reason).toContain(
      'routes to 192.168.0.0/16 in PrivateRouteTable but has source/destination check enabled (the default)',
    );
  });

  it('counts routes to an instance interface that is not a resource of its own', () => {
    expectResources(rule, [
      resource('AWS::EC2::RouteTable', 'rtb-1', {
        VpcId: 'vpc-1',
        Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: 'eni-nat' }],
      }),
      resource(
        'AWS::EC2::Instance',
        'FailNatByInterface',
        { SourceDestCheck: true },
        {
          observed: { NetworkInterfaces: [{ NetworkInterfaceId: 'eni-nat' }] },
        },
      ),
    ]);
  });

  it('does not call an instance no route targets when the route tables were not read', () => {
    const findings = expectResources(
      rule,
      [
        resource('AWS::EC2::Instance', 'ErrorRoutesNotRead', {}, { observed: { State: 'running' } }),
        // A network interface in another region, where route tables were read.
        resource('AWS::EC2::NetworkInterface', 'NotApplicableElsewhere', {}, { region: 'ap-south-1' }),
      ],
      { coverage: [deniedListing('AWS::EC2::RouteTable')] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorRoutesNotRead')?.reason).toContain(
      'whether a route targets it is not known',
    );
  });
});
