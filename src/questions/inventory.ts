import type { CoverageGap, Snapshot } from '../model/index.js';
import { countByType } from '../model/index.js';

/** What a snapshot holds: the answer behind `daily`'s inventory section and `resources` summaries. */
export interface InventoryAnswer {
  schemaVersion: 1;
  takenAt: string;
  totals: { accounts: number; regions: number; resources: number; coverageGaps: number };
  byAccount: Array<{ account: string; name?: string; resources: number }>;
  byRegion: Array<{ region: string; resources: number }>;
  byType: Array<{ type: string; resources: number }>;
  gapsByKind: Array<{ kind: CoverageGap['kind']; count: number; example: string }>;
}

export function inventory(snapshot: Snapshot): InventoryAnswer {
  const perAccount = new Map<string, number>();
  const perRegion = new Map<string, number>();
  for (const r of snapshot.resources) {
    perAccount.set(r.account, (perAccount.get(r.account) ?? 0) + 1);
    perRegion.set(r.region, (perRegion.get(r.region) ?? 0) + 1);
  }
  const names = new Map(snapshot.accounts.map((a) => [a.id, a.name]));
  const gaps = new Map<CoverageGap['kind'], { count: number; example: string }>();
  for (const gap of snapshot.coverage) {
    const entry = gaps.get(gap.kind) ?? { count: 0, example: gap.message };
    entry.count += 1;
    gaps.set(gap.kind, entry);
  }
  const byCountDesc = <T extends { resources: number }>(a: T, b: T) => b.resources - a.resources;
  return {
    schemaVersion: 1,
    takenAt: snapshot.takenAt,
    totals: {
      accounts: new Set([...snapshot.accounts.map((a) => a.id), ...perAccount.keys()]).size,
      regions: perRegion.size,
      resources: snapshot.resources.length,
      coverageGaps: snapshot.coverage.length,
    },
    byAccount: [...perAccount]
      .map(([account, resources]) => ({ account, name: names.get(account), resources }))
      .sort(byCountDesc),
    byRegion: [...perRegion].map(([region, resources]) => ({ region, resources })).sort(byCountDesc),
    byType: countByType(snapshot.resources).map(([type, resources]) => ({ type, resources })),
    gapsByKind: [...gaps]
      .map(([kind, { count, example }]) => ({ kind, count, example }))
      .sort((a, b) => b.count - a.count),
  };
}
