import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './ec2-vpc-s3-gateway-endpoint-present.js';

const RT = 'AWS::EC2::RouteTable';
const natTable = (id: string, vpc: string) =>
  resource(RT, id, { VpcId: vpc, Routes: [{ DestinationCidrBlock: '0.0.0.0/0', InstanceId: 'i-nat' }] });

describe('ec2-vpc-s3-gateway-endpoint-present', () => {
  it('asks NAT-routed VPCs for an S3 gateway endpoint', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/ec2-vpc-s3-gateway-endpoint-present.yaml', import.meta.url),
      {
        deployed: true,
      },
    );
  });

  it('needs every NAT-routed table associated, and treats an interface endpoint as no gateway', () => {
    const findings = expectResources(rule, [
      resource('AWS::EC2::VPC', 'FailTableMissing'),
      natTable('rtb-a', 'FailTableMissing'),
      natTable('rtb-b', 'FailTableMissing'),
      resource('AWS::EC2::VPCEndpoint', 'vpce-1', {
        VpcId: 'FailTableMissing',
        ServiceName: 'com.amazonaws.us-east-1.s3',
        VpcEndpointType: 'Gateway',
        RouteTableIds: ['rtb-a'],
      }),
      resource('AWS::EC2::VPC', 'FailInterfaceOnly'),
      natTable('rtb-c', 'FailInterfaceOnly'),
      resource('AWS::EC2::VPCEndpoint', 'vpce-2', {
        VpcId: 'FailInterfaceOnly',
        ServiceName: 'com.amazonaws.us-east-1.s3',
        VpcEndpointType: 'Interface',
      }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailTableMissing')?.reason).toContain(
      'route tables rtb-b are not associated',
    );
  });
  it('does not conclude when endpoints or route tables were not listed', () => {
    expectResources(
      rule,
      [
        resource('AWS::EC2::VPC', 'ErrorEndpointsUnread'),
        natTable('rtb-a', 'ErrorEndpointsUnread'),
        resource('AWS::EC2::VPC', 'ErrorTablesUnread', {}, { region: 'eu-west-1' }),
      ],
      {
        coverage: [
          deniedListing('AWS::EC2::VPCEndpoint'),
          deniedListing('AWS::EC2::RouteTable', '123456789012', 'eu-west-1'),
        ],
      },
    );
  });
});
