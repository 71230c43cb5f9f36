import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';

const ATTACHMENT = 'AWS::EC2::NetworkInterfaceAttachment';

/**
 * Adds the interface ids of a `NetworkInterfaces` list to `ids` (each once) and returns how many
 * interfaces the list shows: the ids known so far plus its entries without an id.
 */
function countInterfaces(list: unknown, ids: string[]): number {
  if (!Array.isArray(list)) return 0;
  let unnamed = 0;
  for (let i = 0; i < list.length; i++) {
    const id = (list[i] as Record<string, unknown> | null)?.NetworkInterfaceId;
    if (typeof id !== 'string') unnamed++;
    else if (!ids.includes(id)) ids.push(id);
  }
  return ids.length + unnamed;
}

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: the instance has one network interface, its primary one. Interfaces counted: the
 * instance's `NetworkInterfaces` (as declared or as observed) and standalone
 * `AWS::EC2::NetworkInterfaceAttachment` resources. Terminated instances are not applicable.
 */
export default defineRule({
  id: 'ec2-instance-single-eni',
  title: 'EC2 instance uses a single network interface',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Instance'],
  rationale:
    'Each network interface can sit in a different subnet with its own security groups, so an instance with several interfaces bridges networks that were meant to be separate: traffic reaching it through one interface can leave through another, around the route tables, network ACLs and security groups of either side. Appliances that need it (firewalls, NAT, EKS nodes with prefix delegation) are exceptions to document; other instances should have one.',
  remediation: {
    text: 'Detach and delete the secondary interfaces unless the instance is an appliance that needs them, and suppress the finding for those with a reason.',
    cli: 'aws ec2 detach-network-interface --attachment-id <eni-attach-id>',
  },
  controls: ['aws-fsbp:EC2.17'],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-17',
  ],
  evaluate(instance, ctx) {
    if (instance.observed?.State === 'terminated')
      return notApplicable(() => `${who(instance)} is terminated.`);
    const declared = instance.props.NetworkInterfaces;
    const observed = instance.observed?.NetworkInterfaces;
    const unresolved = isUnresolved(declared) ? declared : isUnresolved(observed) ? observed : undefined;
    if (unresolved) return error(`${who(instance)}: ${describeUnresolved('NetworkInterfaces', unresolved)}.`);
    const ids: string[] = [];
    // The declared and the observed list name the same interfaces: count each id once.
    const count = Math.max(countInterfaces(declared, ids), countInterfaces(observed, ids));
    let attachments = 0;
    const referrers = ctx.graph.referencing(instance);
    for (let i = 0; i < referrers.length; i++) {
      const r = referrers[i]!;
      if (r.type === ATTACHMENT && r.props.InstanceId === instance.id) attachments++;
    }
    const total = Math.max(count, 1) + attachments;
    if (total > 1) {
      const shown = ids.length > 0 ? ` (${ids.slice(0, 4).join(', ')})` : '';
      return fail(`${who(instance)} has ${total} network interfaces${shown}.`);
    }
    return pass(() => `${who(instance)} has one network interface.`);
  },
});
