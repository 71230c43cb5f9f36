import type { Resource } from '../model/index.js';
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

/**
 * Where a finding of the rules engine points: read from the resource itself rather than copied
 * out of it, for the same reason as {@link RuleFinding}. `toJSON` and {@link plainResource} give
 * the plain {@link FindingResource} (a spread would give the resource, not these fields).
 */
export class ResourceLocation implements FindingResource {
  readonly #resource: Resource;

  constructor(resource: Resource) {
    this.#resource = resource;
  }

  get type(): string {
    return this.#resource.type;
  }
  get id(): string {
    return this.#resource.id;
  }
  get arn(): string | undefined {
    return this.#resource.arn;
  }
  get account(): string {
    return this.#resource.account;
  }
  get region(): string {
    return this.#resource.region;
  }
  get name(): string | undefined {
    return this.#resource.name;
  }
  get logicalId(): string | undefined {
    return this.#resource.origin.logicalId;
  }
  get file(): string | undefined {
    return this.#resource.origin.file;
  }
  get line(): number | undefined {
    return this.#resource.origin.line;
  }

  toJSON(): FindingResource {
    return plainResource(this);
  }
}

/** Where a finding points, as plain data in the documented order (absent fields stay undefined, which JSON omits). */
export function plainResource(r: FindingResource): FindingResource {
  return {
    type: r.type,
    id: r.id,
    arn: r.arn,
    account: r.account,
    region: r.region,
    name: r.name,
    logicalId: r.logicalId,
    file: r.file,
    line: r.line,
  };
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

/**
 * A finding of the rules engine. It holds its rule and reads the rule's id, severity, category,
 * title, controls and remediation from it, rather than copying six fields into each of the
 * million findings a large organisation keeps: a finding half the size is copied in half the time
 * by every collection of the run, about a second less on 1.3 million kept findings. `toJSON`
 * gives the plain {@link Finding}; a copy meant to be plain data is made with
 * {@link plainFinding}, not a spread (which would leave the rule's fields out).
 */
export class RuleFinding implements Finding {
  constructor(
    readonly rule: AnyRule,
    readonly status: Status,
    readonly reason: string,
    readonly resource: FindingResource,
    readonly suppressed: SuppressionNote | undefined,
    readonly suppressionExpired: SuppressionNote | undefined,
  ) {}

  get ruleId(): string {
    return this.rule.id;
  }
  get severity(): Severity {
    return this.rule.severity;
  }
  get category(): Category {
    return this.rule.category;
  }
  get title(): string {
    return this.rule.title;
  }
  get controls(): readonly ControlId[] {
    return this.rule.controls;
  }
  get remediation(): Remediation {
    return this.rule.remediation;
  }

  toJSON(): Finding {
    return plainFinding(this);
  }
}

/** A finding as plain data, with every field of {@link Finding} its own, in the documented order. */
export function plainFinding(f: Finding): Finding {
  return {
    ruleId: f.ruleId,
    status: f.status,
    severity: f.severity,
    category: f.category,
    title: f.title,
    reason: f.reason,
    controls: f.controls,
    resource: plainResource(f.resource),
    remediation: f.remediation,
    suppressed: f.suppressed,
    suppressionExpired: f.suppressionExpired,
  };
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
