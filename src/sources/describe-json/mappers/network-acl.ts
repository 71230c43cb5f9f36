import { bool, compact, num, obj, objects, str, type Json } from '../values.js';
import { ec2Arn, requireId, type Mapper } from './common.js';

/**
 * One `describe-network-acls` entry in the CloudFormation `NetworkAclEntry` shape, with
 * `RuleNumber` and `Protocol` as numbers (`-1` all, `6` TCP, `17` UDP, `1` ICMP) and `Egress` always
 * set. The default `*` rule is kept as AWS returns it, rule number 32767 deny.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html
 */
export function mapNaclEntry(entry: Json): Json {
  const ports = obj(entry.PortRange);
  const icmp = obj(entry.IcmpTypeCode);
  return compact({
    RuleNumber: num(entry.RuleNumber),
    Protocol: num(entry.Protocol),
    RuleAction: str(entry.RuleAction)?.toLowerCase(),
    Egress: bool(entry.Egress) ?? false,
    CidrBlock: str(entry.CidrBlock),
    Ipv6CidrBlock: str(entry.Ipv6CidrBlock),
    PortRange: ports ? compact({ From: num(ports.From), To: num(ports.To) }) : undefined,
    Icmp: icmp ? compact({ Code: num(icmp.Code), Type: num(icmp.Type) }) : undefined,
  });
}

/** `describe-network-acls` → `AWS::EC2::NetworkAcl` with folded `Entries` and `Associations`. */
export const mapNetworkAcls: Mapper = (input, builder) => {
  for (const item of input.items('NetworkAcls')) {
    const v = item.value;
    const id = requireId(builder, item, 'NetworkAclId', 'network ACL');
    if (!id) continue;
    const owner = str(v.OwnerId);
    builder.add({
      type: 'AWS::EC2::NetworkAcl',
      id,
      item,
      arn: ec2Arn(`network-acl/${id}`),
      tags: v.Tags,
      owner,
      props: compact({
        VpcId: str(v.VpcId),
        Entries: objects(v.Entries).map(mapNaclEntry),
        Associations: objects(v.Associations)
          .map((a) => str(a.SubnetId))
          .filter((s): s is string => s !== undefined)
          .map((SubnetId) => ({ SubnetId })),
      }),
      observed: compact({ IsDefault: bool(v.IsDefault), OwnerId: owner }),
    });
  }
};
