import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, isPlanned, label, notApplicable, pass } from '../rule.js';
import { unreadAny } from '../unread.js';

/** Types that reference groups without using them: other groups' rules, and the group's own rule resources. */
const NOT_USES = new Set([
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::SecurityGroupVpcAssociation',
]);

/** Whether a resource that names the group uses it (rather than naming it in a rule). */
function uses(referrer: Resource): boolean {
  return !NOT_USES.has(referrer.type);
}

/**
 * Types that name the security groups they use, in the group's account and region. Every user in a
 * VPC has a network interface with the group, but a listing of any of them that failed may hide the
 * one user the group has.
 */
const USER_TYPES = [
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::VPCEndpoint',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::Lambda::Function',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::ECS::Service',
  'AWS::EKS::Cluster',
  'AWS::Redshift::Cluster',
];

/** How reasons name the group: `Security group <id>`. */
function who(group: Resource): string {
  return `Security group ${label(group)}`;
}

/**
 * Compliant: something uses the security group: an instance, network interface, load balancer,
 * function, database, endpoint, launch template or any other resource that names it outside a
 * security group rule. Default groups (they cannot be deleted) and groups of templates (other
 * stacks may use them) are not applicable.
 */
export default defineRule({
  id: 'ec2-security-group-attached',
  title: 'Security group is attached to a resource',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::EC2::SecurityGroup'],
  rationale:
    'Security groups outlive the instances and services they were made for. Unused ones clutter every review, count against the per-VPC quota, and are picked by mistake for new resources, bringing rules nobody has looked at in years (an old "temporary" SSH opening, a partner range). Deleting groups nothing uses keeps the set that matters small enough to review. Groups used only through network interfaces the snapshot does not hold (managed services) can show as unused: check the network interfaces before deleting.',
  remediation: {
    text: "Check that no network interface uses the group, then delete it; remove references to it from other groups' rules first.",
    cli: 'aws ec2 describe-network-interfaces --filters Name=group-id,Values=<sg-id>\naws ec2 delete-security-group --group-id <sg-id>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/deleting-security-groups.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/working-with-security-groups.html',
  ],
  evaluate(group, ctx) {
    if (group.props.GroupName === 'default')
      return notApplicable(() => `${who(group)} is a default group, which cannot be deleted.`);
    if (isPlanned(group))
      return notApplicable(() => `${who(group)} is declared in a template; other stacks may use it.`);
    const referrers = ctx.graph.referencing(group);
    if (referrers.some(uses)) {
      return pass(() => {
        const users = referrers.filter(uses);
        const shown =
          users.slice(0, 3).map(label).join(', ') + (users.length > 3 ? ` and ${users.length - 3} more` : '');
        return `${who(group)} is used by ${shown}.`;
      });
    }
    const referencedBy = referrers.filter((r) => r.type === 'AWS::EC2::SecurityGroup');
    const note =
      referencedBy.length > 0
        ? ` (only rules of ${referencedBy.slice(0, 3).map(label).join(', ')} mention it)`
        : '';
    const unread = unreadAny(ctx.graph, USER_TYPES, group.account, group.region);
    if (unread) return error(`${who(group)}: whether anything uses it is not known${note}: ${unread}.`);
    return fail(`${who(group)} is attached to nothing in the snapshot${note}.`);
  },
});
