import { DescribeFlowLogsCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-flow-logs` → 'AWS::EC2::FlowLog'. */
export const flowLogs = ec2Collector({
  id: 'ec2/flow-logs',
  resourceTypes: ['AWS::EC2::FlowLog'],
  command: DescribeFlowLogsCommand,
  items: 'FlowLogs',
  pageSize: 1000,
});
