/**
 * Priced waste: the failing findings of the cost rules (idle, orphaned, over-provisioned and
 * previous-generation resources), each given its monthly price from the price book. The rules
 * decide what is waste, with Trusted Advisor / Compute Optimizer thresholds as their parameters;
 * this module only prices their verdicts, so there is one definition of "idle" in the code base.
 * Monthly means 730 hours. An item whose price is not bundled says so and counts 0 in no total.
 */
import type { Resource } from '../model/index.js';
import { asNumber, type GraphView } from '../rules/rule.js';
import { imageSnapshotGiB } from '../rules/ec2/image.js';
import { HOURS_PER_MONTH, type Price, type PriceBook } from './prices/index.js';

/** The parts of a finding this module reads (the engine's `Finding` fits). */
export interface CostFinding {
  ruleId: string;
  status: string;
  reason: string;
  title?: string;
  suppressed?: unknown;
  resource: { type: string; id: string; account: string; region: string; name?: string };
}

/**
 * `remove`: the whole monthly price of the resource goes away when the finding is acted on
 * (delete, release, stop). `saving`: the resource stays and costs less (gp2 -> gp3, a current
 * generation type, auto scaling, a colder storage class).
 */
export type WasteKind = 'remove' | 'saving';

/** One priced finding. */
export interface WasteItem {
  ruleId: string;
  resource: CostFinding['resource'];
  reason: string;
  kind: WasteKind;
  /** Per month (730 h), in `currency`; null when not priced (see `note`). */
  monthly: number | null;
  currency: string;
  /** How the figure was worked out, e.g. `730 h × $0.192/h (m5.xlarge Linux)`. */
  basis: string;
  /** Region and date of the prices used; null when nothing was priced. */
  priceRegion: string | null;
  priceDate: string | null;
  /** Why the item has no figure (`no bundled price for ...`), or a caveat on the figure. */
  note?: string;
  /** The finding the item prices was superseded on the same resource by a larger `remove` item. */
  overlaps?: boolean;
}

/** What {@link priceWaste} returns. */
export interface WasteAnswer {
  items: WasteItem[];
  /** Per month; each resource counted once (its largest `remove` item, else the sum of its savings). */
  monthlyTotal: number;
  currency: string;
  /** The oldest price date used (or of the book, when nothing was priced). */
  priceDate: string;
  priced: number;
  unpriced: number;
}

export interface WasteInput {
  findings: readonly CostFinding[];
  /** Resolves a finding's resource to the model resource. */
  graph: GraphView;
  prices: PriceBook;
}

interface Priced {
  kind: WasteKind;
  monthly: number | null;
  basis: string;
  prices: Price[];
  note?: string;
}

type Pricer = (r: Resource, ctx: { graph: GraphView; prices: PriceBook }) => Priced;

const money = (n: number) => `$${n < 1 ? n.toFixed(4).replace(/0+$/, '') : n.toFixed(2)}`;

function none(kind: WasteKind, note: string): Priced {
  return { kind, monthly: null, basis: '', prices: [], note };
}

function hourly(kind: WasteKind, price: Price | undefined, what: string, missing: string): Priced {
  if (!price) return none(kind, `no bundled price for ${missing}`);
  return {
    kind,
    monthly: price.amount * HOURS_PER_MONTH,
    basis: `${HOURS_PER_MONTH} h × ${money(price.amount)}/h (${what})`,
    prices: [price],
  };
}

// --- EC2 -----------------------------------------------------------------------------------

/** The price-list operating system of an instance: Windows when AWS reports the platform so. */
function operatingSystem(r: Resource): string {
  const p = r.observed?.Platform ?? r.observed?.PlatformDetails ?? r.props.Platform;
  return typeof p === 'string' && /windows/i.test(p) ? 'Windows' : 'Linux';
}

function instancePrice(r: Resource, prices: PriceBook, type: string) {
  const os = operatingSystem(r);
  return { price: prices.get('ec2', r.region, `instance:${type}:${os}`), what: `${type} ${os}` };
}

function instanceType(r: Resource): string | undefined {
  const t = r.props.InstanceType;
  return typeof t === 'string' ? t : undefined;
}

const idleInstance: Pricer = (r, { prices }) => {
  const type = instanceType(r);
  if (!type) return none('remove', 'instance type unknown');
  const { price, what } = instancePrice(r, prices, type);
  return hourly('remove', price, what, `${what} in ${r.region}`);
};

/**
 * The current-generation type a previous-generation one moves to, same size. Families as in
 * https://aws.amazon.com/ec2/previous-generation/ ; the successor is the like-for-like family.
 */
const SUCCESSOR: Readonly<Record<string, string>> = {
  t1: 't3',
  t2: 't3',
  m1: 'm5',
  m2: 'r5',
  m3: 'm5',
  m4: 'm5',
  c1: 'c5',
  c3: 'c5',
  c4: 'c5',
  r3: 'r5',
  r4: 'r5',
  i2: 'i3',
};

function successorOf(type: string, prefix = ''): string | undefined {
  const body = type.slice(prefix.length);
  const dot = body.indexOf('.');
  if (dot < 0) return undefined;
  const next = SUCCESSOR[body.slice(0, dot)];
  return next ? `${prefix}${next}${body.slice(dot)}` : undefined;
}

function generationSaving(
  region: string,
  from: string,
  to: string | undefined,
  get: (type: string) => Price | undefined,
  label: (type: string) => string,
  multiplier = 1,
): Priced {
  if (!to) return none('saving', `no current-generation equivalent known for ${from}`);
  const old = get(from);
  const now = get(to);
  if (!old) return none('saving', `no bundled price for ${label(from)} in ${region}`);
  if (!now) return none('saving', `no bundled price for ${label(to)} in ${region}`);
  const saving = Math.max(0, (old.amount - now.amount) * HOURS_PER_MONTH * multiplier);
  return {
    kind: 'saving',
    monthly: saving,
    basis: `${HOURS_PER_MONTH} h × (${money(old.amount)} − ${money(now.amount)})/h${multiplier !== 1 ? ` × ${multiplier}` : ''} (${label(from)} → ${to})`,
    prices: [old, now],
    ...(saving === 0 ? { note: `${to} is not cheaper per hour; the gain is performance` } : {}),
  };
}

const previousGenerationInstance: Pricer = (r, { prices }) => {
  if (r.type !== 'AWS::EC2::Instance') {
    return none('saving', 'a template, not a running instance: priced when instances use it');
  }
  const type = instanceType(r);
  if (!type) return none('saving', 'instance type unknown');
  const os = operatingSystem(r);
  return generationSaving(
    r.region,
    type,
    successorOf(type),
    (t) => prices.get('ec2', r.region, `instance:${t}:${os}`),
    (t) => `${t} ${os}`,
  );
};

// --- EBS -----------------------------------------------------------------------------------

/** gp2 baseline: 3 IOPS/GiB (100..16,000); 128 MiB/s up to 170 GiB, 250 above. */
function gp2Performance(size: number) {
  return { iops: Math.min(16000, Math.max(100, 3 * size)), throughput: size <= 170 ? 128 : 250 };
}

function volumeMonthly(r: Resource, prices: PriceBook): Priced {
  const size = asNumber(r.props.Size);
  const vt = r.props.VolumeType;
  const type = typeof vt === 'string' ? vt : 'gp2';
  if (size === undefined) return none('remove', 'volume size unknown');
  const storage = prices.get('ebs', r.region, `volume:${type}`);
  if (!storage) return none('remove', `no bundled price for ${type} volumes in ${r.region}`);
  let monthly = size * storage.amount;
  const parts = [`${size} GiB × ${money(storage.amount)}/GB-month (${type})`];
  const used = [storage];
  const iops = asNumber(r.props.Iops);
  const free = type === 'gp3' ? 3000 : 0;
  if ((type === 'gp3' || type === 'io1' || type === 'io2') && iops !== undefined && iops > free) {
    const p = prices.get('ebs', r.region, `iops:${type}`);
    if (!p) return none('remove', `no bundled price for ${type} IOPS in ${r.region}`);
    monthly += (iops - free) * p.amount;
    parts.push(`${iops - free} IOPS × ${money(p.amount)}`);
    used.push(p);
  }
  const throughput = asNumber(r.props.Throughput);
  if (type === 'gp3' && throughput !== undefined && throughput > 125) {
    const p = prices.get('ebs', r.region, 'throughput:gp3');
    if (!p) return none('remove', `no bundled price for gp3 throughput in ${r.region}`);
    monthly += (throughput - 125) * p.amount;
    parts.push(`${throughput - 125} MiB/s × ${money(p.amount)}`);
    used.push(p);
  }
  return { kind: 'remove', monthly, basis: parts.join(' + '), prices: used };
}

const unattachedVolume: Pricer = (r, { prices }) => volumeMonthly(r, prices);

const gp2Volume: Pricer = (r, { prices }) => {
  const size = asNumber(r.props.Size);
  if (size === undefined) return none('saving', 'volume size unknown');
  const gp2 = prices.get('ebs', r.region, 'volume:gp2');
  const gp3 = prices.get('ebs', r.region, 'volume:gp3');
  const iops = prices.get('ebs', r.region, 'iops:gp3');
  const tput = prices.get('ebs', r.region, 'throughput:gp3');
  if (!gp2 || !gp3 || !iops || !tput) return none('saving', `no bundled gp2/gp3 prices in ${r.region}`);
  const perf = gp2Performance(size);
  const extra =
    Math.max(0, perf.iops - 3000) * iops.amount + Math.max(0, perf.throughput - 125) * tput.amount;
  const saving = Math.max(0, size * (gp2.amount - gp3.amount) - extra);
  return {
    kind: 'saving',
    monthly: saving,
    basis: `${size} GiB × (${money(gp2.amount)} − ${money(gp3.amount)})/GB-month${extra ? ` − ${money(extra)} for gp3 IOPS/throughput matching gp2` : ''}`,
    prices: [gp2, gp3, iops, tput],
  };
};

function snapshotMonthly(region: string, gib: number | undefined, prices: PriceBook, what: string): Priced {
  if (gib === undefined) return none('remove', `${what} size unknown`);
  const p = prices.get('ebs', region, 'snapshot:standard');
  if (!p) return none('remove', `no bundled snapshot price in ${region}`);
  return {
    kind: 'remove',
    monthly: gib * p.amount,
    basis: `${round(gib)} GiB × ${money(p.amount)}/GB-month (snapshot storage, at most: snapshots are incremental)`,
    prices: [p],
  };
}

const orphanSnapshot: Pricer = (r, { prices }) => {
  const full = asNumber(r.observed?.FullSnapshotSizeInBytes);
  const gib = full !== undefined ? full / 1024 ** 3 : asNumber(r.props.VolumeSize);
  return snapshotMonthly(r.region, gib, prices, 'snapshot');
};

const unusedImage: Pricer = (r, { prices, graph }) =>
  snapshotMonthly(r.region, imageSnapshotGiB(r, graph), prices, 'image snapshots');

/** A stopped instance still pays for its EBS volumes. */
const stoppedInstance: Pricer = (r, { prices, graph }) => {
  const volumes = graph.filter('AWS::EC2::Volume', (v) => {
    const a = v.observed?.Attachments;
    return Array.isArray(a) && a.some((x) => (x as { InstanceId?: unknown } | null)?.InstanceId === r.id);
  });
  if (volumes.length === 0) return none('remove', 'its EBS volumes are not in the snapshot');
  let monthly = 0;
  const used: Price[] = [];
  for (const v of volumes) {
    const p = volumeMonthly(v, prices);
    if (p.monthly === null) return none('remove', p.note ?? 'volume not priced');
    monthly += p.monthly;
    used.push(...p.prices);
  }
  return {
    kind: 'remove',
    monthly,
    basis: `EBS storage of ${volumes.length} attached volume(s) while stopped`,
    prices: used,
  };
};

// --- Network -------------------------------------------------------------------------------

const unassociatedEip: Pricer = (r, { prices }) =>
  hourly(
    'remove',
    prices.get('vpc', r.region, 'publicIpv4'),
    'public IPv4 address',
    `public IPv4 in ${r.region}`,
  );

const idleNat: Pricer = (r, { prices }) =>
  hourly('remove', prices.get('vpc', r.region, 'natGateway'), 'NAT gateway', `NAT gateways in ${r.region}`);

function loadBalancerType(r: Resource): string {
  if (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer') return 'classic';
  const t = r.props.Type;
  return typeof t === 'string' ? t : 'application';
}

const idleLoadBalancer: Pricer = (r, { prices }) => {
  const type = loadBalancerType(r);
  return hourly(
    'remove',
    prices.get('elb', r.region, `loadBalancer:${type}`),
    `${type} load balancer, before capacity units`,
    `${type} load balancers in ${r.region}`,
  );
};

const sniOff: Pricer = (_r, { prices }) => {
  const p = prices.get('cloudfront', 'global', 'dedicatedIpCustomSsl');
  if (!p) return none('saving', 'no bundled price for dedicated IP custom SSL');
  return {
    kind: 'saving',
    monthly: p.amount,
    basis: `${money(p.amount)}/month (dedicated IP custom SSL)`,
    prices: [p],
  };
};

// --- RDS -----------------------------------------------------------------------------------

function rdsEngine(r: Resource): string {
  const e = r.props.Engine;
  if (typeof e !== 'string') return 'mysql';
  if (e.startsWith('postgres')) return 'postgres';
  return e === 'mariadb' ? 'mariadb' : e;
}

const multiAz = (r: Resource) => r.props.MultiAZ === true || r.props.MultiAZ === 'true';

const idleRds: Pricer = (r, { prices }) => {
  const cls = r.props.DBInstanceClass;
  if (typeof cls !== 'string') return none('remove', 'instance class unknown');
  const engine = rdsEngine(r);
  const p = prices.get('rds', r.region, `instance:${cls}:${engine}`);
  if (!p) return none('remove', `no bundled price for ${cls} ${engine} in ${r.region}`);
  const azs = multiAz(r) ? 2 : 1;
  let monthly = p.amount * HOURS_PER_MONTH * azs;
  const parts = [
    `${HOURS_PER_MONTH} h × ${money(p.amount)}/h${azs > 1 ? ' × 2 (Multi-AZ)' : ''} (${cls} ${engine})`,
  ];
  const used = [p];
  const gb = asNumber(r.props.AllocatedStorage);
  const st = r.props.StorageType;
  const storage = prices.get('rds', r.region, `storage:${typeof st === 'string' ? st : 'gp2'}`);
  if (gb !== undefined && storage) {
    monthly += gb * storage.amount * azs;
    parts.push(`${gb} GB × ${money(storage.amount)}/GB-month`);
    used.push(storage);
  }
  return { kind: 'remove', monthly, basis: parts.join(' + '), prices: used };
};

const previousGenerationRds: Pricer = (r, { prices }) => {
  const cls = r.props.DBInstanceClass;
  if (typeof cls !== 'string') return none('saving', 'instance class unknown');
  const engine = rdsEngine(r);
  return generationSaving(
    r.region,
    cls,
    successorOf(cls, 'db.'),
    (c) => prices.get('rds', r.region, `instance:${c}:${engine}`),
    (c) => `${c} ${engine}`,
    multiAz(r) ? 2 : 1,
  );
};

// --- DynamoDB ------------------------------------------------------------------------------

/** Auto scaling's default target utilisation. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html */
const TARGET_UTILISATION = 0.7;

function busiestPerSecond(r: Resource, metric: string, days: number): number | undefined {
  const m = (
    r.observed?.Metrics as Record<string, { Values?: unknown; PeriodSeconds?: unknown }> | undefined
  )?.[metric];
  if (!m || !Array.isArray(m.Values) || m.Values.length === 0) return undefined;
  const period = typeof m.PeriodSeconds === 'number' ? m.PeriodSeconds : 86400;
  const values = (m.Values as unknown[]).filter((v): v is number => typeof v === 'number').slice(-days);
  return values.length ? Math.max(...values) / period : undefined;
}

const overprovisionedTable: Pricer = (r, { prices }) => {
  const pt = r.props.ProvisionedThroughput as Record<string, unknown> | undefined;
  const dims = [
    ['ReadCapacityUnits', 'ConsumedReadCapacityUnits', 'provisionedRead', 'RCU'],
    ['WriteCapacityUnits', 'ConsumedWriteCapacityUnits', 'provisionedWrite', 'WCU'],
  ] as const;
  let monthly = 0;
  const parts: string[] = [];
  const used: Price[] = [];
  for (const [prop, metric, key, unit] of dims) {
    const provisioned = asNumber(pt?.[prop]);
    const busiest = busiestPerSecond(r, metric, 14);
    if (provisioned === undefined || busiest === undefined) continue;
    const p = prices.get('dynamodb', r.region, key);
    if (!p) return none('saving', `no bundled DynamoDB capacity price in ${r.region}`);
    const needed = Math.max(1, Math.ceil(busiest / TARGET_UTILISATION));
    const excess = Math.max(0, provisioned - needed);
    if (excess === 0) continue;
    monthly += excess * p.amount * HOURS_PER_MONTH;
    parts.push(
      `${excess} ${unit} (${provisioned} provisioned, ${needed} at 70 % of the busiest day) × ${money(p.amount)}/h`,
    );
    used.push(p);
  }
  if (used.length === 0) return none('saving', 'provisioned or consumed capacity not observed');
  return { kind: 'saving', monthly, basis: `${HOURS_PER_MONTH} h × ${parts.join(' + ')}`, prices: used };
};

// --- S3 ------------------------------------------------------------------------------------

/** Bytes in S3 Standard from `observed.Metrics.BucketSizeBytes` (StandardStorage), latest day. */
function standardBytes(r: Resource): number | undefined {
  const m = (r.observed?.Metrics as Record<string, { Values?: unknown }> | undefined)?.BucketSizeBytes;
  const v = Array.isArray(m?.Values) ? (m.Values as unknown[]).at(-1) : undefined;
  return typeof v === 'number' ? v : undefined;
}

const noLifecycle: Pricer = (r, { prices }) => {
  const bytes = standardBytes(r);
  if (bytes === undefined) return none('saving', 'bucket size not observed (BucketSizeBytes)');
  const std = prices.get('s3', r.region, 'storage:STANDARD');
  const ia = prices.get('s3', r.region, 'storage:STANDARD_IA');
  if (!std || !ia) return none('saving', `no bundled S3 storage prices in ${r.region}`);
  const gb = bytes / 1024 ** 3;
  return {
    kind: 'saving',
    monthly: gb * (std.amount - ia.amount),
    basis: `${round(gb)} GB × (${money(std.amount)} − ${money(ia.amount)})/GB-month, Standard → Standard-IA`,
    prices: [std, ia],
    note: 'at most: only data not read for 30 days should move; retrieval fees apply',
  };
};

// --- The table -----------------------------------------------------------------------------

/** Cost rules and how their findings are priced; rules not listed are priced "not priced". */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  'ec2-instance-not-idle': idleInstance,
  'ec2-instance-not-stopped-long': stoppedInstance,
  'ec2-instance-type-current-generation': previousGenerationInstance,
  'ec2-volume-attached': unattachedVolume,
  'ec2-volume-gp3': gp2Volume,
  'ec2-snapshot-source-exists': orphanSnapshot,
  'ec2-image-in-use': unusedImage,
  'ec2-eip-associated': unassociatedEip,
  'ec2-nat-gateway-not-idle': idleNat,
  'elb-load-balancer-not-idle': idleLoadBalancer,
  'rds-instance-not-idle': idleRds,
  'rds-instance-class-current-generation': previousGenerationRds,
  'dynamodb-table-capacity-not-overprovisioned': overprovisionedTable,
  's3-bucket-lifecycle-configured': noLifecycle,
  'cloudfront-distribution-sni-enabled': sniOff,
};

/** Cost rules whose findings are advice about another finding's resource, not a cost of their own. */
const NOT_A_COST: Readonly<Record<string, string>> = {
  'cloudwatch-idle-instance-stop-alarm-present':
    'advice: the idle instance is priced by ec2-instance-not-idle',
  'ec2-vpc-s3-gateway-endpoint-present': 'S3 traffic through the NAT device is not in the snapshot',
  's3-bucket-noncurrent-versions-expire': 'the size of noncurrent versions is not in the snapshot',
};

/** Prices the open (failing, unsuppressed) cost findings; most expensive first. */
export function priceWaste(input: WasteInput): WasteAnswer {
  const { graph, prices } = input;
  const items: WasteItem[] = [];
  const dates: string[] = [];
  for (const f of input.findings) {
    if (f.status !== 'fail' || f.suppressed) continue;
    const pricer = PRICERS[f.ruleId];
    const resource = graph.get(f.resource.id, f.resource.type);
    let priced: Priced;
    if (NOT_A_COST[f.ruleId]) priced = none('saving', NOT_A_COST[f.ruleId]!);
    else if (!pricer) priced = none('saving', 'no bundled price for this kind of finding');
    else if (!resource) priced = none('remove', 'resource not found in the snapshot');
    else priced = pricer(resource, { graph, prices });
    const first = priced.prices[0];
    for (const p of priced.prices) dates.push(p.priceDate);
    items.push({
      ruleId: f.ruleId,
      resource: f.resource,
      reason: f.reason,
      kind: priced.kind,
      monthly: priced.monthly === null ? null : round(priced.monthly),
      currency: prices.currency,
      basis: priced.basis,
      priceRegion: first?.region ?? null,
      priceDate: first?.priceDate ?? null,
      ...(priced.note !== undefined ? { note: priced.note } : {}),
    });
  }
  const monthlyTotal = totalOf(items);
  items.sort(
    (a, b) =>
      (b.monthly ?? -1) - (a.monthly ?? -1) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.resource.account, b.resource.account) ||
      cmp(a.resource.id, b.resource.id),
  );
  return {
    items,
    monthlyTotal,
    currency: prices.currency,
    priceDate: dates.sort()[0] ?? prices.priceDate,
    priced: items.filter((i) => i.monthly !== null).length,
    unpriced: items.filter((i) => i.monthly === null).length,
  };
}

/**
 * Each resource once: deleting it saves its largest `remove` figure, which already includes any
 * saving on the same resource (a previous-generation idle instance is not saved twice).
 */
function totalOf(items: WasteItem[]): number {
  const byResource = new Map<string, WasteItem[]>();
  for (const i of items) {
    const k = [i.resource.type, i.resource.account, i.resource.region, i.resource.id].join('\u001f');
    byResource.set(k, [...(byResource.get(k) ?? []), i]);
  }
  let total = 0;
  for (const group of byResource.values()) {
    const removes = group.filter((i) => i.kind === 'remove' && i.monthly !== null);
    if (removes.length > 0) {
      const best = removes.reduce((a, b) => ((b.monthly ?? 0) > (a.monthly ?? 0) ? b : a));
      total += best.monthly ?? 0;
      for (const i of group) if (i !== best && i.monthly !== null) i.overlaps = true;
    } else {
      total += group.reduce((n, i) => n + (i.monthly ?? 0), 0);
    }
  }
  return round(total);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
