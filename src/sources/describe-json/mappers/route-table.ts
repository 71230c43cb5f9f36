import { compact, obj, objects, str, type Json } from '../values.js';
import { ec2Arn, requireId, type Mapper } from './common.js';

/** Destination and target keys of a route, shared by `describe-route-tables` and `AWS::EC2::Route`. */
const ROUTE_KEYS = [
  'DestinationCidrBlock',
  'DestinationIpv6CidrBlock',
  'DestinationPrefixListId',
  'GatewayId',
  'NatGatewayId',
  'InstanceId',
  'NetworkInterfaceId',
  'VpcPeeringConnectionId',
  'TransitGatewayId',
  'VpcEndpointId',
  'EgressOnlyInternetGatewayId',
  'CarrierGatewayId',
  'LocalGatewayId',
  'CoreNetworkArn',
] as const;

/**
 * One API route in the CloudFormation `Route` shape (only the keys that are set), and its runtime
 * facts. The API reports a route to a gateway or Gateway Load Balancer endpoint as
 * `GatewayId: vpce-…`; CloudFormation names that target `VpcEndpointId`, so it is moved there.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html
 */
export function mapRoute(route: Json): { route: Json; observed: Json } {
  const out: Json = {};
  for (const key of ROUTE_KEYS) {
    const value = str(route[key]);
    if (value !== undefined) out[key] = value;
  }
  if (typeof out.GatewayId === 'string' && out.GatewayId.startsWith('vpce-') && !out.VpcEndpointId) {
    out.VpcEndpointId = out.GatewayId;
    delete out.GatewayId;
  }
  return {
    route: out,
    // State `blackhole`: the target is gone, traffic is dropped. Origin `EnableVgwRoutePropagation`:
    // learned from a virtual private gateway, not configured.
    observed: compact({
      State: str(route.State),
      Origin: str(route.Origin),
      InstanceOwnerId: str(route.InstanceOwnerId),
    }),
  };
}

/**
 * `describe-route-tables` → `AWS::EC2::RouteTable` with folded `Routes` and `Associations`
 * (`{SubnetId}`, `{GatewayId}` for edge associations, `{Main: true}` for the VPC's main table).
 * `observed.Routes[i]` holds State and Origin of `props.Routes[i]`.
 */
export const mapRouteTables: Mapper = (input, builder) => {
  for (const item of input.items('RouteTables')) {
    const v = item.value;
    const id = requireId(builder, item, 'RouteTableId', 'route table');
    if (!id) continue;
    const routes = objects(v.Routes).map(mapRoute);
    const associations: Json[] = [];
    const inactive: Json[] = [];
    for (const association of objects(v.Associations)) {
      const state = str(obj(association.AssociationState)?.State);
      const entry =
        association.Main === true
          ? { Main: true }
          : compact({ SubnetId: str(association.SubnetId), GatewayId: str(association.GatewayId) });
      // `associating` counts: it becomes effective; `disassociating`/`failed` ones do not.
      if (state === undefined || state === 'associated' || state === 'associating') associations.push(entry);
      else inactive.push({ ...entry, State: state });
    }
    const owner = str(v.OwnerId);
    builder.add({
      type: 'AWS::EC2::RouteTable',
      id,
      item,
      arn: ec2Arn(`route-table/${id}`),
      tags: v.Tags,
      owner,
      props: compact({ VpcId: str(v.VpcId), Routes: routes.map((r) => r.route), Associations: associations }),
      observed: compact({
        Routes: routes.map((r) => r.observed),
        PropagatingVgws: objects(v.PropagatingVgws)
          .map((p) => str(p.GatewayId))
          .filter((g): g is string => g !== undefined),
        InactiveAssociations: inactive.length > 0 ? inactive : undefined,
        OwnerId: owner,
      }),
    });
  }
};
