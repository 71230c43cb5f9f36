import { dirname } from 'node:path/posix';
import {
  GLOBAL_REGION,
  UNKNOWN_ACCOUNT,
  UNKNOWN_REGION,
  type CoverageGap,
  type Resource,
} from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import type { FoundFile } from './files.js';
import type { ItemLines } from './json.js';
import { tagList, tagRecord, type Json } from './values.js';

/** A parsed file: where it is and the line of each array element. */
export interface Doc {
  file: FoundFile;
  lines: ItemLines;
}

/** One element of a describe output array, with where it was found. */
export interface Item {
  value: Json;
  doc: Doc;
  /** JSON path inside the file, e.g. `Vpcs[3]` or `Reservations[0].Instances[1]`. */
  path: string;
}

/** What a mapper knows about a resource; the builder adds account, region, origin and tags. */
export interface ResourceSpec {
  type: string;
  id: string;
  item: Item;
  /** The ARN, or a function building it once account and region are resolved. */
  arn?: string | ((account: string, region: string) => string | undefined);
  /** Natural name, used when there is no `Name` tag. */
  name?: string;
  /** The API's tag list (`Tags`, `TagSet`, `TagList`), copied into `tags` and `props.Tags`. */
  tags?: unknown;
  props: Json;
  observed?: Json;
  /** Account that owns the resource according to the data (`OwnerId`, the ARN's account). */
  owner?: string;
  /** Region according to the data (availability zone, ARN). */
  region?: string;
  /** For global services (IAM): region `global` whatever the directory says. */
  global?: boolean;
  /**
   * Do not guess the region from the other resources of the directory (S3 buckets: a bucket listed
   * beside buckets of one region may well be in another).
   */
  regionFromDataOnly?: boolean;
  /**
   * Extra part of the identity for resources that two accounts see differently under one id
   * (each side of a transit gateway peering attachment has its own gateway and route table).
   */
  view?: string;
}

/** A resource as added, with what is needed to settle its account, region and ARN at the end. */
interface Entry {
  resource: Resource;
  /** Copy read in its owner's directory: wins over copies of the same resource read elsewhere. */
  preferred: boolean;
  /** Directory of the file, the unit within which a missing account or region is inferred. */
  dir: string;
  accountPending: boolean;
  regionPending: boolean;
  /** The account of the directory (`accounts/<id>/`) and the owner the data names, when both are known. */
  pathAccount?: string;
  owner?: string;
  regionFromDataOnly?: boolean;
  arn?: (account: string, region: string) => string | undefined;
}

/**
 * Collects resources and coverage gaps.
 *
 * Account: the directory (`accounts/<id>/`), else the data (owner fields, the ARN). A resource whose
 * owner field names another account than its directory belongs to that account (it was shared into
 * the directory's account: RAM subnets, transit gateways), as long as other resources of the
 * directory are owned by the directory's account; where none are, the folder was named by hand (test
 * data copied between account folders) and the directory wins.
 * Region: the data (availability zone, ARN, bucket location), else the directory name. A resource
 * whose data and path say nothing (a VPC has no zone, a customer gateway no owner) takes the one
 * account or region the other resources of its directory agree on; failing that `options.account` /
 * `options.region`, then `unknown`.
 *
 * The same resource described by two accounts (a shared transit gateway, both sides of a VPC
 * peering) is kept once, preferring the copy read in its owner's directory.
 */
export class Builder {
  private readonly byKey = new Map<string, Entry>();
  readonly gaps: CoverageGap[] = [];

  constructor(private readonly options: SourceOptions) {}

  add(spec: ResourceSpec): Resource {
    const tags = tagRecord(spec.tags);
    const props: Json = { ...spec.props };
    const cfnTags = tagList(tags);
    if (cfnTags && props.Tags === undefined) props.Tags = cfnTags;
    const context = spec.item.doc.file.context;
    const knownAccount = context.account ?? spec.owner;
    const knownRegion = spec.global ? GLOBAL_REGION : (spec.region ?? context.region);
    const resource: Resource = {
      type: spec.type,
      id: spec.id,
      account: knownAccount ?? this.options.account ?? UNKNOWN_ACCOUNT,
      region: knownRegion ?? this.options.region ?? UNKNOWN_REGION,
      tags,
      props,
      origin: { source: 'describe-json', file: spec.item.doc.file.rel },
    };
    const line = spec.item.doc.lines.get(spec.item.path);
    if (line !== undefined) resource.origin.line = line;
    const name = tags.Name || spec.name;
    if (name) resource.name = name;
    if (spec.observed && Object.keys(spec.observed).length > 0) resource.observed = spec.observed;
    const entry: Entry = {
      resource,
      preferred: spec.owner !== undefined && spec.owner === context.account,
      dir: dirname(spec.item.doc.file.rel),
      accountPending: knownAccount === undefined,
      regionPending: knownRegion === undefined,
      pathAccount: context.account,
      owner: spec.owner,
      regionFromDataOnly: spec.regionFromDataOnly,
    };
    if (typeof spec.arn === 'function') entry.arn = spec.arn;
    else if (spec.arn) resource.arn = spec.arn;

    const key = `${spec.type}|${spec.id}|${spec.view ?? ''}`;
    const existing = this.byKey.get(key);
    if (existing && !(entry.preferred && !existing.preferred)) return existing.resource;
    this.byKey.set(key, entry);
    return resource;
  }

  get(type: string, id: string, view = ''): Resource | undefined {
    return this.byKey.get(`${type}|${id}|${view}`)?.resource;
  }

  gap(gap: CoverageGap): void {
    this.gaps.push(gap);
  }

  /** A `parse-error` gap for an element that lacks what its kind needs (its id, usually). */
  badItem(item: Item, kind: string, message: string): void {
    this.gap({
      kind: 'parse-error',
      message: `${item.doc.file.rel}: ${kind} at ${item.path} skipped: ${message}`,
      file: item.doc.file.rel,
      line: item.doc.lines.get(item.path),
      path: item.path,
      account: item.doc.file.context.account,
      region: item.doc.file.context.region,
    });
  }

  /** The resources, with pending accounts and regions inferred per directory and ARNs built. */
  resources(): Resource[] {
    const entries = [...this.byKey.values()];
    const accounts = agreed(
      entries,
      (e) => !e.accountPending,
      (e) => e.resource.account,
    );
    const regions = agreed(
      entries,
      (e) => !e.regionPending && e.resource.region !== GLOBAL_REGION,
      (e) => e.resource.region,
    );
    // Directories where some resource is owned by the directory's account: their name is the real
    // account, so a resource owned by another one was shared into it (RAM subnets, transit gateways).
    const confirmed = new Set(entries.filter((e) => e.owner && e.owner === e.pathAccount).map((e) => e.dir));
    for (const entry of entries) {
      const r = entry.resource;
      if (entry.owner && entry.pathAccount && entry.owner !== entry.pathAccount && confirmed.has(entry.dir)) {
        r.account = entry.owner;
      }
      if (entry.accountPending) r.account = accounts.get(entry.dir) ?? r.account;
      if (entry.regionPending && !entry.regionFromDataOnly) r.region = regions.get(entry.dir) ?? r.region;
      const arn = entry.arn?.(r.account, r.region);
      if (arn) r.arn = arn;
    }
    return entries.map((entry) => entry.resource);
  }
}

/** Per directory, the one value the settled entries agree on (directories with two or more values are left out). */
function agreed(
  entries: Entry[],
  settled: (e: Entry) => boolean,
  value: (e: Entry) => string,
): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!settled(entry)) continue;
    const set = seen.get(entry.dir) ?? new Set<string>();
    set.add(value(entry));
    seen.set(entry.dir, set);
  }
  const out = new Map<string, string>();
  for (const [dir, set] of seen) if (set.size === 1) out.set(dir, [...set][0]!);
  return out;
}
