import type { CoverageGap } from './coverage.js';
import type { AccountInfo, Resource } from './resource.js';

/** Version of the snapshot shape, in memory and in snapshot files. Bump on any breaking change. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** A set of resources plus what is known about how complete it is. */
export interface Snapshot {
  schemaVersion: number;
  /** ISO 8601 time the state was read (or the template loaded). */
  takenAt: string;
  accounts: AccountInfo[];
  regions: string[];
  resources: Resource[];
  /** What could not be read; never silently empty. */
  coverage: CoverageGap[];
}

/** Builds a snapshot, deriving accounts and regions from the resources when not given. */
export function makeSnapshot(
  resources: Resource[],
  coverage: CoverageGap[] = [],
  extra: { takenAt?: string; accounts?: AccountInfo[]; regions?: string[] } = {},
): Snapshot {
  const accountIds = new Set<string>();
  const regions = new Set<string>(extra.regions ?? []);
  for (const r of resources) {
    accountIds.add(r.account);
    regions.add(r.region);
  }
  const accounts = extra.accounts ?? [...accountIds].sort().map((id) => ({ id }));
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    takenAt: extra.takenAt ?? new Date().toISOString(),
    accounts,
    regions: [...regions].sort(),
    resources,
    coverage,
  };
}

/** Counts resources by CloudFormation type, most frequent first. */
export function countByType(resources: readonly Resource[]): Array<[type: string, count: number]> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
