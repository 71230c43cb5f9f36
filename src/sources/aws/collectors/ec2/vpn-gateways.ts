import { DescribeVpnGatewaysCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-vpn-gateways` → 'AWS::EC2::VPNGateway'. */
export const vpnGateways = ec2Collector({
  id: 'ec2/vpn-gateways',
  resourceTypes: ['AWS::EC2::VPNGateway'],
  command: DescribeVpnGatewaysCommand,
  items: 'VpnGateways',
});
