import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';
import { unreadReason } from '../unread.js';

const FLOW_LOG = 'AWS::EC2::FlowLog';
/** Traffic types that record rejected traffic. */
const REJECTED_LOGGED = new Set(['REJECT', 'ALL']);

/** Why a flow log that names the VPC does not record anything, or `undefined` when it does. */
function notDelivering(log: Resource): string | undefined {
  const status = log.observed?.FlowLogStatus;
  if (typeof status === 'string' && status !== 'ACTIVE') return `flow log ${label(log)} is ${status}`;
  const delivery = log.observed?.DeliverLogsStatus;
  if (delivery === 'FAILED') {
    const message = log.observed?.DeliverLogsErrorMessage;
    return `flow log ${label(log)} fails to deliver${typeof message === 'string' ? ` (${message})` : ''}`;
  }
  return undefined;
}

/** How reasons name the VPC: `VPC <id>`. */
function who(vpc: Resource): string {
  return `VPC ${label(vpc)}`;
}

/**
 * Compliant: an active `AWS::EC2::FlowLog` has the VPC as its resource, records rejected traffic
 * (traffic type REJECT or ALL; ACCEPT alone does not count) and delivers its logs. Flow logs of
 * single subnets or interfaces do not count: CIS asks for the VPC.
 */
export default defineRule({
  id: 'ec2-vpc-flow-logs-enabled',
  title: 'VPC has flow logs enabled',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::VPC'],
  rationale:
    'VPC flow logs record the traffic going to and from every network interface in the VPC, accepted and rejected, with addresses, ports and the security group or network ACL decision. They are how "traffic is not reaching the instance" gets diagnosed and how a scan or an exfiltration is traced afterwards; CloudTrail records API calls, not packets. Flow logs are captured outside the data path, so they do not affect network throughput or latency. Without them there is no record to look at when it is needed.',
  remediation: {
    text: 'Create a flow log for the VPC (traffic type ALL, or at least REJECT) delivering to CloudWatch Logs or a central S3 bucket.',
    cli: 'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<log-bucket>/flow-logs/',
    cloudformation:
      'VpcFlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref Vpc\n    ResourceType: VPC\n    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: !Sub arn:${AWS::Partition}:s3:::${LogBucket}/flow-logs/',
    terraform:
      'resource "aws_flow_log" "vpc" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = "ALL"\n  log_destination_type = "s3"\n  log_destination      = aws_s3_bucket.logs.arn\n}',
  },
  controls: ['cis-aws-v5.0:3.7', 'aws-fsbp:EC2.6', 'pci-dss-v4.0:10.2.1'],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6',
  ],
  evaluate(vpc, ctx) {
    let unknown: string | undefined;
    let inactive: string | undefined;
    for (const log of ctx.graph.referencing(vpc)) {
      if (log.type !== FLOW_LOG) continue;
      const target = log.props.ResourceId;
      if (isUnresolved(target)) {
        unknown ??= `flow log ${label(log)}: ${describeUnresolved('ResourceId', target)}`;
        continue;
      }
      if (target !== vpc.id) continue;
      const problem = notDelivering(log);
      if (problem) {
        inactive ??= problem;
        continue;
      }
      // CIS 3.7 and FSBP EC2.6 ask for rejected traffic to be logged: REJECT or ALL, not ACCEPT alone.
      // https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6
      const traffic = log.props.TrafficType;
      if (isUnresolved(traffic)) {
        unknown ??= `flow log ${label(log)}: ${describeUnresolved('TrafficType', traffic)}`;
        continue;
      }
      if (typeof traffic !== 'string') {
        unknown ??= `flow log ${label(log)} does not state its TrafficType`;
        continue;
      }
      if (!REJECTED_LOGGED.has(traffic.toUpperCase())) {
        inactive ??= `flow log ${label(log)} records ${traffic} traffic only, not rejected traffic`;
        continue;
      }
      return pass(() => `${who(vpc)} has flow log ${label(log)} (${traffic} traffic).`);
    }
    if (unknown) return error(`${who(vpc)}: ${unknown}.`);
    // Flow logs of a VPC are in its account and region; those that were never listed may include a working one.
    const unread = unreadReason(ctx.graph, FLOW_LOG, vpc.account, vpc.region);
    if (unread) {
      const seen = inactive ? ` (${inactive})` : '';
      return error(`${who(vpc)}: whether it has a working flow log${seen} is not known: ${unread}.`);
    }
    if (inactive) return fail(`${who(vpc)} has no working flow log of rejected traffic: ${inactive}.`);
    return fail(`${who(vpc)} has no flow log.`);
  },
});
