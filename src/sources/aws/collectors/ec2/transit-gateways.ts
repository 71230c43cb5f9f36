import { DescribeTransitGatewaysCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-transit-gateways` → 'AWS::EC2::TransitGateway'. */
export const transitGateways = ec2Collector({
  id: 'ec2/transit-gateways',
  resourceTypes: ['AWS::EC2::TransitGateway'],
  command: DescribeTransitGatewaysCommand,
  items: 'TransitGateways',
  pageSize: 1000,
});
