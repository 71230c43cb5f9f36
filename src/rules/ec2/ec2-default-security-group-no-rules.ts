import { isUnresolved, sgRuleTraffic, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, prop, type GraphView } from '../rule.js';
import { describeTraffic } from './ingress.js';

const GROUP = 'AWS::EC2::SecurityGroup';
const INGRESS = 'AWS::EC2::SecurityGroupIngress';
const EGRESS = 'AWS::EC2::SecurityGroupEgress';
const VPC = 'AWS::EC2::VPC';

/** `tcp 22 from 10.0.0.0/16`, `all traffic to 0.0.0.0/0`, `all traffic from itself`. */
function describeRule(rule: unknown, group: Resource, direction: 'from' | 'to'): string {
  if (rule === null || typeof rule !== 'object') return 'a malformed rule';
  const r = rule as Record<string, unknown>;
  const protocol = typeof r.IpProtocol === 'string' || typeof r.IpProtocol === 'number' ? r.IpProtocol : '-1';
  const t = sgRuleTraffic(
    protocol,
    typeof r.FromPort === 'number' ? r.FromPort : undefined,
    typeof r.ToPort === 'number' ? r.ToPort : undefined,
  );
  const traffic = t.ok ? describeTraffic(t.value) : `protocol ${String(protocol)}`;
  const peer =
    r.CidrIp ??
    r.CidrIpv6 ??
    r.SourceSecurityGroupId ??
    r.DestinationSecurityGroupId ??
    r.SourcePrefixListId ??
    r.DestinationPrefixListId;
  const shown = peer === group.id ? 'itself' : typeof peer === 'string' ? peer : 'an unknown peer';
  return `${traffic} ${direction} ${shown}`;
}

const TERRAFORM_DEFAULT_GROUP = '.default_security_group_id';

/**
 * The VPC whose default group a standalone rule's `GroupId` names: CloudFormation's
 * `{ "Fn::GetAtt": ["Vpc", "DefaultSecurityGroup"] }` or Terraform's
 * `aws_vpc.main.default_security_group_id`, kept unresolved (the VPC's id); or, in a Terraform
 * state, the group id the VPC records as `observed.DefaultSecurityGroupId`.
 */
function defaultGroupOf(value: unknown, graph: GraphView): string | undefined {
  if (typeof value === 'string') {
    if (!value.startsWith('sg-')) return undefined;
    return graph.find(VPC, (v) => v.observed?.DefaultSecurityGroupId === value)?.id;
  }
  if (!isUnresolved(value)) return undefined;
  const expression = value.expression;
  if (typeof expression === 'string') {
    return expression.endsWith(TERRAFORM_DEFAULT_GROUP)
      ? expression.slice(0, -TERRAFORM_DEFAULT_GROUP.length)
      : undefined;
  }
  const getAtt = (expression as Record<string, unknown> | null)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'DefaultSecurityGroup' && typeof getAtt[0] === 'string')
    return getAtt[0];
  if (typeof getAtt === 'string' && getAtt.endsWith('.DefaultSecurityGroup'))
    return getAtt.slice(0, -'.DefaultSecurityGroup'.length);
  return undefined;
}

/**
 * Compliant: the default security group of every VPC has no inbound and no outbound rules. Other
 * groups are not applicable. A template cannot declare the default group, but it can add rules to
 * it (`GroupId: !GetAtt Vpc.DefaultSecurityGroup`; in Terraform `aws_vpc.main.default_security_group_id`):
 * such a rule fails. Terraform's `aws_default_security_group` is the default group itself.
 */
export default defineRule({
  id: 'ec2-default-security-group-no-rules',
  title: 'VPC default security group has no rules',
  category: 'compliance',
  severity: 'high',
  resourceTypes: [GROUP, INGRESS, EGRESS],
  rationale:
    'AWS creates every VPC with a default security group that allows all traffic between its members and all outbound traffic, and attaches it to any instance, interface endpoint or other resource launched without a group. Resources that land in it by accident can talk to each other and to the internet unchecked. Removing its rules makes such mistakes fail closed and forces every resource into a group made for it.',
  remediation: {
    text: 'Delete every inbound and outbound rule of the default group (it cannot be deleted itself), move resources that use it to dedicated groups, and keep it empty.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <default-sg-id> --ip-permissions \'[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"<default-sg-id>"}]}]\'\naws ec2 revoke-security-group-egress --group-id <default-sg-id> --ip-permissions \'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\'',
    terraform:
      '# Adopting the default group with no rules removes the ones AWS created.\nresource "aws_default_security_group" "default" {\n  vpc_id = aws_vpc.main.id\n}',
  },
  controls: ['cis-aws-v5.0:5.5', 'aws-fsbp:EC2.2', 'pci-dss-v4.0:1.3.1', 'pci-dss-v4.0:1.3.2'],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2',
  ],
  evaluate(group, ctx) {
    if (group.type !== GROUP) {
      const vpc = defaultGroupOf(group.props.GroupId, ctx.graph);
      const direction = group.type === INGRESS ? 'an inbound' : 'an outbound';
      if (vpc === undefined) {
        return notApplicable(
          () => `Security group rule ${label(group)} is not known to modify a default security group.`,
        );
      }
      return fail(
        `Security group rule ${label(group)} adds ${direction} rule (${describeRule(group.props, group, group.type === INGRESS ? 'from' : 'to')}) to the default security group of VPC ${vpc}.`,
      );
    }
    const name = prop(group.props, 'GroupName');
    if (!name.known) return error(`Security group ${label(group)}: ${name.reason}.`);
    if (name.value !== 'default')
      return notApplicable(() => `Security group ${label(group)} is not a VPC default group.`);
    const who = `Default security group ${label(group)}${typeof group.props.VpcId === 'string' ? ` of VPC ${group.props.VpcId}` : ''}`;
    const rules: string[] = [];
    for (const [path, direction] of [
      ['SecurityGroupIngress', 'from'],
      ['SecurityGroupEgress', 'to'],
    ] as const) {
      const list = prop(group.props, path);
      if (!list.known) return error(`${who}: ${list.reason}.`);
      // Sources give the default group's rules as lists (describe output; Terraform's
      // aws_default_security_group removes the rules it does not declare).
      if (list.value === undefined) continue;
      if (!Array.isArray(list.value)) return error(`${who} has ${path} that is not a list.`);
      for (const rule of list.value) {
        rules.push(
          `${direction === 'from' ? 'inbound' : 'outbound'} ${describeRule(rule, group, direction)}`,
        );
      }
    }
    if (rules.length > 0) return fail(`${who} allows traffic: ${rules.join('; ')}.`);
    return pass(() => `${who} has no inbound or outbound rules.`);
  },
});
