import type { AnyRule, Category, ControlId, Remediation, Severity, Status } from '../rules/rule.js';
import type { Suppression } from './suppressions.js';

/** Where a finding points: the resource, and for templates the file and line that declare it. */
export interface FindingResource {
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

/** The suppression that applied (or used to apply) to a finding. */
export interface SuppressionNote {
  reason: string;
  /** `YYYY-MM-DD`: the suppression holds through the end of that day (UTC). */
  expires: string;
  /** Where the suppression is written, e.g. `.cloudrounds.yaml:12`. */
  file?: string;
  line?: number;
}

/** One rule's verdict on one resource. */
export interface Finding {
  ruleId: string;
  status: Status;
  severity: Severity;
  category: Category;
  title: string;
  /** The rule's sentence about this resource. */
  reason: string;
  controls: readonly ControlId[];
  resource: FindingResource;
  remediation: Remediation;
  /** Set on a failing finding that a current suppression accepts: it is kept but not counted. */
  suppressed?: SuppressionNote;
  /** Set on a failing finding whose suppression has expired: counted again, with the old reason. */
  suppressionExpired?: SuppressionNote;
}

/** Totals over findings; suppressed findings are left out of every count but `suppressed`. */
export interface FindingCounts {
  byStatus: Record<Status, number>;
  /** Failing, unsuppressed findings by rule severity. */
  failBySeverity: Record<Severity, number>;
  suppressed: number;
  suppressionExpired: number;
}

/** What `runRules` returns. */
export interface RunResult {
  findings: Finding[];
  counts: FindingCounts;
  /** The rules that ran, after include / exclude. */
  rules: readonly AnyRule[];
  /** Suppressions that matched no failing finding: stale entries to remove from the configuration. */
  unusedSuppressions: readonly Suppression[];
}
