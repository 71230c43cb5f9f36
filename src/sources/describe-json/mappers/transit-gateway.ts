import { unresolved } from '../../../model/index.js';
import type { Builder, Item } from '../builder.js';
import { compact, num, obj, objects, parseArn, str, stringList, type Json } from '../values.js';
import { ec2Arn, requireId, type Collections, type Mapper } from './common.js';

const TGW = 'AWS::EC2::TransitGateway';
const ACTIVE = new Set(['associated', 'associating', 'enabled', 'enabling']);

/** `describe-transit-gateways` → `AWS::EC2::TransitGateway` (the `Options` flattened, as CloudFormation has them). */
function mapGateways(input: Collections, builder: Builder): void {
  for (const item of input.items('TransitGateways')) {
    const v = item.value;
    const id = requireId(builder, item, 'TransitGatewayId', 'transit gateway');
    if (!id) continue;
    const options = obj(v.Options) ?? {};
    const arn = str(v.TransitGatewayArn);
    builder.add({
      type: TGW,
      id,
      item,
      arn: arn ?? ec2Arn(`transit-gateway/${id}`),
      tags: v.Tags,
      owner: str(v.OwnerId),
      region: parseArn(arn)?.region,
      props: compact({
        Description: str(v.Description),
        AmazonSideAsn: num(options.AmazonSideAsn),
        AutoAcceptSharedAttachments: str(options.AutoAcceptSharedAttachments),
        DefaultRouteTableAssociation: str(options.DefaultRouteTableAssociation),
        DefaultRouteTablePropagation: str(options.DefaultRouteTablePropagation),
        AssociationDefaultRouteTableId: str(options.AssociationDefaultRouteTableId),
        PropagationDefaultRouteTableId: str(options.PropagationDefaultRouteTableId),
        DnsSupport: str(options.DnsSupport),
        VpnEcmpSupport: str(options.VpnEcmpSupport),
        MulticastSupport: str(options.MulticastSupport),
        SecurityGroupReferencingSupport: str(options.SecurityGroupReferencingSupport),
        TransitGatewayCidrBlocks: stringList(options.TransitGatewayCidrBlocks),
      }),
      observed: compact({ State: str(v.State), OwnerId: str(v.OwnerId) }),
    });
  }
}

/** What the input says about one attachment, as seen from one transit gateway. */
interface AttachmentView {
  id: string;
  transitGatewayId?: string;
  generic?: Item;
  vpc?: Item;
  peering?: Item;
}

/**
 * Joins the three attachment listings (`describe-transit-gateway-attachments`, `...-vpc-attachments`,
 * `...-peering-attachments`) per attachment and transit gateway. The two sides of a peering attachment
 * share one id but belong to different gateways, so they stay two views.
 */
function attachmentViews(input: Collections, builder: Builder): AttachmentView[] {
  const views = new Map<string, AttachmentView>();
  const view = (id: string, tgw: string | undefined): AttachmentView => {
    const key = `${id}|${tgw ?? ''}`;
    let found = views.get(key);
    if (!found) views.set(key, (found = { id, transitGatewayId: tgw }));
    return found;
  };
  for (const item of input.items('TransitGatewayAttachments')) {
    const id = requireId(builder, item, 'TransitGatewayAttachmentId', 'transit gateway attachment');
    if (id) view(id, str(item.value.TransitGatewayId)).generic ??= item;
  }
  for (const item of input.items('TransitGatewayVpcAttachments')) {
    const id = requireId(builder, item, 'TransitGatewayAttachmentId', 'transit gateway VPC attachment');
    if (id) view(id, str(item.value.TransitGatewayId)).vpc ??= item;
  }
  for (const item of input.items('TransitGatewayPeeringAttachments')) {
    const id = requireId(builder, item, 'TransitGatewayAttachmentId', 'transit gateway peering attachment');
    if (!id) continue;
    const requester = obj(item.value.RequesterTgwInfo) ?? {};
    const accepter = obj(item.value.AccepterTgwInfo) ?? {};
    // The listing names requester and accepter; the side read is the one whose account holds the file.
    const here = item.doc.file.context.account;
    const side = here !== undefined && here === str(accepter.OwnerId) ? accepter : requester;
    view(id, str(side.TransitGatewayId)).peering ??= item;
  }
  return [...views.values()];
}

/** Peer gateway, account and region of a peering attachment view. */
function peerOf(view: AttachmentView): { tgw?: string; account?: string; region?: string } {
  if (view.peering) {
    const requester = obj(view.peering.value.RequesterTgwInfo) ?? {};
    const accepter = obj(view.peering.value.AccepterTgwInfo) ?? {};
    const peer = str(requester.TransitGatewayId) === view.transitGatewayId ? accepter : requester;
    return { tgw: str(peer.TransitGatewayId), account: str(peer.OwnerId), region: str(peer.Region) };
  }
  const g = view.generic?.value ?? {};
  return { tgw: str(g.ResourceId), account: str(g.ResourceOwnerId) };
}

function mapAttachments(input: Collections, builder: Builder): void {
  for (const view of attachmentViews(input, builder)) {
    const generic = view.generic?.value ?? {};
    const vpc = view.vpc?.value ?? {};
    const peering = view.peering?.value ?? {};
    const item = (view.generic ?? view.vpc ?? view.peering)!;
    const resourceType =
      str(generic.ResourceType) ?? (view.vpc ? 'vpc' : view.peering ? 'peering' : undefined);
    const association = obj(generic.Association);
    const observed = compact({
      State: str(generic.State) ?? str(vpc.State) ?? str(peering.State),
      Association: association,
      ResourceType: resourceType,
      ResourceId: str(generic.ResourceId),
      ResourceOwnerId: str(generic.ResourceOwnerId) ?? str(vpc.VpcOwnerId),
      TransitGatewayOwnerId: str(generic.TransitGatewayOwnerId),
    });
    const tags = generic.Tags ?? vpc.Tags ?? peering.Tags;
    const base = {
      id: view.id,
      item,
      tags,
      view: view.transitGatewayId,
      arn: ec2Arn(`transit-gateway-attachment/${view.id}`),
    };

    // Every attachment is listed on its gateway, including VPN and Direct Connect ones that have no
    // CloudFormation type of their own (their VPN connection or gateway association creates them).
    const gateway = view.transitGatewayId ? builder.get(TGW, view.transitGatewayId) : undefined;
    if (gateway) {
      const listed = ((gateway.observed ??= {}).Attachments ??= []) as Json[];
      listed.push(compact({ TransitGatewayAttachmentId: view.id, ...observed }));
    }

    if (resourceType === 'vpc') {
      const options = obj(vpc.Options);
      builder.add({
        ...base,
        type: 'AWS::EC2::TransitGatewayAttachment',
        // The VPC owner creates the attachment; the gateway owner sees it too.
        owner: str(vpc.VpcOwnerId) ?? str(generic.ResourceOwnerId),
        props: compact({
          TransitGatewayId: view.transitGatewayId,
          VpcId: str(vpc.VpcId) ?? str(generic.ResourceId),
          SubnetIds: view.vpc ? (stringList(vpc.SubnetIds) ?? []) : unresolvedSubnets(),
          Options: options,
        }),
        observed,
      });
    } else if (resourceType === 'peering') {
      const peer = peerOf(view);
      builder.add({
        ...base,
        type: 'AWS::EC2::TransitGatewayPeeringAttachment',
        owner: str(generic.TransitGatewayOwnerId),
        props: compact({
          TransitGatewayId: view.transitGatewayId,
          PeerTransitGatewayId: peer.tgw,
          PeerAccountId: peer.account,
          PeerRegion: peer.region,
        }),
        observed,
      });
    } else if (resourceType === 'connect') {
      builder.add({
        ...base,
        type: 'AWS::EC2::TransitGatewayConnect',
        owner: str(generic.TransitGatewayOwnerId),
        props: compact({ TransportTransitGatewayAttachmentId: str(generic.ResourceId) }),
        observed,
      });
    } else if (!gateway) {
      builder.gap({
        kind: 'missing-reference',
        message: `${item.doc.file.rel}: transit gateway attachment ${view.id} (${resourceType ?? 'unknown type'}) belongs to ${view.transitGatewayId ?? 'an unnamed transit gateway'}, which is not in the input; it is not mapped`,
        file: item.doc.file.rel,
        path: item.path,
        resourceType: TGW,
        resourceId: view.transitGatewayId,
      });
    }
  }
}

function unresolvedSubnets(): unknown {
  return unresolved(
    'ec2 describe-transit-gateway-vpc-attachments',
    'the attachment subnets are not in the input',
  );
}

/** Entries of an aggregate listing keyed by route table (`[{TransitGatewayRouteTableId, <list>}]`). */
function byRouteTable(
  items: Item[],
  listKey: string,
): Map<string, { item: Item; entries: Json[]; more: boolean }> {
  const map = new Map<string, { item: Item; entries: Json[]; more: boolean }>();
  for (const item of items) {
    const table = str(item.value.TransitGatewayRouteTableId);
    if (!table) continue;
    const found = map.get(table) ?? { item, entries: [], more: false };
    found.entries.push(...objects(item.value[listKey]));
    found.more ||= item.value.AdditionalRoutesAvailable === true;
    map.set(table, found);
  }
  return map;
}

/**
 * `describe-transit-gateway-route-tables` → `AWS::EC2::TransitGatewayRouteTable`, with the
 * standalone CloudFormation resources folded in as the EC2 route table does it:
 * `Routes[]` (`TransitGatewayRoute`: `{DestinationCidrBlock | DestinationPrefixListId,
 * TransitGatewayAttachmentId, Blackhole}`), `Associations[]` and `Propagations[]`
 * (`{TransitGatewayAttachmentId}`). A list the input does not have is unresolved, not empty.
 */
function mapRouteTables(input: Collections, builder: Builder): void {
  const routes = byRouteTable(input.items('TransitGatewayStaticRoutes'), 'Routes');
  const propagations = byRouteTable(
    input.items('TransitGatewayPropagations'),
    'TransitGatewayRouteTablePropagations',
  );
  const associationLists = byRouteTable(input.items('TransitGatewayRouteTableAssociations'), 'Associations');
  const associations = new Map<string, Set<string>>();
  const associate = (table: string | undefined, attachment: string | undefined): void => {
    if (!table || !attachment) return;
    const set = associations.get(table) ?? new Set<string>();
    set.add(attachment);
    associations.set(table, set);
  };
  for (const item of input.items('TransitGatewayAttachments')) {
    const association = obj(item.value.Association);
    if (association && ACTIVE.has(str(association.State) ?? 'associated')) {
      associate(str(association.TransitGatewayRouteTableId), str(item.value.TransitGatewayAttachmentId));
    }
  }
  for (const [table, { entries }] of associationLists) {
    for (const entry of entries) {
      if (ACTIVE.has(str(entry.State) ?? 'associated'))
        associate(table, str(entry.TransitGatewayAttachmentId));
    }
  }
  const associationsKnown = input.present('TransitGatewayAttachments');

  for (const item of input.items('TransitGatewayRouteTables')) {
    const v = item.value;
    const id = requireId(builder, item, 'TransitGatewayRouteTableId', 'transit gateway route table');
    if (!id) continue;
    const tgw = str(v.TransitGatewayId);
    const tableRoutes = routes.get(id);
    if (tableRoutes?.more) {
      builder.gap({
        kind: 'api-error',
        message: `${tableRoutes.item.doc.file.rel}: transit gateway route table ${id} has more routes than were saved (AdditionalRoutesAvailable)`,
        file: tableRoutes.item.doc.file.rel,
        resourceType: 'AWS::EC2::TransitGatewayRouteTable',
        resourceId: id,
      });
    }
    const mapped = tableRoutes?.entries.map((route) => {
      const attachments = objects(route.TransitGatewayAttachments);
      return {
        route: compact({
          DestinationCidrBlock: str(route.DestinationCidrBlock),
          DestinationPrefixListId: str(route.PrefixListId),
          TransitGatewayAttachmentId: str(attachments[0]?.TransitGatewayAttachmentId),
          Blackhole: str(route.State) === 'blackhole' ? true : undefined,
        }),
        observed: compact({
          State: str(route.State),
          Type: str(route.Type),
          TransitGatewayAttachments: attachments.length > 1 ? attachments : undefined,
        }),
      };
    });
    const tablePropagations = propagations.get(id);
    const tableAssociations = associations.get(id);
    builder.add({
      type: 'AWS::EC2::TransitGatewayRouteTable',
      id,
      item,
      arn: ec2Arn(`transit-gateway-route-table/${id}`),
      tags: v.Tags,
      region: tgw ? builder.get(TGW, tgw)?.region : undefined,
      props: compact({
        TransitGatewayId: tgw,
        Routes: mapped
          ? mapped.map((r) => r.route)
          : unresolved('ec2 search-transit-gateway-routes', 'the routes of this table are not in the input'),
        Associations:
          associationsKnown || tableAssociations
            ? [...(tableAssociations ?? [])]
                .sort()
                .map((TransitGatewayAttachmentId) => ({ TransitGatewayAttachmentId }))
            : unresolved(
                'ec2 describe-transit-gateway-attachments',
                'attachment associations are not in the input',
              ),
        Propagations: tablePropagations
          ? tablePropagations.entries
              .filter((p) => ACTIVE.has(str(p.State) ?? 'enabled'))
              .map((p) => compact({ TransitGatewayAttachmentId: str(p.TransitGatewayAttachmentId) }))
          : unresolved(
              'ec2 get-transit-gateway-route-table-propagations',
              'the propagations of this table are not in the input',
            ),
      }),
      observed: compact({
        State: str(v.State),
        DefaultAssociationRouteTable: v.DefaultAssociationRouteTable,
        DefaultPropagationRouteTable: v.DefaultPropagationRouteTable,
        Routes: mapped?.map((r) => r.observed),
      }),
    });
  }
}

/** All transit gateway listings: gateways, attachments, route tables with routes, associations, propagations. */
export const mapTransitGateways: Mapper = (input, builder) => {
  mapGateways(input, builder);
  mapAttachments(input, builder);
  mapRouteTables(input, builder);
};
