/**
 * Small pieces the fix declarations share: building an {@link AwsCall} for a resource, refusing
 * resources a live plan cannot address, and reading what a capture call answered. Not a fix.
 */
import { GLOBAL_REGION, UNKNOWN_ACCOUNT, UNKNOWN_REGION, type Resource } from '../model/index.js';
import type { AwsCall, FixPlan } from './fix.js';

/** Template and plan resources name what will be created, not something a live call can change. */
const PLANNED = new Set(['cloudformation', 'terraform']);

/**
 * Why a live plan cannot address the resource, or `undefined` when it can: a template resource
 * has no physical id yet, and a call needs a known account and (for regional services) region.
 */
export function notLive(resource: Resource, regional = true): string | undefined {
  if (PLANNED.has(resource.origin.source)) {
    return `${resource.type} ${resource.id} comes from a ${resource.origin.source} source and does not exist yet; fix the template instead (scan --fix)`;
  }
  if (resource.account === UNKNOWN_ACCOUNT) return `the account of ${resource.id} is not known`;
  if (regional && (resource.region === UNKNOWN_REGION || resource.region === GLOBAL_REGION)) {
    return `the region of ${resource.id} is not known`;
  }
  return undefined;
}

/** A `{ cannot }` plan when the resource is not live, else `undefined`. */
export function refuseNotLive(resource: Resource, regional = true): FixPlan | undefined {
  const why = notLive(resource, regional);
  return why === undefined ? undefined : { cannot: why };
}

/** One call in the resource's account and region (or `region`, for a global setting). */
export function callFor(
  resource: Resource,
  client: string,
  operation: string,
  action: string,
  input: Record<string, unknown>,
  region: string = resource.region,
): AwsCall {
  return { client, operation, input, action, account: resource.account, region };
}

/** A region for calls to services whose settings are global (s3-control account settings). */
export function anyRegion(resource: Resource): string {
  return resource.region === UNKNOWN_REGION || resource.region === GLOBAL_REGION
    ? 'us-east-1'
    : resource.region;
}

/** The value at `path` in a captured answer, or `undefined` (a "not configured" capture is absent). */
export function capturedAt(captured: unknown, ...path: (string | number)[]): unknown {
  let value: unknown = captured;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The physical name a live resource goes by: a string prop, else its id. */
export function physicalName(resource: Resource, prop: string): string {
  const own = resource.props[prop];
  return typeof own === 'string' && own !== '' ? own : resource.id;
}

/** Where a folded property came from: a standalone template resource (`props.$folds`). */
export interface FoldSource {
  readonly logicalId: string;
  readonly type: string;
  /** Position in the target's list, for list properties. */
  readonly index?: number;
}

/**
 * The template resource the source folded into `property` of `resource` (an `AWS::S3::BucketPolicy`
 * into a bucket's `PolicyDocument`), at `index` for list properties. See the CloudFormation
 * source's README, "Folded resources".
 */
export function foldSource(resource: Resource, property: string, index?: number): FoldSource | undefined {
  const folds = resource.props.$folds;
  if (!Array.isArray(folds)) return undefined;
  for (const f of folds as unknown[]) {
    if (f === null || typeof f !== 'object') continue;
    const r = f as Record<string, unknown>;
    if (r.property !== property || typeof r.logicalId !== 'string' || typeof r.type !== 'string') continue;
    if (index !== undefined && r.index !== index) continue;
    return {
      logicalId: r.logicalId,
      type: r.type,
      ...(typeof r.index === 'number' ? { index: r.index } : {}),
    };
  }
  return undefined;
}

/** The template logical id of a resource (its id without a directory loader's `<file>#` prefix). */
export function logicalIdOf(resource: Resource): string {
  return resource.origin.logicalId ?? resource.id;
}

/**
 * A logical id for a new template resource next to `resource`, free in the template: `base`, or
 * `base2`, `base3`... when taken.
 */
export function freeLogicalId(resource: Resource, base: string, taken: (id: string) => boolean): string {
  const prefix = resource.id.endsWith(logicalIdOf(resource))
    ? resource.id.slice(0, resource.id.length - logicalIdOf(resource).length)
    : '';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!taken(prefix + candidate)) return candidate;
  }
}
