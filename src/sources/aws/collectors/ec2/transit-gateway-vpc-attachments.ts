import { DescribeTransitGatewayVpcAttachmentsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-transit-gateway-vpc-attachments`: the subnets of each VPC attachment, joined to the attachment. */
export const transitGatewayVpcAttachments = ec2Collector({
  id: 'ec2/transit-gateway-vpc-attachments',
  resourceTypes: ['AWS::EC2::TransitGatewayAttachment'],
  command: DescribeTransitGatewayVpcAttachmentsCommand,
  items: 'TransitGatewayVpcAttachments',
  pageSize: 1000,
});
