import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';

const ATTACHMENT = 'AWS::EC2::NetworkInterfaceAttachment';

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
    const who = `EC2 instance ${label(instance)}`;
    if (instance.observed?.State === 'terminated') return notApplicable(() => `${who} is terminated.`);
    const ids = new Set<string>();
    let count = 0;
    for (const list of [instance.props.NetworkInterfaces, instance.observed?.NetworkInterfaces]) {
      if (isUnresolved(list)) return error(`${who}: ${describeUnresolved('NetworkInterfaces', list)}.`);
      if (!Array.isArray(list)) continue;
      let unnamed = 0;
      for (const eni of list as Array<Record<string, unknown> | null>) {
        const id = eni?.NetworkInterfaceId;
        if (typeof id === 'string') ids.add(id);
        else unnamed++;
      }
      count = Math.max(count, ids.size + unnamed);
    }
    const attachments = ctx.graph
      .referencing(instance)
      .filter((r) => r.type === ATTACHMENT && r.props.InstanceId === instance.id);
    const total = Math.max(count, 1) + attachments.length;
    if (total > 1) {
      const shown = ids.size > 0 ? ` (${[...ids].slice(0, 4).join(', ')})` : '';
      return fail(`${who} has ${total} network interfaces${shown}.`);
    }
    return pass(() => `${who} has one network interface.`);
  },
});
