import type {
  AccountInfo,
  CoverageGap,
  CoverageGapKind,
  Origin,
  Resource,
  SourceKind,
} from '../../model/index.js';

/**
 * The snapshot file format, version 1: JSON Lines (UTF-8, one JSON object per `\n`-terminated line),
 * optionally gzip-compressed. Line 1 is the header, then resource and gap lines in any order, then
 * the end line with the counts, so that a reader can tell a complete file from a truncated one.
 * See docs/snapshot-format.md and schema/snapshot-v1.schema.json.
 */
export const SNAPSHOT_FORMAT = 'cloudrounds-snapshot';

/** The snapshot file schema version this code writes and reads. */
export const SNAPSHOT_FILE_VERSION = 1;

/** Line 1 of a snapshot file. */
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  schemaVersion: number;
  /** ISO 8601 time the state was read. */
  takenAt: string;
  /** Accounts with their names and roles; readers add any account a resource names that is not listed. */
  accounts: AccountInfo[];
  /** Regions read; readers add any region a resource names that is not listed. */
  regions: string[];
}

/** A coverage gap line: the gap wrapped in `gap`, so it cannot be mistaken for a resource. */
export interface SnapshotGapLine {
  gap: CoverageGap;
}

/** The last line: the counts a complete file holds. */
export interface SnapshotEndLine {
  end: true;
  resources: number;
  gaps: number;
}

/**
 * The keys a resource line may have, and whether each is required. Typed against `Resource` so that
 * a field added to the model fails to compile here until the file format (and its schema) covers it.
 */
export const RESOURCE_FIELDS = {
  type: true,
  id: true,
  arn: false,
  account: true,
  region: true,
  name: false,
  tags: true,
  props: true,
  observed: false,
  origin: false,
} as const satisfies Record<keyof Resource, boolean>;

/** The keys of an origin object, typed against the model for the same reason. */
export const ORIGIN_FIELDS = {
  source: true,
  file: false,
  logicalId: false,
  line: false,
  exists: false,
} as const satisfies Record<keyof Origin, boolean>;

/** The keys of a coverage gap. */
export const GAP_FIELDS = {
  kind: true,
  message: true,
  account: false,
  region: false,
  resourceType: false,
  resourceId: false,
  file: false,
  line: false,
  path: false,
} as const satisfies Record<keyof CoverageGap, boolean>;

/** The keys of an account entry in the header. */
export const ACCOUNT_FIELDS = {
  id: true,
  name: false,
  role: false,
  ouPath: false,
} as const satisfies Record<keyof AccountInfo, boolean>;

/** Every coverage gap kind; the `Record` makes the compiler insist this list stays complete. */
const GAP_KIND_RECORD: Record<CoverageGapKind, true> = {
  'access-denied': true,
  'region-disabled': true,
  throttled: true,
  'api-error': true,
  'unresolved-value': true,
  'missing-reference': true,
  'unsupported-type': true,
  'skipped-file': true,
  'parse-error': true,
  unexpanded: true,
};
export const GAP_KINDS = Object.keys(GAP_KIND_RECORD) as CoverageGapKind[];

const SOURCE_KIND_RECORD: Record<SourceKind, true> = {
  demo: true,
  cloudformation: true,
  terraform: true,
  'describe-json': true,
  aws: true,
  snapshot: true,
};
export const SOURCE_KINDS = Object.keys(SOURCE_KIND_RECORD) as SourceKind[];

const ACCOUNT_ROLE_RECORD: Record<NonNullable<AccountInfo['role']>, true> = {
  management: true,
  security: true,
  'log-archive': true,
  workload: true,
  sandbox: true,
  standalone: true,
};
export const ACCOUNT_ROLES = Object.keys(ACCOUNT_ROLE_RECORD) as Array<NonNullable<AccountInfo['role']>>;
