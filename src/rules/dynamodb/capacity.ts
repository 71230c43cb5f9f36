/**
 * Capacity facts of a DynamoDB table shared by the auto scaling, throttling and cost rules: its
 * billing mode and, for provisioned capacity, which dimensions Application Auto Scaling manages.
 *
 * Auto scaling of a table is an Application Auto Scaling scalable target (ServiceNamespace
 * `dynamodb`, ResourceId `table/<name>` or `table/<name>/index/<index>`, ScalableDimension
 * `dynamodb:table|index:Read|WriteCapacityUnits`) with a scaling policy.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, label, prop, type GraphView } from '../rule.js';
import { names, referencedNames, sameAccountAndRegion, text, type Setting } from '../rds/values.js';
import { unreadReason } from '../unread.js';

export const TABLE = 'AWS::DynamoDB::Table';
export const GLOBAL_TABLE = 'AWS::DynamoDB::GlobalTable';
const TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';
const POLICY = 'AWS::ApplicationAutoScaling::ScalingPolicy';

export type Dimension = 'ReadCapacityUnits' | 'WriteCapacityUnits';
export const DIMENSIONS: readonly Dimension[] = ['ReadCapacityUnits', 'WriteCapacityUnits'];

/** `PROVISIONED` (the default of both table types) or `PAY_PER_REQUEST`. */
export function billingMode(table: Resource): Setting<string> {
  const mode = text(table.props, 'BillingMode');
  if (!mode.known) return mode;
  return mode.value === undefined
    ? { known: true, value: 'PROVISIONED', defaulted: true }
    : { known: true, value: mode.value.toUpperCase(), defaulted: false };
}

/** The table's physical name, when known (live ids are table names). */
export function tableName(table: Resource): string | undefined {
  const own = table.props.TableName;
  if (typeof own === 'string') return own;
  return table.origin.source === 'cloudformation' || table.origin.source === 'terraform'
    ? undefined
    : table.id;
}

/** One capacity dimension that needs scaling: the table's, or a global secondary index's. */
export interface CapacityNeed {
  readonly index?: string;
  readonly dimension: Dimension;
}

/** The read and write dimensions of the table and of each global secondary index. */
export function capacityNeeds(table: Resource): CapacityNeed[] | { unknown: string } {
  const needs: CapacityNeed[] = DIMENSIONS.map((dimension) => ({ dimension }));
  const indexes = prop(table.props, 'GlobalSecondaryIndexes');
  if (!indexes.known) return { unknown: indexes.reason };
  for (const [i, gsi] of (Array.isArray(indexes.value) ? indexes.value : []).entries()) {
    const name = isUnresolved(gsi) ? gsi : (gsi as Record<string, unknown>)?.IndexName;
    if (typeof name !== 'string') {
      return {
        unknown: isUnresolved(name)
          ? describeUnresolved(`GlobalSecondaryIndexes[${i}]`, name)
          : `GlobalSecondaryIndexes[${i}] has no IndexName`,
      };
    }
    for (const dimension of DIMENSIONS) needs.push({ index: name, dimension });
  }
  return needs;
}

const INDEX_IN_TEXT = /index[/"',\s]+([A-Za-z0-9_.-]+)/;

/** Which table or index a scalable target's ResourceId names, relative to `table`. */
function targetOf(resourceId: unknown, table: Resource): { index?: string } | false | 'unknown' {
  if (typeof resourceId === 'string') {
    const name = tableName(table);
    const m = /^table\/([^/]+)(?:\/index\/(.+))?$/.exec(resourceId);
    if (!m || name === undefined || m[1] !== name) return false;
    return m[2] === undefined ? {} : { index: m[2] };
  }
  if (!isUnresolved(resourceId)) return false;
  const refs = referencedNames(resourceId);
  if (!(refs.has(table.id) || (table.origin.logicalId !== undefined && refs.has(table.origin.logicalId))))
    return false;
  const written = JSON.stringify(resourceId.expression);
  if (!written.includes('index')) return {};
  const index = INDEX_IN_TEXT.exec(written.replace(/^.*?table/, ''))?.[1];
  return index === undefined ? 'unknown' : { index };
}

/** A scaling policy that acts on the target (by ScalingTargetId, or by resource and dimension). */
function hasPolicy(target: Resource, graph: GraphView): boolean {
  return graph.byType(POLICY).some((p) => {
    if (p.props.ScalingTargetId !== undefined) return names(p.props.ScalingTargetId, target);
    return (
      p.props.ResourceId !== undefined &&
      JSON.stringify(p.props.ResourceId) === JSON.stringify(target.props.ResourceId) &&
      p.props.ScalableDimension === target.props.ScalableDimension
    );
  });
}

/** How one dimension of a provisioned table is scaled. */
export type Scaling =
  | { readonly state: 'scaled'; readonly target: Resource; readonly min?: unknown; readonly max?: unknown }
  | { readonly state: 'fixed' }
  | { readonly state: 'no-policy' | 'no-range'; readonly target: Resource }
  | { readonly state: 'unknown'; readonly reason: string };

/** The auto scaling of each capacity need of a provisioned `AWS::DynamoDB::Table`. */
export function tableScaling(table: Resource, needs: readonly CapacityNeed[], graph: GraphView): Scaling[] {
  const found = new Map<string, Scaling>();
  const key = (n: CapacityNeed) => `${n.index ?? ''}|${n.dimension}`;
  let unknown: string | undefined;
  for (const target of graph.byType(TARGET)) {
    const place = sameAccountAndRegion(target, table);
    if (target.props.ServiceNamespace !== 'dynamodb' || place === false) continue;
    const where = targetOf(target.props.ResourceId, table);
    if (where === false) continue;
    // A target scales a table of its own account and region only; when that cannot be told, the
    // target may or may not be this table's.
    if (place === undefined) {
      unknown ??= `scalable target ${label(target)} may scale the table, but their accounts and regions cannot be compared`;
      continue;
    }
    if (where === 'unknown') {
      unknown ??= `scalable target ${label(target)} names an index of the table that is not known`;
      continue;
    }
    const dimension = /:(ReadCapacityUnits|WriteCapacityUnits)$/.exec(
      String(target.props.ScalableDimension),
    )?.[1] as Dimension | undefined;
    if (!dimension) continue;
    const min = target.props.MinCapacity;
    const max = target.props.MaxCapacity;
    const policiesUnread = unreadReason(graph, POLICY, table.account, table.region);
    const scaling: Scaling = !hasPolicy(target, graph)
      ? // A policy that was never listed may act on the target.
        policiesUnread
        ? {
            state: 'unknown',
            reason: `the scaling policies of scalable target ${label(target)} were not read (${policiesUnread})`,
          }
        : { state: 'no-policy', target }
      : typeof min === 'number' && typeof max === 'number' && max <= min
        ? { state: 'no-range', target }
        : { state: 'scaled', target, min, max };
    const k = key({ ...(where.index !== undefined ? { index: where.index } : {}), dimension });
    if (found.get(k)?.state !== 'scaled') found.set(k, scaling);
  }
  // Targets are in the table's account and region; those never listed may scale what looks fixed.
  const targetsUnread = unreadReason(graph, TARGET, table.account, table.region);
  if (targetsUnread) unknown ??= `its scalable targets were not all read (${targetsUnread})`;
  return needs.map(
    (n) => found.get(key(n)) ?? (unknown ? { state: 'unknown', reason: unknown } : { state: 'fixed' }),
  );
}

/** What a need is called in reasons: `read capacity`, `write capacity of index byDate`. */
export function describeNeed(n: CapacityNeed): string {
  const what = n.dimension === 'ReadCapacityUnits' ? 'read capacity' : 'write capacity';
  return n.index === undefined ? what : `${what} of index ${n.index}`;
}

/**
 * Auto scaling of a provisioned global table, declared inline: write capacity on the table (and
 * each GSI), read capacity on each replica (and on each replica GSI that declares read settings).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-globaltable.html
 */
export function globalTableUnscaled(table: Resource): string[] | { unknown: string } {
  const missing: string[] = [];
  const has = (from: Record<string, unknown>, path: string): boolean | { unknown: string } => {
    const v = prop(from, path);
    return v.known ? v.value !== undefined : { unknown: v.reason };
  };
  const write = has(table.props, 'WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings');
  if (typeof write === 'object') return write;
  if (!write) missing.push('write capacity');
  const gsis = prop(table.props, 'GlobalSecondaryIndexes');
  if (!gsis.known) return { unknown: gsis.reason };
  for (const gsi of Array.isArray(gsis.value) ? gsis.value : []) {
    const g = gsi as Record<string, unknown>;
    const ok = has(g, 'WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings');
    if (typeof ok === 'object') return ok;
    if (!ok) missing.push(`write capacity of index ${String(g.IndexName)}`);
  }
  const replicas = prop(table.props, 'Replicas');
  if (!replicas.known) return { unknown: replicas.reason };
  for (const replica of Array.isArray(replicas.value) ? replicas.value : []) {
    const r = replica as Record<string, unknown>;
    const region = typeof r.Region === 'string' ? r.Region : 'a replica';
    const ok = has(r, 'ReadProvisionedThroughputSettings.ReadCapacityAutoScalingSettings');
    if (typeof ok === 'object') return ok;
    if (!ok) missing.push(`read capacity in ${region}`);
    // A replica's index takes either fixed ReadCapacityUnits or ReadCapacityAutoScalingSettings.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-readprovisionedthroughputsettings.html
    const indexes = prop(r, 'GlobalSecondaryIndexes');
    if (!indexes.known) return { unknown: indexes.reason };
    for (const gsi of Array.isArray(indexes.value) ? indexes.value : []) {
      const g = gsi as Record<string, unknown>;
      const settings = prop(g, 'ReadProvisionedThroughputSettings');
      if (!settings.known) return { unknown: settings.reason };
      if (settings.value === undefined) continue;
      const scaled = has(g, 'ReadProvisionedThroughputSettings.ReadCapacityAutoScalingSettings');
      if (typeof scaled === 'object') return scaled;
      if (!scaled) missing.push(`read capacity of index ${String(g.IndexName)} in ${region}`);
    }
  }
  return missing;
}

/**
 * The regions of a table's replicas: a global table's `Replicas[].Region` (its own region among
 * them); for an `AWS::DynamoDB::Table`, `Replicas[].RegionName` in props (Terraform `replica`
 * blocks) or in `observed` (live DescribeTable).
 */
export function replicaRegions(table: Resource): Setting<string[]> {
  if (table.type === GLOBAL_TABLE) {
    const replicas = prop(table.props, 'Replicas');
    if (!replicas.known) return { known: false, reason: replicas.reason };
    const regions: string[] = [];
    for (const [i, r] of (Array.isArray(replicas.value) ? replicas.value : []).entries()) {
      const region = text((r ?? {}) as Record<string, unknown>, 'Region');
      if (!region.known) return { known: false, reason: `Replicas[${i}]: ${region.reason}` };
      if (region.value !== undefined) regions.push(region.value);
    }
    return { known: true, value: regions, defaulted: false };
  }
  // DescribeTable lists the replicas of a version 2019.11.21 global table as Replicas[].RegionName.
  const declared = prop(table.props, 'Replicas');
  if (!declared.known) return { known: false, reason: declared.reason };
  const regions: string[] = [];
  const unknown =
    addRegionNames(declared.value, 'Replicas', regions) ??
    addRegionNames(table.observed?.Replicas, 'observed.Replicas', regions);
  if (unknown !== undefined) return { known: false, reason: unknown };
  return { known: true, value: regions, defaulted: regions.length === 0 };
}

/** Adds the `RegionName` of each entry of a replica list to `regions`; why one is not known, if so. */
function addRegionNames(list: unknown, where: string, regions: string[]): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (let i = 0; i < list.length; i++) {
    const region = text((list[i] ?? {}) as Record<string, unknown>, 'RegionName');
    if (!region.known) return `${where}[${i}]: ${region.reason}`;
    if (region.value !== undefined) regions.push(region.value);
  }
  return undefined;
}
