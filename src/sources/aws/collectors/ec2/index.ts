import type { Collector } from '../../collector.js';
import { addresses } from './addresses.js';
import { customerGateways } from './customer-gateways.js';
import { ebsEncryptionByDefault } from './ebs-encryption-by-default.js';
import { egressOnlyInternetGateways } from './egress-only-internet-gateways.js';
import { flowLogs } from './flow-logs.js';
import { images } from './images.js';
import { instances } from './instances.js';
import { internetGateways } from './internet-gateways.js';
import { natGateways } from './nat-gateways.js';
import { networkAcls } from './network-acls.js';
import { networkInterfaces } from './network-interfaces.js';
import { prefixLists } from './prefix-lists.js';
import { routeTables } from './route-tables.js';
import { securityGroups } from './security-groups.js';
import { snapshotBlockPublicAccess } from './snapshot-block-public-access.js';
import { snapshots } from './snapshots.js';
import { subnets } from './subnets.js';
import { transitGatewayAttachments } from './transit-gateway-attachments.js';
import { transitGatewayRouteTables } from './transit-gateway-route-tables.js';
import { transitGatewayVpcAttachments } from './transit-gateway-vpc-attachments.js';
import { transitGateways } from './transit-gateways.js';
import { volumes } from './volumes.js';
import { vpcEndpoints } from './vpc-endpoints.js';
import { vpcPeeringConnections } from './vpc-peering-connections.js';
import { vpcs } from './vpcs.js';
import { vpnGateways } from './vpn-gateways.js';

/** EC2 and VPC collectors, in file-name order (a test checks this list against the files). */
export const EC2_COLLECTORS: Collector[] = [
  addresses,
  customerGateways,
  ebsEncryptionByDefault,
  egressOnlyInternetGateways,
  flowLogs,
  images,
  instances,
  internetGateways,
  natGateways,
  networkAcls,
  networkInterfaces,
  prefixLists,
  routeTables,
  securityGroups,
  snapshotBlockPublicAccess,
  snapshots,
  subnets,
  transitGatewayAttachments,
  transitGatewayRouteTables,
  transitGatewayVpcAttachments,
  transitGateways,
  volumes,
  vpcEndpoints,
  vpcPeeringConnections,
  vpcs,
  vpnGateways,
];
