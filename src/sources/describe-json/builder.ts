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
   * Extra part of the identity for resources that two accounts see differently under one id
   * (each side of a transit gateway peering attachment has its own gateway and route table).
   */
  view?: string;
}

/**
 * Collects resources and coverage gaps. Resolves account and region in this order: the directory
 * (`accounts/<id>/<region>/`), the data (owner fields, availability zones, ARNs), the options, then
 * `unknown`. The same resource described by two accounts (a shared transit gateway, both sides of a
 * VPC peering) is kept once, preferring the copy read in its owner's directory.
 */
export class Builder {
  private readonly byKey = new Map<string, { resource: Resource; preferred: boolean }>();
  readonly gaps: CoverageGap[] = [];

  constructor(private readonly options: SourceOptions) {}

  accountOf(item: Item, owner?: string): string {
    return item.doc.file.context.account ?? owner ?? this.options.account ?? UNKNOWN_ACCOUNT;
  }

  regionOf(item: Item, fromData?: string): string {
    return item.doc.file.context.region ?? fromData ?? this.options.region ?? UNKNOWN_REGION;
  }

  add(spec: ResourceSpec): Resource {
    const tags = tagRecord(spec.tags);
    const props: Json = { ...spec.props };
    const cfnTags = tagList(tags);
    if (cfnTags && props.Tags === undefined) props.Tags = cfnTags;
    const account = this.accountOf(spec.item, spec.owner);
    const region = spec.global ? GLOBAL_REGION : this.regionOf(spec.item, spec.region);
    const resource: Resource = {
      type: spec.type,
      id: spec.id,
      account,
      region,
      tags,
      props,
      origin: {
        source: 'describe-json',
        file: spec.item.doc.file.rel,
        line: spec.item.doc.lines.get(spec.item.path),
      },
    };
    const arn = typeof spec.arn === 'function' ? spec.arn(account, region) : spec.arn;
    if (arn) resource.arn = arn;
    const name = tags.Name || spec.name;
    if (name) resource.name = name;
    if (spec.observed && Object.keys(spec.observed).length > 0) resource.observed = spec.observed;
    if (resource.origin.line === undefined) delete resource.origin.line;

    const key = `${spec.type}|${spec.id}|${spec.view ?? ''}`;
    const preferred = spec.owner !== undefined && spec.owner === spec.item.doc.file.context.account;
    const existing = this.byKey.get(key);
    if (!existing || (preferred && !existing.preferred)) this.byKey.set(key, { resource, preferred });
    return existing && !(preferred && !existing.preferred) ? existing.resource : resource;
  }

  /** True when a resource of this type and id has been added. */
  has(type: string, id: string, view = ''): boolean {
    return this.byKey.has(`${type}|${id}|${view}`);
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

  resources(): Resource[] {
    return [...this.byKey.values()].map((entry) => entry.resource);
  }
}
