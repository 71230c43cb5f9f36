/**
 * The describe-JSON mappers as one list, shared by the describe-JSON source (saved `aws … describe-*`
 * output) and the live AWS source (the same output read through the SDK), so both give the same resources.
 */
import type { Mapper } from './common.js';
import { mapInstances, mapNetworkInterfaces, mapSnapshots, mapVolumes } from './compute.js';
import { mapLoadBalancing } from './elb.js';
import { mapIam } from './iam.js';
import { mapNetworkAcls } from './network-acl.js';
import { mapDbClusters, mapDbInstances } from './rds.js';
import { mapRouteTables } from './route-table.js';
import { mapS3 } from './s3.js';
import { mapSearchDomains } from './search.js';
import { mapSecurityGroups } from './security-group.js';
import { mapTransitGateways } from './transit-gateway.js';
import {
  mapAddresses,
  mapEgressOnlyInternetGateways,
  mapFlowLogs,
  mapInternetGateways,
  mapNatGateways,
  mapPrefixLists,
  mapSubnets,
  mapVpcEndpoints,
  mapVpcPeeringConnections,
  mapVpcs,
} from './vpc.js';
import {
  mapCustomerGateways,
  mapDirectConnectGatewayAssociations,
  mapDirectConnectGateways,
  mapVirtualInterfaces,
  mapVpnConnections,
  mapVpnGateways,
} from './vpn.js';

/** Every mapper, in an order where lookups find what they need (gateways before their attachments). */
export const MAPPERS: Mapper[] = [
  mapVpcs,
  mapSubnets,
  mapRouteTables,
  mapNetworkAcls,
  mapSecurityGroups,
  mapInstances,
  mapNetworkInterfaces,
  mapVolumes,
  mapSnapshots,
  mapInternetGateways,
  mapEgressOnlyInternetGateways,
  mapNatGateways,
  mapAddresses,
  mapVpcPeeringConnections,
  mapVpcEndpoints,
  mapPrefixLists,
  mapFlowLogs,
  mapTransitGateways,
  mapVpnGateways,
  mapCustomerGateways,
  mapVpnConnections,
  mapDirectConnectGateways,
  mapDirectConnectGatewayAssociations,
  mapVirtualInterfaces,
  mapLoadBalancing,
  mapDbInstances,
  mapDbClusters,
  mapSearchDomains,
  mapS3,
  mapIam,
];
