/**
 * The describe outputs this source reads, by the top-level key of the JSON (the file name does not
 * matter: `Vpcs.json`, `describe-vpcs.json` and `vpcs-eu.json` are all read by their `Vpcs` key).
 * The value is the command that prints it, for messages and the README.
 */
export const ITEM_KEYS: Readonly<Record<string, string>> = {
  Vpcs: 'ec2 describe-vpcs',
  Subnets: 'ec2 describe-subnets',
  RouteTables: 'ec2 describe-route-tables',
  NetworkAcls: 'ec2 describe-network-acls',
  SecurityGroups: 'ec2 describe-security-groups',
  Reservations: 'ec2 describe-instances',
  NetworkInterfaces: 'ec2 describe-network-interfaces',
  NatGateways: 'ec2 describe-nat-gateways',
  InternetGateways: 'ec2 describe-internet-gateways',
  EgressOnlyInternetGateways: 'ec2 describe-egress-only-internet-gateways',
  VpcPeeringConnections: 'ec2 describe-vpc-peering-connections',
  VpcEndpoints: 'ec2 describe-vpc-endpoints',
  Addresses: 'ec2 describe-addresses',
  PrefixLists: 'ec2 describe-prefix-lists / describe-managed-prefix-lists',
  FlowLogs: 'ec2 describe-flow-logs',
  Volumes: 'ec2 describe-volumes',
  Snapshots: 'ec2 describe-snapshots --owner-ids self',
  TransitGateways: 'ec2 describe-transit-gateways',
  TransitGatewayAttachments: 'ec2 describe-transit-gateway-attachments',
  TransitGatewayVpcAttachments: 'ec2 describe-transit-gateway-vpc-attachments',
  TransitGatewayPeeringAttachments: 'ec2 describe-transit-gateway-peering-attachments',
  TransitGatewayRouteTables: 'ec2 describe-transit-gateway-route-tables',
  TransitGatewayPropagations: 'get-transit-gateway-route-table-propagations, per table (Batfish layout)',
  TransitGatewayStaticRoutes: 'search-transit-gateway-routes, per table (Batfish layout)',
  VpnGateways: 'ec2 describe-vpn-gateways',
  CustomerGateways: 'ec2 describe-customer-gateways',
  VpnConnections: 'ec2 describe-vpn-connections',
  DirectConnectGateways: 'directconnect describe-direct-connect-gateways',
  DirectConnectGatewayAssociations: 'directconnect describe-direct-connect-gateway-associations',
  VirtualInterfaces: 'directconnect describe-virtual-interfaces',
  LoadBalancers: 'elbv2 describe-load-balancers',
  LoadBalancerDescriptions: 'elb describe-load-balancers',
  TargetGroups: 'elbv2 describe-target-groups',
  Listeners: 'elbv2 describe-listeners',
  LoadBalancerListeners: 'elbv2 describe-listeners, per load balancer (Batfish layout)',
  LoadBalancerTargetHealth: 'elbv2 describe-target-health, per target group (Batfish layout)',
  LoadBalancerAttributes: 'elbv2 describe-load-balancer-attributes, per load balancer (Batfish layout)',
  DBInstances: 'rds describe-db-instances',
  DBClusters: 'rds describe-db-clusters',
  DomainStatusList: 'es describe-elasticsearch-domains / opensearch describe-domains',
  DomainStatus: 'opensearch describe-domain',
  Buckets: 's3api list-buckets',
  UserDetailList: 'iam get-account-authorization-details',
  GroupDetailList: 'iam get-account-authorization-details',
  RoleDetailList: 'iam get-account-authorization-details',
  Policies: 'iam get-account-authorization-details / iam list-policies',
};

/**
 * Outputs that need the file name to say what they belong to, because the API prints them without
 * the owning id: the transit gateway route table (`tgw-rtb-…` in the path) or the target group
 * (its name in the path).
 */
export const BARE_KEYS: Readonly<Record<string, string>> = {
  TransitGatewayRouteTablePropagations: 'ec2 get-transit-gateway-route-table-propagations',
  Associations: 'ec2 get-transit-gateway-route-table-associations',
  Routes: 'ec2 search-transit-gateway-routes',
  TargetHealthDescriptions: 'elbv2 describe-target-health',
  Rules: 'elbv2 describe-rules',
};

/** Reference data the API returns that describes AWS, not the account: read, not mapped. */
export const REFERENCE_KEYS: Readonly<Record<string, string>> = {
  AvailabilityZones: 'ec2 describe-availability-zones',
  ServiceDetails: 'ec2 describe-vpc-endpoint-services',
  ServiceNames: 'ec2 describe-vpc-endpoint-services',
  Regions: 'ec2 describe-regions',
};

/** Keys that carry no resources (pagination, response metadata, the list-buckets owner). */
export const IGNORED_KEYS = new Set([
  'NextToken',
  'NextMarker',
  'Marker',
  'IsTruncated',
  'ResponseMetadata',
  '$metadata',
  'Owner',
  'AdditionalRoutesAvailable',
  'ContinuationToken',
  'Prefix',
]);

/** True when a top-level key says the saved output is one page of several. */
export function morePages(output: Record<string, unknown>): boolean {
  const token = output.NextToken ?? output.NextMarker;
  return (typeof token === 'string' && token !== '') || output.IsTruncated === true;
}
