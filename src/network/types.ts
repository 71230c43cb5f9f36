import type { PortRange } from '../model/index.js';

/**
 * The public shapes of the network engine: queries, answers and the explanation vocabulary.
 * Explanation codes follow VPC Reachability Analyzer's where the meaning is the same
 * (https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html); docs/reach.md
 * lists every code this engine emits.
 */

/** One end of a reachability question. */
export type Endpoint = { kind: 'resource'; id: string } | { kind: 'internet' } | { kind: 'ip'; ip: string };

export type ReachProtocol = 'tcp' | 'udp' | 'icmp' | 'all';

export interface ReachQuery {
  from: Endpoint;
  to: Endpoint;
  protocol: ReachProtocol;
  /** Destination port (tcp/udp). */
  port?: number;
  /** ICMP type; echo request (8) when omitted. */
  icmpType?: number;
  icmpCode?: number;
}

/** A component of the path, named as the snapshot names it. */
export interface ComponentRef {
  /** CloudFormation type (`AWS::EC2::SecurityGroup`), or `internet` for the outside world. */
  type: string;
  id: string;
  logicalId?: string;
  name?: string;
}

/** One step of a path, with the rule or route that let the packet through. */
export interface Hop {
  component: ComponentRef;
  /** eni, security-group, network-acl, route-table, igw, nat-gateway, nat-instance, vpc-peering, transit-gateway, ... */
  kind: string;
  /** The rule or route that matched, e.g. `ingress rule tcp 443 from 10.0.1.0/24` or `route 0.0.0.0/0 -> igw-1`. */
  matched?: string;
  direction?: 'inbound' | 'outbound';
}

/** Why a path is blocked at one component, and the smallest change that would open it. */
export interface Explanation {
  /** e.g. ENI_SG_RULES_MISMATCH, SUBNET_ACL_RESTRICTION, NO_ROUTE_TO_DESTINATION, IGW_NOT_ATTACHED, NO_PUBLIC_IP. */
  code: string;
  component: ComponentRef;
  detail: string;
  fix?: string;
  /** Whether the block is on the request (forward) or the reply (return) path. */
  path?: 'forward' | 'return';
  /** For rules: which direction of the component blocked. */
  direction?: 'inbound' | 'outbound';
}

export interface ReachAnswer {
  schemaVersion: 1;
  reachable: boolean;
  forward: Hop[];
  return: Hop[];
  explanations: Explanation[];
  /** Assumptions made (unknown private IPs, several placements tried, ephemeral range used). */
  notes?: string[];
}

/** One protocol and port range the internet reaches on one component. */
export interface Exposure {
  /** The resource reached (instance, load balancer, DB instance, ...). */
  component: ComponentRef;
  /** The network interface (or load balancer node) holding the public address. */
  eni: string;
  /** Public address, when the snapshot knows it. */
  publicIp?: string;
  /** `0.0.0.0/0` or `::/0`. */
  from: '0.0.0.0/0' | '::/0';
  protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  /** Port range for tcp/udp; all ports for `all`; absent for icmp. */
  ports?: PortRange;
  /** The path from the internet, for the first port of the range. */
  path: Hop[];
  /** Assumptions the verdict rests on (e.g. an internet gateway inferred from its route). */
  notes?: string[];
}

/** A security group rule open to the world whose traffic is stopped elsewhere. */
export interface ShieldedRule {
  component: ComponentRef;
  securityGroup: ComponentRef;
  from: '0.0.0.0/0' | '::/0';
  protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  ports?: PortRange;
  /** What stops it (NO_PUBLIC_IP, SUBNET_ACL_RESTRICTION, NO_ROUTE_TO_DESTINATION, ...). */
  explanations: Explanation[];
  /** Assumptions the verdict rests on. */
  notes?: string[];
}

export interface ExposureAnswer {
  schemaVersion: 1;
  exposures: Exposure[];
  /** World-open security group rules that the internet does not actually reach, with the reason. */
  shielded: ShieldedRule[];
}

/**
 * The source-port range a client uses, which return traffic must be let through NACLs on.
 * `auto` picks per client: Linux instances 32768-60999, Windows 49152-65535, NAT gateways, load
 * balancers and Lambda 1024-65535, internet clients 1024-65535.
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
 */
export type EphemeralProfile = 'auto' | 'linux' | 'windows' | 'nat-gateway' | 'elb' | 'lambda' | 'any';
