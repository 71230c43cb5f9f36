import type { Builder } from '../builder.js';
import { compact, num, objects, str, type Json } from '../values.js';
import { ec2Arn, requireId, type Mapper } from './common.js';

/**
 * Flattens EC2 `IpPermissions` into CloudFormation rules. One API permission carries several peers
 * (`IpRanges`, `Ipv6Ranges`, `PrefixListIds`, `UserIdGroupPairs`) for one protocol and port range;
 * CloudFormation has one peer per rule, so each peer becomes its own rule.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html
 *
 * `SourceSecurityGroupOwnerId` is set only when the referenced group belongs to another account
 * than `groupOwner`, which is how a template writes a same-account reference.
 */
export function flattenPermissions(
  permissions: unknown,
  direction: 'ingress' | 'egress',
  groupOwner?: string,
): { rules: Json[]; problems: string[] } {
  const rules: Json[] = [];
  const problems: string[] = [];
  const ingress = direction === 'ingress';
  objects(permissions).forEach((permission, index) => {
    const protocol = permission.IpProtocol;
    const base = compact({
      IpProtocol: protocol === undefined || protocol === null ? undefined : String(protocol).toLowerCase(),
      FromPort: num(permission.FromPort),
      ToPort: num(permission.ToPort),
    });
    const before = rules.length;
    for (const range of objects(permission.IpRanges)) {
      rules.push(compact({ ...base, CidrIp: str(range.CidrIp), Description: str(range.Description) }));
    }
    for (const range of objects(permission.Ipv6Ranges)) {
      rules.push(compact({ ...base, CidrIpv6: str(range.CidrIpv6), Description: str(range.Description) }));
    }
    for (const list of objects(permission.PrefixListIds)) {
      const id = str(list.PrefixListId);
      rules.push(
        compact({
          ...base,
          ...(ingress ? { SourcePrefixListId: id } : { DestinationPrefixListId: id }),
          Description: str(list.Description),
        }),
      );
    }
    for (const pair of objects(permission.UserIdGroupPairs)) {
      const groupId = str(pair.GroupId);
      const owner = str(pair.UserId);
      const peer: Json = ingress
        ? {
            SourceSecurityGroupId: groupId,
            // EC2-Classic and default-VPC rules may name the group instead of giving its id.
            SourceSecurityGroupName: groupId ? undefined : str(pair.GroupName),
            SourceSecurityGroupOwnerId: owner && owner !== groupOwner ? owner : undefined,
          }
        : { DestinationSecurityGroupId: groupId };
      rules.push(compact({ ...base, ...peer, Description: str(pair.Description) }));
    }
    if (rules.length === before) problems.push(`${direction} permission ${index} names no peer`);
  });
  return { rules, problems };
}

/** `describe-security-groups` → `AWS::EC2::SecurityGroup`. */
export const mapSecurityGroups: Mapper = (input, builder: Builder) => {
  for (const item of input.items('SecurityGroups')) {
    const v = item.value;
    const id = requireId(builder, item, 'GroupId', 'security group');
    if (!id) continue;
    const owner = str(v.OwnerId);
    const ingress = flattenPermissions(v.IpPermissions, 'ingress', owner);
    const egress = flattenPermissions(v.IpPermissionsEgress, 'egress', owner);
    for (const problem of [...ingress.problems, ...egress.problems])
      builder.badItem(item, `rule of ${id}`, problem);
    builder.add({
      type: 'AWS::EC2::SecurityGroup',
      id,
      item,
      arn: str(v.SecurityGroupArn) ?? ec2Arn(`security-group/${id}`),
      name: str(v.GroupName),
      tags: v.Tags,
      owner,
      props: compact({
        GroupDescription: str(v.Description),
        GroupName: str(v.GroupName),
        VpcId: str(v.VpcId),
        SecurityGroupIngress: ingress.rules,
        SecurityGroupEgress: egress.rules,
      }),
      observed: compact({ OwnerId: owner }),
    });
  }
};
