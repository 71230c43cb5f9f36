import type { AccountInfo, CoverageGap, Resource } from '../model/index.js';

/*
 * The store keeps findings in their own shape rather than importing the engine's `Finding`: the
 * store sits below the engine. The fields match `Finding` structurally, so an engine finding can
 * be passed wherever a `StoredFinding` is expected. Status, severity and category are plain
 * strings here; the engine owns their closed sets.
 */

/** Where a stored finding points. */
export interface StoredFindingResource {
  type: string;
  id: string;
  arn?: string;
  account: string;
  region: string;
  name?: string;
  logicalId?: string;
  file?: string;
  line?: number;
}

/** How to reach the compliant state, as the rule declared it. */
export interface StoredRemediation {
  text: string;
  cli?: string;
  cloudformation?: string;
  terraform?: string;
}

/** A suppression that applied (or used to apply) to a finding. */
export interface StoredSuppressionNote {
  reason: string;
  expires: string;
  file?: string;
  line?: number;
}

/** One rule's verdict on one resource, as written to and read from the store. */
export interface StoredFinding {
  ruleId: string;
  /** `pass`, `fail`, `not_applicable` or `error`. */
  status: string;
  severity: string;
  category: string;
  title: string;
  reason: string;
  controls: readonly string[];
  resource: StoredFindingResource;
  remediation: StoredRemediation;
  suppressed?: StoredSuppressionNote;
  suppressionExpired?: StoredSuppressionNote;
}

/** A finding read back, with the key that identifies it across runs. */
export interface RecordedFinding extends StoredFinding {
  /** Stable across runs of a scope: see `findingKey`. */
  key: string;
}

/**
 * `complete` when nothing stopped the source from reading what it was asked to; `incomplete`
 * when a coverage gap means resources may be missing (access denied, throttled, a file skipped).
 */
export type RunStatus = 'complete' | 'incomplete';

/** Totals recorded with a run, computed by the store from the rows it wrote. */
export interface RunCounts {
  /** Every finding of the run, suppressed or not. */
  findings: number;
  /** Unsuppressed findings by status. */
  byStatus: Record<string, number>;
  /** Failing, unsuppressed findings by severity: the open problems. */
  failBySeverity: Record<string, number>;
  /** Failing, unsuppressed findings: the sum of `failBySeverity`. */
  open: number;
  suppressed: number;
  suppressionExpired: number;
  /** Resources in the stored snapshot (0 when no snapshot was stored). */
  resources: number;
  coverageGaps: number;
}

/** One recorded run. */
export interface RunInfo {
  id: number;
  /** What was looked at, normalised by `scopeKey`: runs of one scope are compared with each other. */
  scope: string;
  sourceKind: string;
  status: RunStatus;
  /** ISO 8601, UTC. */
  startedAt: string;
  finishedAt: string;
  toolVersion: string;
  counts: RunCounts;
  /** Whether the run's snapshot (resources) was stored. */
  hasSnapshot: boolean;
}

/** The part of a snapshot `recordRun` stores; `Snapshot` from the model fits. */
export interface SnapshotToStore {
  schemaVersion: number;
  takenAt: string;
  accounts: AccountInfo[];
  regions: string[];
  resources: Iterable<Resource>;
}

/** Where `recordRun` is in its work, for a progress display. */
export interface RecordProgress {
  stage: 'findings' | 'resources' | 'coverage' | 'commit';
  /** Rows written so far in this stage. */
  rows: number;
}

/** Everything one run writes. */
export interface RecordRunInput {
  scope: string;
  sourceKind: string;
  startedAt: Date | string;
  /** Defaults to the time `recordRun` is called. */
  finishedAt?: Date | string;
  /** An array, or any iterable (a generator), so millions of findings need not be held twice. */
  findings: Iterable<StoredFinding>;
  /** Stored so that a later run can show the resources as they were; optional because it is large. */
  snapshot?: SnapshotToStore;
  coverage: readonly CoverageGap[];
  /** Derived from `coverage` when absent: see `RunStatus`. */
  status?: RunStatus;
  /** The cloudrounds version that produced the run. */
  toolVersion?: string;
  /** Called every few thousand rows and once before the commit. */
  onProgress?: (progress: RecordProgress) => void;
}

/** Narrows `store.findings`; every field is optional and fields combine with AND. */
export interface FindingFilter {
  status?: string | readonly string[];
  severity?: string | readonly string[];
  category?: string | readonly string[];
  ruleId?: string | readonly string[];
  resourceType?: string | readonly string[];
  account?: string | readonly string[];
  region?: string | readonly string[];
  /** Only failing, unsuppressed findings (the ones `diff` and the counts call open). */
  open?: boolean;
  /** Include suppressed findings; default true. */
  includeSuppressed?: boolean;
  limit?: number;
  offset?: number;
}

/** What changed between two runs, over failing, unsuppressed findings, matched by finding key. */
export interface RunDiff {
  /** Open in this run, not open in the previous one. */
  new: RecordedFinding[];
  /**
   * Open in the previous run, not open in this one (fixed, deleted, or now suppressed), as the
   * previous run recorded them.
   */
  resolved: RecordedFinding[];
  /** Open in both. */
  stillOpen: number;
}

/** One point of the open-findings chart. */
export interface TrendPoint {
  runId: number;
  startedAt: string;
  status: RunStatus;
  /** Failing, unsuppressed findings by severity; severities with none are absent. */
  failBySeverity: Record<string, number>;
  open: number;
  suppressed: number;
}

/** A stored snapshot read back, with the run's coverage gaps. */
export interface StoredSnapshot {
  schemaVersion: number;
  takenAt: string;
  accounts: AccountInfo[];
  regions: string[];
  resources: Resource[];
  coverage: CoverageGap[];
}
