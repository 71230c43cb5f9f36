/**
 * Reading a resource again from its account: before a change, to refuse it when the resource is no
 * longer what the snapshot (and so the plan) saw; after, to show the finding resolved. The read is a
 * collection: the collectors of the resource's type, in its account and region, with the same
 * credentials and endpoint as `--source aws`.
 */
import { GLOBAL_REGION, makeSnapshot, type Resource } from '../model/index.js';
import { runRules, type AnyRule, type Status } from '../engine/index.js';
import { collectAws, type CollectOptions } from '../sources/aws/collect.js';
import type { Collector } from '../sources/aws/collector.js';
import { COLLECTORS } from '../sources/aws/collectors/index.js';
import type { AwsConnection } from './dispatch.js';

/** How to find a resource again. */
export interface ResourceKey {
  type: string;
  id: string;
  account: string;
  region: string;
}

/** One property that differs between the snapshot and the account. */
export interface Drift {
  /** `props.VersioningConfiguration.Status`, `observed.State`. */
  path: string;
  before: unknown;
  after: unknown;
}

export type Recollected =
  | { found: true; resource: Resource }
  /** Not in the account any more, or not readable (the coverage gaps say why). */
  | { found: false; reason: string };

/** Collection options that run `collectors` in one account (and region, for regional ones). */
function collectOptions(
  collectors: readonly Collector[],
  account: string,
  region: string,
  connection: AwsConnection,
): CollectOptions {
  const options: CollectOptions = { collectors, accounts: [account] };
  for (const name of [
    'profile',
    'orgRole',
    'externalId',
    'endpointUrl',
    'credentials',
    'homeRegion',
  ] as const) {
    if (connection[name] !== undefined) (options as Record<string, unknown>)[name] = connection[name];
  }
  if (connection.client) options.client = connection.client;
  // Global collectors (S3 buckets, IAM) run once per account whatever the regions; regional ones
  // only need the resource's region.
  if (!collectors.every((c) => c.global) && region !== GLOBAL_REGION) options.regions = [region];
  return options;
}

/** Re-runs the collectors of the resource's type in its account (and region, for regional ones). */
export async function recollect(key: ResourceKey, connection: AwsConnection): Promise<Recollected> {
  const collectors = COLLECTORS.filter((c) => c.resourceTypes.includes(key.type));
  if (collectors.length === 0) return { found: false, reason: `no collector reads ${key.type}` };
  const { snapshot } = await collectAws(collectOptions(collectors, key.account, key.region, connection));
  const resource = snapshot.resources.find(
    (r) => r.type === key.type && r.id === key.id && r.account === key.account,
  );
  if (resource) return { found: true, resource };
  const gaps = snapshot.coverage.filter((g) => !g.resourceType || g.resourceType === key.type);
  return {
    found: false,
    reason:
      gaps.length > 0
        ? `it could not be read: ${gaps.map((g) => g.message).join('; ')}`
        : `${key.type} ${key.id} no longer exists in ${key.account} ${key.region}`,
  };
}

/** JSON as stored: `undefined` members dropped, dates as strings. */
function normal(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function diff(path: string, before: unknown, after: unknown, out: Drift[]): void {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      diff(`${path}.${key}`, before[key], after[key], out);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before, after });
}

/**
 * Observed facts that move on their own, whatever anyone does to the resource: metrics, last-used
 * and delivery times, item counts and sizes, task counts. Comparing them would refuse every fix.
 */
const MEASUREMENT =
  /^(Metrics|ItemCount|TableSizeBytes|RunningCount|PendingCount|RunningTasksCount|PendingTasksCount)$|LastUsed|Latest.*Time|Earliest.*Time|LastStatusChangeTime|StateUpdatedTimestamp/;

/**
 * What changed between the snapshot's resource and the one read now: every property of `props`,
 * and the `observed` facts the new read has, except measurements (facts the new read lacks, such
 * as those another collector adds, are unknown rather than changed).
 */
export function driftOf(before: Resource, after: Resource): Drift[] {
  const out: Drift[] = [];
  diff('props', normal(before.props), normal(after.props), out);
  const now = (normal(after.observed) ?? {}) as Record<string, unknown>;
  const then = (normal(before.observed) ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(now).sort())
    if (!MEASUREMENT.test(key)) diff(`observed.${key}`, then[key], now[key], out);
  return out;
}

/** A drift as one line: `props.VersioningConfiguration.Status: "Suspended" → "Enabled"`. */
export function describeDrift(drift: Drift): string {
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));
  return `${drift.path}: ${show(drift.before)} → ${show(drift.after)}`;
}

/**
 * The rule's verdict on the resource as read now, among the other resources of the snapshot (rules
 * may look at related resources: a launch template, an account setting).
 */
export function evaluateAgain(
  rule: AnyRule,
  resource: Resource,
  context: readonly Resource[],
): { status: Status; reason: string } {
  const others = context.filter(
    (r) => !(r.type === resource.type && r.id === resource.id && r.account === resource.account),
  );
  const result = runRules(makeSnapshot([...others, resource]), { rules: [rule], now: new Date() });
  const finding = result.findings.find(
    (f) =>
      f.resource.type === resource.type &&
      f.resource.id === resource.id &&
      f.resource.account === resource.account,
  );
  return finding
    ? { status: finding.status, reason: finding.reason }
    : { status: 'not_applicable', reason: `${rule.id} does not evaluate ${resource.type} ${resource.id}` };
}

/** A service name without hyphens: SDK clients and collectors spell `application-auto-scaling` apart. */
const bare = (service: string): string => service.replace(/-/g, '');

/** Resources read again beside a fixed one, and which of the snapshot's they replace. */
export interface Related {
  resources: Resource[];
  /** Whether a snapshot resource is one of those read again (same type and place). */
  replaces(resource: Resource): boolean;
}

/**
 * Reads again what a fix may have changed beside the resource it fixes: the resources of the
 * services its calls went to (DynamoDB auto scaling registers Application Auto Scaling targets and
 * policies; EBS encryption by default is an account setting reported on a VPC), in the resource's
 * account and region, except the resource's own type (read by {@link recollect}). The rule's
 * verdict may rest on them, so evaluating it with the snapshot's copies would see the state from
 * before the fix. `cache` shares one read among the targets of a run in the same place.
 */
export async function recollectRelated(
  key: ResourceKey,
  clients: readonly string[],
  connection: AwsConnection,
  cache: Map<string, Promise<Related>> = new Map(),
): Promise<Related> {
  const services = new Set(clients.map(bare));
  const collectors = COLLECTORS.filter(
    (c) => services.has(bare(c.service)) && c.resourceTypes.some((t) => t !== key.type),
  );
  const cacheKey = `${key.account}|${key.region}|${key.type}|${collectors.map((c) => c.id).join(',')}`;
  let found = cache.get(cacheKey);
  if (!found) {
    found = (async (): Promise<Related> => {
      if (collectors.length === 0) return { resources: [], replaces: () => false };
      const { snapshot } = await collectAws(collectOptions(collectors, key.account, key.region, connection));
      // A collector that could not read everything leaves the snapshot's copies in place.
      const read = collectors.filter(
        (c) =>
          !snapshot.coverage.some(
            (g) =>
              g.resourceType === undefined ||
              g.resourceType === c.service ||
              c.resourceTypes.includes(g.resourceType),
          ),
      );
      const global = new Set(read.filter((c) => c.global).flatMap((c) => c.resourceTypes));
      const regional = new Set(read.filter((c) => !c.global).flatMap((c) => c.resourceTypes));
      return {
        resources: snapshot.resources.filter(
          (r) => r.type !== key.type && (global.has(r.type) || regional.has(r.type)),
        ),
        replaces: (r) =>
          r.type !== key.type &&
          r.account === key.account &&
          (global.has(r.type) || (regional.has(r.type) && r.region === key.region)),
      };
    })();
    cache.set(cacheKey, found);
  }
  return found;
}
