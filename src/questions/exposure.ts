/**
 * Internet exposure as findings: the administration and data ports the internet actually
 * reaches, from the network engine's `exposure()` sweep (routes, gateways, public addresses,
 * NACLs and security groups together). A security group open to 0.0.0.0/0 that no path reaches
 * (a private subnet, no public address, a NACL deny) is not a finding here: the
 * security-group rules already report the configuration, this engine reports the reach.
 *
 * The two rules are declared with `defineRule` for their metadata (title, severity, controls,
 * remediation, parameters); they are not in the rule registry, because only this engine can
 * evaluate them: it runs the sweep once and then lets `runRules` apply suppressions and counts.
 */
import { z } from 'zod';
import {
  defineRule,
  error,
  fail,
  label,
  notApplicable,
  pass,
  type AnyRule,
  type RuleResult,
  type RunConfig,
} from '../engine/index.js';
import type { Resource, Snapshot } from '../model/index.js';
import {
  buildNetwork,
  exposure,
  type EphemeralProfile,
  type Exposure,
  type ExposureAnswer,
  type NetworkModel,
  type ShieldedRule,
} from '../network/index.js';
import type { DailyEngine, EngineResult } from './daily.js';
import { evaluatedBy, runEngineRules } from './engine-rules.js';

/** Well-known administration ports (remote shells, remote desktops, container and host APIs). */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  2375: 'Docker API',
  2376: 'Docker API (TLS)',
  3389: 'RDP',
  5900: 'VNC',
  5985: 'WinRM',
  5986: 'WinRM (HTTPS)',
};

/** Well-known database, cache, search and analytics ports that should never face the internet. */
export const DATA_PORTS: Readonly<Record<number, string>> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  2181: 'ZooKeeper',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5439: 'Redshift',
  5601: 'Kibana',
  5984: 'CouchDB',
  6379: 'Redis',
  7000: 'Cassandra',
  7001: 'Cassandra (TLS)',
  8020: 'HDFS NameNode',
  8086: 'InfluxDB',
  9042: 'Cassandra CQL',
  9092: 'Kafka',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch transport',
  11211: 'Memcached',
  27017: 'MongoDB',
  27018: 'MongoDB shard',
  50070: 'HDFS web UI',
};

const portList = (ports: Readonly<Record<number, string>>) => Object.keys(ports).map(Number);
const portsParam = (defaults: number[]) =>
  z.object({
    ports: z
      .array(z.number().int().min(0).max(65535))
      .default(defaults)
      .describe('Ports (TCP or UDP) the internet must not reach.'),
  });

/** Resource types that hold network interfaces in the network model; each is checked. */
const EXAMINED_TYPES = [
  'AWS::EC2::Instance',
  'AWS::EC2::NetworkInterface',
  'AWS::RDS::DBInstance',
  'AWS::Redshift::Cluster',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
] as const;

const REFERENCES = [
  'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html',
  'https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html',
];

/** The evaluation is the engine's: outside it, the rules cannot decide. */
const evaluatedByEngine = evaluatedBy('exposure engine');

/**
 * Compliant: no path from the internet (0.0.0.0/0 or ::/0) reaches an administration port of
 * the resource, whatever its security groups say.
 */
export const adminPortsRule = defineRule({
  id: 'network-admin-ports-not-internet-reachable',
  title: 'Administration ports are not reachable from the internet',
  category: 'security',
  severity: 'high',
  resourceTypes: EXAMINED_TYPES,
  rationale:
    'A reachable SSH, RDP, WinRM or Docker API port is found by internet-wide scanners within minutes and brute-forced or exploited from then on. Unlike a security-group check, this one follows the whole path — route to an internet gateway, public address, network ACLs both ways, security groups — so it reports only what the internet really reaches.',
  remediation: {
    text: 'Remove the world-open ingress rule (or narrow it to the administrators’ network), or take the instance off the public subnet; prefer Systems Manager Session Manager, which needs no inbound port.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port 22 --cidr 0.0.0.0/0',
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp: 203.0.113.0/24  # the administrators’ network',
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = aws_security_group.this.id\n  ip_protocol       = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = "203.0.113.0/24"\n}',
  },
  controls: [
    'cis-aws-v5.0:5.3',
    'cis-aws-v5.0:5.4',
    'aws-fsbp:EC2.13',
    'aws-fsbp:EC2.14',
    'pci-dss-v4.0:1.3.1',
  ],
  references: REFERENCES,
  params: portsParam(portList(ADMIN_PORTS)),
  evaluate: evaluatedByEngine,
});

/**
 * Compliant: no path from the internet reaches a database, cache, search or analytics port of
 * the resource.
 */
export const dataPortsRule = defineRule({
  id: 'network-data-ports-not-internet-reachable',
  title: 'Database and data-store ports are not reachable from the internet',
  category: 'security',
  severity: 'critical',
  resourceTypes: EXAMINED_TYPES,
  rationale:
    'Databases, caches and search clusters reachable from the internet (MySQL, PostgreSQL, Redis, MongoDB, Elasticsearch, Memcached ...) are the source of most mass data leaks and ransom wipes: many answer without authentication by default. This check follows the whole network path, so a group open to the world behind a private subnet or a NACL deny is not reported.',
  remediation: {
    text: 'Put data stores in private subnets and admit their port only from the application tier’s security group, never from 0.0.0.0/0.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port 3306 --cidr 0.0.0.0/0',
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 3306\n    ToPort: 3306\n    SourceSecurityGroupId: !Ref AppSecurityGroup',
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "mysql" {\n  security_group_id            = aws_security_group.db.id\n  ip_protocol                  = "tcp"\n  from_port                    = 3306\n  to_port                      = 3306\n  referenced_security_group_id = aws_security_group.app.id\n}',
  },
  controls: ['aws-fsbp:EC2.19', 'aws-fsbp:RDS.2', 'pci-dss-v4.0:1.3.1', 'pci-dss-v4.0:1.4.1'],
  references: REFERENCES,
  params: portsParam(portList(DATA_PORTS)),
  evaluate: evaluatedByEngine,
});

/** The rules whose findings the exposure engine produces. */
export const exposureRules: readonly AnyRule[] = [adminPortsRule, dataPortsRule];

const SERVICE_NAMES: Readonly<Record<number, string>> = { ...DATA_PORTS, ...ADMIN_PORTS };

const keyOf = (type: string, id: string) => `${type}\u0000${id}`;

/** Exposures and shielded world-open rules of one snapshot, by the resource they concern. */
export interface ExposureIndex {
  exposed: Map<string, Exposure[]>;
  shielded: Map<string, ShieldedRule[]>;
  /**
   * Where the model placed each resource's interfaces: owner id -> its interfaces, and an ENI
   * resource's id -> its owner's id. Absent when the sweep came without its model.
   */
  placed?: { owners: Set<string>; eniOwner: Map<string, string> };
}

export function indexExposure(answer: ExposureAnswer, model?: NetworkModel): ExposureIndex {
  const exposed = new Map<string, Exposure[]>();
  const shielded = new Map<string, ShieldedRule[]>();
  for (const e of answer.exposures) push(exposed, keyOf(e.component.type, e.component.id), e);
  for (const s of answer.shielded) push(shielded, keyOf(s.component.type, s.component.id), s);
  if (!model) return { exposed, shielded };
  const owners = new Set<string>();
  const eniOwner = new Map<string, string>();
  for (const eni of model.enis) {
    owners.add(eni.ownerId);
    eniOwner.set(eni.id, eni.ownerId);
  }
  return { exposed, shielded, placed: { owners, eniOwner } };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The ports of `ports` one exposure opens (TCP/UDP ranges, or every port for all traffic). */
function portsOpened(e: Exposure, ports: readonly number[]): number[] {
  if (e.protocol === 'icmp') return [];
  if (e.protocol === 'all' || !e.ports) return [...ports];
  const { from, to } = e.ports;
  return ports.filter((p) => p >= from && p <= to);
}

function service(port: number): string {
  const name = SERVICE_NAMES[port];
  return name ? `${port} (${name})` : String(port);
}

/** `igw-1 -> acl-1 (inbound rule 100) -> sg-1 (ingress tcp 22 from 0.0.0.0/0)`. */
function pathText(e: Exposure): string {
  return e.path
    .map((hop) => {
      const name = hop.component.name ?? hop.component.id;
      return hop.matched ? `${name} (${hop.matched})` : name;
    })
    .join(' -> ');
}

/** At most this many ports are named in a reason; the rest are counted. */
const NAMED_PORTS = 4;

function portsText(ports: readonly number[]): string {
  const named = ports.slice(0, NAMED_PORTS).map(service).join(', ');
  return ports.length > NAMED_PORTS ? `${named} and ${ports.length - NAMED_PORTS} more` : named;
}

/** What each rule calls its ports in a reason. */
const NOUN: ReadonlyMap<string, string> = new Map([
  [adminPortsRule.id, 'administration'],
  [dataPortsRule.id, 'data-store'],
]);

/** The verdict of one rule on one resource, from the sweep. */
export function exposureVerdict(
  rule: AnyRule,
  resource: Resource,
  ports: readonly number[],
  index: ExposureIndex,
): RuleResult {
  const key = keyOf(resource.type, resource.id);
  const who = `${resource.type.split('::').pop()} ${label(resource)}`;
  const placed = index.placed;
  if (placed && !index.exposed.has(key)) {
    // An interface attached to an instance is judged with its instance, not twice.
    const owner = placed.eniOwner.get(resource.id);
    if (owner !== undefined && owner !== resource.id) {
      return notApplicable(`${who} is attached to ${owner}; its exposure is reported on ${owner}.`);
    }
    if (owner === undefined && !placed.owners.has(resource.id)) {
      const state = stateOf(resource);
      if (state !== undefined && !LIVE_STATES.has(state)) return notApplicable(`${who} is ${state}.`);
      const managed = managedInterface(resource);
      if (managed) {
        return notApplicable(
          `${who} is a ${managed} interface managed by AWS; the service it serves is checked instead.`,
        );
      }
      // A missing fact is never a pass: without a subnet the model cannot tell what reaches it.
      return error(
        `${who} has no network interface in a subnet of the snapshot, so what the internet reaches there is unknown.`,
      );
    }
  }
  // Ports reached, per protocol and source family: `tcp from 0.0.0.0/0` -> [22, 3389].
  const reached = new Map<string, Set<number>>();
  let first: Exposure | undefined;
  for (const e of index.exposed.get(key) ?? []) {
    const hit = portsOpened(e, ports);
    if (hit.length === 0) continue;
    first ??= e;
    const protocols = e.protocol === 'all' ? ['tcp', 'udp'] : [e.protocol];
    for (const p of protocols) {
      const k = `${p} from ${e.from}`;
      const set = reached.get(k) ?? new Set<number>();
      for (const port of hit) set.add(port);
      reached.set(k, set);
    }
  }
  if (first) {
    const at = first.publicIp ? ` at ${first.publicIp}` : '';
    const open = [...reached].map(([k, set]) => {
      const [protocol, ...rest] = k.split(' ');
      return `${protocol} ${portsText([...set].sort((a, b) => a - b))} ${rest.join(' ')}`;
    });
    return fail(
      `${who} is reachable from the internet${at} on ${open.join('; ')}; path: ${pathText(first)}.`,
    );
  }
  const shielded = (index.shielded.get(key) ?? []).filter(
    (s) => portsOpened({ ...s, eni: '', path: [] }, ports).length > 0,
  );
  const noun = NOUN.get(rule.id) ?? 'these';
  // A rule set aside only because a fact was missing (routes not collected, say) is not a pass.
  const undecided = shielded.find(
    (s) =>
      s.explanations.some((x) => x.code === 'UNKNOWN_RESOURCE') ||
      (s.notes ?? []).some((n) => n.includes('not a definite answer')),
  );
  if (undecided) {
    const group = undecided.securityGroup.name ?? undecided.securityGroup.id;
    const why = [...undecided.explanations.map((x) => x.detail), ...(undecided.notes ?? [])].join('; ');
    return error(
      `${who}: security group ${group} opens ${noun} ports to ${undecided.from}, and whether the internet reaches them is unknown: ${why}.`,
    );
  }
  if (shielded.length > 0) {
    const s = shielded[0]!;
    const why = s.explanations.map((x) => `${x.code} at ${x.component.name ?? x.component.id}`).join(', ');
    const group = s.securityGroup.name ?? s.securityGroup.id;
    return pass(
      `${who}: security group ${group} opens ${noun} ports to ${s.from}, but no path from the internet reaches them (${why}).`,
    );
  }
  return pass(`${who}: the internet reaches none of its ${noun} ports (${portsText([...ports])}).`);
}

/** Instance states in which an instance has its network interfaces. */
const LIVE_STATES: ReadonlySet<string> = new Set(['pending', 'running']);

/** The instance state a live or describe source recorded (`{Name}` or a plain string). */
function stateOf(resource: Resource): string | undefined {
  const state: unknown = resource.observed?.State;
  if (typeof state === 'string') return state;
  if (state && typeof state === 'object' && typeof (state as { Name?: unknown }).Name === 'string') {
    return (state as { Name: string }).Name;
  }
  return undefined;
}

/**
 * The kind of a service-managed interface (`transit_gateway`, `network_load_balancer`,
 * `vpc_endpoint`, ...): the network model represents it by its owner (the load balancer, the
 * endpoint) or not at all, and nothing listens on it for the internet.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html
 */
function managedInterface(resource: Resource): string | undefined {
  if (resource.type !== 'AWS::EC2::NetworkInterface') return undefined;
  const type: unknown = resource.observed?.InterfaceType;
  if (typeof type === 'string' && type !== 'interface') return type;
  return resource.observed?.RequesterManaged === true ? 'requester-managed' : undefined;
}

/** Options of the exposure engine. */
export interface ExposureEngineOptions {
  /** Client source-port range assumed for return traffic through NACLs. */
  ephemeral?: EphemeralProfile;
}

/**
 * The exposure engine for `daily` and `scan`: one `exposure()` sweep, then one finding per
 * examined resource and rule (failures and undecided kept, passes counted).
 */
export function exposureEngine(options: ExposureEngineOptions = {}): DailyEngine {
  return {
    name: 'exposure',
    run(snapshot: Snapshot, config: RunConfig): EngineResult {
      const model = buildNetwork(snapshot, options.ephemeral ? { ephemeral: options.ephemeral } : {});
      const index = indexExposure(exposure(model), model);
      // A resource type the sweep reports but the list above misses is examined too.
      const types = new Set<string>(EXAMINED_TYPES);
      for (const list of index.exposed.values()) for (const e of list) types.add(e.component.type);
      const rules: AnyRule[] = exposureRules.map((rule) => ({
        ...rule,
        resourceTypes: [...types],
        evaluate: (resource, ctx) =>
          exposureVerdict(rule, resource, (ctx.params as { ports: number[] }).ports, index),
      }));
      return runEngineRules(snapshot, config, rules, types);
    },
  };
}
