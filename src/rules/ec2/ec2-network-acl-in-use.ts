import { isUnresolved } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
} from '../rule.js';

const STANDALONE_ASSOCIATION = 'AWS::EC2::SubnetNetworkAclAssociation';

/**
 * Compliant: the network ACL is associated with at least one subnet. A VPC's default ACL is not
 * applicable: it cannot be deleted, and subnets fall back to it.
 */
export default defineRule({
  id: 'ec2-network-acl-in-use',
  title: 'Network ACL is associated with a subnet',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::EC2::NetworkAcl'],
  rationale:
    'A network ACL associated with no subnet filters nothing. Left behind after a subnet moves to another ACL, it misleads whoever reads the configuration into believing its deny rules protect something, and it can be associated by mistake later with rules nobody reviewed. Unused ACLs should be removed so the ones that remain are the ones in force.',
  remediation: {
    text: 'Delete the network ACL, or associate it with the subnets it was written for.',
    cli: 'aws ec2 delete-network-acl --network-acl-id <acl-id>',
    cloudformation:
      'AclAssociation:\n  Type: AWS::EC2::SubnetNetworkAclAssociation\n  Properties:\n    SubnetId: !Ref Subnet\n    NetworkAclId: !Ref Acl',
    terraform:
      'resource "aws_network_acl" "this" {\n  vpc_id     = aws_vpc.main.id\n  subnet_ids = [aws_subnet.a.id]\n}',
  },
  controls: ['aws-fsbp:EC2.16'],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/network-acls.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-16',
  ],
  evaluate(acl, ctx) {
    const who = `Network ACL ${label(acl)}`;
    if (asBoolean(acl.observed?.IsDefault) === true || asBoolean(acl.props.IsDefault) === true) {
      return notApplicable(() => `${who} is its VPC's default ACL, which cannot be deleted.`);
    }
    const list = acl.props.Associations;
    if (isUnresolved(list)) return error(`${who}: ${describeUnresolved('Associations', list)}.`);
    const subnets = Array.isArray(list)
      ? list.map((a) => (a as { SubnetId?: unknown } | null)?.SubnetId).filter((s) => s !== undefined)
      : [];
    const standalone = ctx.graph
      .referencing(acl)
      .filter((r) => r.type === STANDALONE_ASSOCIATION && r.props.NetworkAclId === acl.id);
    const count = subnets.length + standalone.length;
    if (count > 0) {
      const shown = subnets.filter((s): s is string => typeof s === 'string');
      return pass(
        () =>
          `${who} is associated with ${count === 1 ? 'a subnet' : `${count} subnets`}${shown.length ? ` (${shown.slice(0, 3).join(', ')}${shown.length > 3 ? ', ...' : ''})` : ''}.`,
      );
    }
    return fail(`${who} is associated with no subnet.`);
  },
});
