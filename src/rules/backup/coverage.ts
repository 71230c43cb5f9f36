/**
 * Which AWS Backup plans protect a resource: the backup selections that assign it, as AWS Backup
 * evaluates them, and where those plans copy their recovery points. Used by the Backup rules and
 * by the DR rules of the services Backup protects.
 *
 * A selection assigns the resources that match any ARN in `Resources` or any tag in `ListOfTags`
 * (all supported resources when both are empty), that also match every entry of `Conditions`, and
 * that match nothing in `NotResources`.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html
 */
import { isUnresolved, parseArn, UNKNOWN_ACCOUNT, UNKNOWN_REGION, type Resource } from '../../model/index.js';
import { describeUnresolved, label, prop, type GraphView } from '../rule.js';
import { isUnknown, refersTo, referencedNames, sameAccountAndRegion, type Maybe } from '../rds/values.js';
import { unreadAny } from '../unread.js';

export const SELECTION = 'AWS::Backup::BackupSelection';
export const PLAN = 'AWS::Backup::BackupPlan';
export const VAULT = 'AWS::Backup::BackupVault';

/** How a protectable type appears in ARNs, and the property that holds its physical name. */
const ARN_SHAPES: Readonly<Record<string, { service: string; prefix: string; nameProp?: string }>> = {
  'AWS::EC2::Volume': { service: 'ec2', prefix: 'volume/' },
  'AWS::DynamoDB::Table': { service: 'dynamodb', prefix: 'table/', nameProp: 'TableName' },
  'AWS::EFS::FileSystem': { service: 'elasticfilesystem', prefix: 'file-system/' },
  'AWS::RDS::DBInstance': { service: 'rds', prefix: 'db:', nameProp: 'DBInstanceIdentifier' },
  'AWS::RDS::DBCluster': { service: 'rds', prefix: 'cluster:', nameProp: 'DBClusterIdentifier' },
};

/** The resource types `coverage` can match against selections. */
export const PROTECTABLE_TYPES: readonly string[] = Object.keys(ARN_SHAPES);

const IAC_SOURCES = new Set(['cloudformation', 'terraform']);
const globCache = new Map<string, RegExp>();

/** AWS Backup's ARN and StringLike wildcards: `*` any run of characters, `?` one character. */
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    globCache.set(pattern, re);
  }
  return re;
}

function any(items: readonly Maybe[]): Maybe {
  let unknown: Maybe | undefined;
  for (const m of items) {
    if (m === true) return true;
    if (isUnknown(m)) unknown ??= m;
  }
  return unknown ?? false;
}

function all(items: readonly Maybe[]): Maybe {
  let unknown: Maybe | undefined;
  for (const m of items) {
    if (m === false) return false;
    if (isUnknown(m)) unknown ??= m;
  }
  return unknown ?? true;
}

function not(m: Maybe): Maybe {
  return isUnknown(m) ? m : !m;
}

/** The physical name or id of a resource, when the snapshot knows it. */
function physicalId(r: Resource): string | undefined {
  const shape = ARN_SHAPES[r.type];
  const own = shape?.nameProp ? r.props[shape.nameProp] : undefined;
  if (typeof own === 'string') return own;
  return IAC_SOURCES.has(r.origin.source) ? undefined : r.id;
}

/** Whether an ARN pattern of a selection matches the resource. */
function matchArn(pattern: string, r: Resource): Maybe {
  if (r.arn) return glob(pattern).test(r.arn);
  const shape = ARN_SHAPES[r.type];
  const parts = pattern.split(':');
  if (!shape || parts.length < 6 || parts[0] !== 'arn') return false;
  const [, , service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (!glob(service).test(shape.service)) return false;
  const unknownWhy = `${pattern} may match ${label(r)} once it is deployed`;
  for (const [field, value, unknownValue] of [
    [region, r.region, UNKNOWN_REGION],
    [account, r.account, UNKNOWN_ACCOUNT],
  ] as const) {
    if (field === '*') continue;
    if (value === unknownValue) return { unknown: unknownWhy };
    if (!glob(field).test(value)) return false;
  }
  const id = physicalId(r);
  if (id !== undefined) return glob(resource).test(shape.prefix + id);
  // The name is generated at deploy: a wildcard that takes any id matches; a literal may or may not.
  const re = glob(resource);
  if (re.test(`${shape.prefix}a`) && re.test(`${shape.prefix}generated-Name-1X2Y3Z`)) return true;
  return resource.startsWith(shape.prefix) || resource.startsWith('*') ? { unknown: unknownWhy } : false;
}

/** One entry of `Resources` / `NotResources`: an ARN pattern or an intrinsic naming a resource. */
function matchResourceEntry(
  entry: unknown,
  r: Resource,
  owner: Resource,
  graph: GraphView,
  at: string,
): Maybe {
  if (typeof entry === 'string') return matchArn(entry, r);
  if (isUnresolved(entry)) {
    return refersTo(entry, r, (name) => name !== r.id && graph.get(name, undefined, owner) !== undefined, at);
  }
  return false;
}

/** The tags a resource has, as far as they are known (EFS keeps them in `FileSystemTags`). */
function tagValue(r: Resource, key: string): Maybe | string {
  if (key in r.tags) return r.tags[key]!;
  for (const property of ['Tags', 'FileSystemTags']) {
    const list = prop(r.props, property);
    if (!list.known) return { unknown: list.reason };
    if (!Array.isArray(list.value)) continue;
    for (const tag of list.value) {
      if (isUnresolved(tag)) return { unknown: describeUnresolved(property, tag) };
      const k = (tag as { Key?: unknown } | null)?.Key;
      const v = (tag as { Value?: unknown } | null)?.Value;
      if (isUnresolved(k) || (k === key && isUnresolved(v))) {
        return { unknown: `a tag of ${label(r)} is not known` };
      }
      if (k === key && typeof v === 'string') return v;
    }
  }
  return false;
}

type Operator = 'StringEquals' | 'StringNotEquals' | 'StringLike' | 'StringNotLike';

function matchTag(condition: unknown, operator: Operator, r: Resource, at: string): Maybe {
  if (isUnresolved(condition)) return { unknown: describeUnresolved(at, condition) };
  const c = (condition ?? {}) as { ConditionKey?: unknown; ConditionValue?: unknown };
  if (isUnresolved(c.ConditionKey))
    return { unknown: describeUnresolved(`${at}.ConditionKey`, c.ConditionKey) };
  if (isUnresolved(c.ConditionValue)) {
    return { unknown: describeUnresolved(`${at}.ConditionValue`, c.ConditionValue) };
  }
  if (typeof c.ConditionKey !== 'string' || typeof c.ConditionValue !== 'string') return false;
  // Conditions name tags as aws:ResourceTag/<key>; ListOfTags accepts the bare key too.
  const key = c.ConditionKey.replace(/^aws:ResourceTag\//, '');
  const tag = tagValue(r, key);
  if (isUnknown(tag as Maybe)) return tag as Maybe;
  const value = typeof tag === 'string' ? tag : undefined;
  switch (operator) {
    case 'StringEquals':
      return value === c.ConditionValue;
    case 'StringNotEquals':
      return value !== c.ConditionValue;
    case 'StringLike':
      return value !== undefined && glob(c.ConditionValue).test(value);
    case 'StringNotLike':
      return value === undefined || !glob(c.ConditionValue).test(value);
  }
}

function listAt(body: Record<string, unknown>, path: string): unknown[] | Maybe {
  const v = prop(body, path);
  if (!v.known) return { unknown: v.reason };
  if (v.value === undefined) return [];
  return Array.isArray(v.value) ? v.value : false;
}

/** Whether one backup selection assigns the resource to its plan. */
export function selectionCovers(selection: Resource, r: Resource, graph: GraphView): Maybe {
  const place = sameAccountAndRegion(selection, r);
  if (place === false) return false;
  const matched = matchSelection(selection, r, graph);
  // A selection only assigns resources of its own account and region; when either side's is not
  // known, a selection that would match may or may not apply.
  if (place === undefined && matched === true) {
    return { unknown: `it may assign ${label(r)}, but their accounts and regions cannot be compared` };
  }
  return matched;
}

/** Whether the selection's resources, tags and conditions match the resource, wherever both are. */
function matchSelection(selection: Resource, r: Resource, graph: GraphView): Maybe {
  const raw = prop(selection.props, 'BackupSelection');
  if (!raw.known) return { unknown: raw.reason };
  if (raw.value === null || typeof raw.value !== 'object') return false;
  const body = raw.value as Record<string, unknown>;

  const resources = listAt(body, 'Resources');
  const tags = listAt(body, 'ListOfTags');
  const notResources = listAt(body, 'NotResources');
  if (!Array.isArray(resources)) return resources;
  if (!Array.isArray(tags)) return tags;
  if (!Array.isArray(notResources)) return notResources;
  const [res, tagList, notRes] = [resources, tags, notResources];

  const base =
    res.length === 0 && tagList.length === 0
      ? true
      : any([
          ...res.map((e, i) => matchResourceEntry(e, r, selection, graph, `Resources[${i}]`)),
          ...tagList.map((t, i) => matchTag(t, 'StringEquals', r, `ListOfTags[${i}]`)),
        ]);
  const conditions: Maybe[] = [];
  const conds = prop(body, 'Conditions');
  if (!conds.known) conditions.push({ unknown: conds.reason });
  else if (conds.value && typeof conds.value === 'object') {
    for (const op of ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const) {
      const list = listAt(conds.value as Record<string, unknown>, op);
      if (!Array.isArray(list)) conditions.push(list);
      else list.forEach((c, i) => conditions.push(matchTag(c, op, r, `Conditions.${op}[${i}]`)));
    }
  }
  const excluded = any(
    notRes.map((e, i) => matchResourceEntry(e, r, selection, graph, `NotResources[${i}]`)),
  );
  return all([base, ...conditions, not(excluded)]);
}

/** The plan a selection belongs to, when it is in the snapshot. */
export function planOf(selection: Resource, graph: GraphView): Resource | undefined {
  const id = selection.props.BackupPlanId;
  if (typeof id === 'string') return graph.resolve(id, PLAN, selection);
  for (const name of referencedNames(id)) {
    const plan = graph.get(name, PLAN, selection);
    if (plan) return plan;
  }
  return undefined;
}

export interface Coverage {
  /** Selections that assign the resource, with their plans when known. */
  readonly covering: ReadonlyArray<{ selection: Resource; plan: Resource | undefined }>;
  /** Why some selection could not be decided, when none covers it for sure. */
  readonly unknown?: string;
}

const SELECTION_TYPES = [SELECTION, PLAN];

/**
 * Why backup selections of an account and region may be missing: the listing of plans or of their
 * selections failed there. Selections are read plan by plan after the plans, and a failure while
 * reading them is recorded against the plans, so both types are asked.
 */
export function selectionsUnread(account: string, region: string, graph: GraphView): string | undefined {
  return unreadAny(graph, SELECTION_TYPES, account, region);
}

/** The backup selections that assign `r` to a plan. */
export function coverage(r: Resource, graph: GraphView): Coverage {
  const covering: Array<{ selection: Resource; plan: Resource | undefined }> = [];
  // A selection only assigns resources of its own account and region: those that were never read
  // there may assign it.
  const unread = selectionsUnread(r.account, r.region, graph);
  let unknown = unread
    ? `the backup selections of its account and region were not all read (${unread})`
    : undefined;
  for (const selection of graph.byType(SELECTION)) {
    const m = selectionCovers(selection, r, graph);
    if (m === true) covering.push({ selection, plan: planOf(selection, graph) });
    else if (isUnknown(m)) unknown ??= `backup selection ${label(selection)}: ${m.unknown}`;
  }
  return unknown === undefined ? { covering } : { covering, unknown };
}

/** Where the rules of a plan copy their recovery points, relative to the plan's region. */
export interface CopyTargets {
  /** Regions other than the plan's that some rule copies to. */
  readonly otherRegions: readonly string[];
  /** Copy actions that stay in the plan's region (another vault, or another account). */
  readonly sameRegion: number;
  /** Why a destination's region is not known. */
  readonly unknown?: string;
}

function vaultRegion(destination: unknown, plan: Resource, graph: GraphView): string | { unknown: string } {
  if (typeof destination === 'string') {
    const parsed = parseArn(destination);
    if (parsed.ok && parsed.value.region) return parsed.value.region;
    const vault = graph.resolve(destination, VAULT, plan);
    if (vault)
      return vault.region === UNKNOWN_REGION && vault.origin.file === plan.origin.file
        ? plan.region
        : vault.region;
    return { unknown: `copy destination ${destination} is not an ARN of a known vault` };
  }
  if (isUnresolved(destination)) {
    for (const name of referencedNames(destination)) {
      const vault = graph.get(name, VAULT, plan);
      // A vault of the same template is deployed with the plan, in the plan's region.
      if (vault && sameAccountAndRegion(vault, plan) === true) return plan.region;
      if (vault && vault.region !== UNKNOWN_REGION) return vault.region;
    }
    return { unknown: describeUnresolved('DestinationBackupVaultArn', destination) };
  }
  return { unknown: 'a copy action has no DestinationBackupVaultArn' };
}

/** The copy destinations of every rule of a plan. */
export function copyTargets(plan: Resource, graph: GraphView): CopyTargets {
  const rules = prop(plan.props, 'BackupPlan.BackupPlanRule');
  if (!rules.known) return { otherRegions: [], sameRegion: 0, unknown: rules.reason };
  const otherRegions = new Set<string>();
  let sameRegion = 0;
  let unknown: string | undefined;
  for (const [i, rule] of (Array.isArray(rules.value) ? rules.value : []).entries()) {
    const actions = prop(rule as Record<string, unknown>, 'CopyActions');
    if (!actions.known) {
      unknown ??= `BackupPlanRule[${i}]: ${actions.reason}`;
      continue;
    }
    for (const action of Array.isArray(actions.value) ? actions.value : []) {
      const destination = isUnresolved(action)
        ? action
        : (action as Record<string, unknown>)?.DestinationBackupVaultArn;
      const region = vaultRegion(destination, plan, graph);
      if (typeof region !== 'string') unknown ??= region.unknown;
      else if (region === UNKNOWN_REGION || plan.region === UNKNOWN_REGION) {
        if (region === plan.region) sameRegion++;
        else
          unknown ??= `the region of plan ${label(plan)} or of its copy destination in ${region} is not known`;
      } else if (region === plan.region) sameRegion++;
      else otherRegions.add(region);
    }
  }
  return { otherRegions: [...otherRegions].sort(), sameRegion, ...(unknown ? { unknown } : {}) };
}
