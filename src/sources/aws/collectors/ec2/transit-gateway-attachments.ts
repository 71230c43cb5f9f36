import { DescribeTransitGatewayAttachmentsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-transit-gateway-attachments` → 'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayPeeringAttachment'. */
export const transitGatewayAttachments = ec2Collector({
  id: 'ec2/transit-gateway-attachments',
  resourceTypes: ['AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayPeeringAttachment'],
  command: DescribeTransitGatewayAttachmentsCommand,
  items: 'TransitGatewayAttachments',
  pageSize: 1000,
});
