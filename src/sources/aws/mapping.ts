/**
 * Turns what the units read into resources. Outputs with the shape of `aws … describe-*` output go
 * through the describe-JSON source's mappers (one mapping for saved and live output, so both give the
 * same resources); other collectors map their items themselves. Resources get origin `aws`.
 */
import {
  GLOBAL_REGION,
  isUnresolved,
  makeSnapshot,
  type AccountInfo,
  type CoverageGap,
  type Resource,
  type Snapshot,
} from '../../model/index.js';
import { Builder, type Doc } from '../describe-json/builder.js';
import { MAPPERS } from '../describe-json/mappers/index.js';
import { Reading } from '../describe-json/read.js';
import type { Collector, Json, ResourceDraft, UnitContext, UnitData } from './collector.js';
import { plain } from './json.js';
import { partitionOf } from './runner.js';

/** One finished unit: which collector ran where, and what it read. */
export interface UnitResult {
  collector: string;
  account: string;
  region: string;
  clientRegion: string;
  data: UnitData;
}

/** Every items key as it is, without the runner's `$detail` (the default describe-JSON entries). */
function defaultEntries(data: UnitData): Array<[string, Json]> {
  return Object.entries(data.items).flatMap(([key, items]) =>
    items.map((item): [string, Json] => {
      const { $detail: _detail, ...rest } = item;
      return [key, rest];
    }),
  );
}

/** Applies the unit's place to a draft. */
function resourceOf(draft: ResourceDraft, unit: UnitResult): Resource {
  const resource: Resource = {
    type: draft.type,
    id: draft.id,
    account: unit.account,
    region: draft.region ?? unit.region,
    tags: draft.tags ?? {},
    props: plain(draft.props) as Record<string, unknown>,
    origin: { source: 'aws' },
  };
  if (draft.arn) resource.arn = draft.arn;
  if (draft.name ?? draft.tags?.Name) resource.name = draft.tags?.Name ?? draft.name;
  const observed = plain(draft.observed ?? {}) as Record<string, unknown>;
  if (Object.keys(observed).length > 0) resource.observed = observed;
  return resource;
}

/** One `unresolved-value` gap per type, property and reason (as the describe-JSON source reports them). */
function unresolvedGaps(resources: Resource[]): CoverageGap[] {
  const groups = new Map<string, { type: string; prop: string; reason: string; ids: string[] }>();
  for (const resource of resources) {
    for (const [prop, value] of Object.entries(resource.props)) {
      if (!isUnresolved(value)) continue;
      const key = `${resource.type}|${prop}|${value.reason}`;
      const group = groups.get(key) ?? { type: resource.type, prop, reason: value.reason, ids: [] };
      group.ids.push(resource.id);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((g) => {
    const sample = g.ids.slice(0, 5).join(', ') + (g.ids.length > 5 ? `, … (${g.ids.length - 5} more)` : '');
    const gap: CoverageGap = {
      kind: 'unresolved-value',
      message: `${g.prop} of ${g.ids.length} ${g.type} resource(s) is unknown: ${g.reason} (${sample})`,
      resourceType: g.type,
      path: g.prop,
    };
    if (g.ids.length === 1) gap.resourceId = g.ids[0];
    return gap;
  });
}

/** Maps finished units into a snapshot. Resources are sorted so equal inputs give equal snapshots. */
export function buildSnapshot(
  units: UnitResult[],
  collectors: ReadonlyMap<string, Collector>,
  extra: { accounts: AccountInfo[]; regions: string[]; takenAt?: string; gaps?: CoverageGap[] },
): Snapshot {
  const builder = new Builder({});
  const reading = new Reading();
  const resources: Resource[] = [];
  const gaps: CoverageGap[] = [...(extra.gaps ?? [])];
  for (const unit of units) {
    gaps.push(...unit.data.gaps);
    const collector = collectors.get(unit.collector);
    if (!collector) continue;
    const ctx: UnitContext = {
      account: unit.account,
      region: unit.region,
      clientRegion: unit.clientRegion,
      partition: partitionOf(unit.clientRegion),
    };
    if (collector.mapping.kind === 'resources') {
      for (const draft of collector.mapping.map(unit.data, ctx)) resources.push(resourceOf(draft, unit));
      continue;
    }
    // The describe-JSON builder takes account and region from the path, as for `accounts/<id>/<region>/`.
    const context =
      unit.region === GLOBAL_REGION
        ? { account: unit.account }
        : { account: unit.account, region: unit.region };
    const doc: Doc = {
      file: { path: '', rel: `${unit.account}/${unit.region}/${unit.collector}`, context },
      lines: new Map(),
    };
    const entries = (collector.mapping.entries ?? defaultEntries)(unit.data);
    entries.forEach(([key, value], index) => reading.push(key, { value, doc, path: `${key}[${index}]` }));
    for (const key of Object.keys(unit.data.items)) reading.mark(key);
  }
  for (const mapper of MAPPERS) mapper(reading, builder);
  for (const resource of builder.resources()) {
    // Live resources carry no file: the origin is the account itself.
    resource.origin = { source: 'aws' };
    resources.push(resource);
  }
  const index = new Map(resources.map((r) => [`${r.account}|${r.type}|${r.id}`, r]));
  for (const unit of units) {
    const collector = collectors.get(unit.collector);
    if (!collector?.enrich) continue;
    const ctx: UnitContext = {
      account: unit.account,
      region: unit.region,
      clientRegion: unit.clientRegion,
      partition: partitionOf(unit.clientRegion),
    };
    collector.enrich(unit.data, ctx, (type, id) => index.get(`${unit.account}|${type}|${id}`));
  }
  gaps.push(...builder.gaps.map(({ file: _file, line: _line, path: _path, ...gap }) => gap));
  gaps.push(...unresolvedGaps(resources));
  resources.sort(
    (a, b) =>
      a.account.localeCompare(b.account) ||
      a.region.localeCompare(b.region) ||
      a.type.localeCompare(b.type) ||
      a.id.localeCompare(b.id),
  );
  gaps.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return makeSnapshot(resources, gaps, extra);
}
