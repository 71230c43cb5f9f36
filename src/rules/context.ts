import type { CoverageGap, Resource } from '../model/index.js';

/**
 * A read-only view of the snapshot's resources for rules, indexed once per run: lookups are map
 * reads, so a rule may call them for every resource it evaluates.
 */
export interface GraphView {
  /**
   * The resource with this `id` (and `type`, when given). Ids can repeat across templates, accounts
   * and the account-level types; `near` picks the candidate closest to it (same file, then same
   * account and region, then same account).
   */
  get(id: string, type?: string, near?: Resource): Resource | undefined;
  /**
   * A reference as properties hold it: a resource `id`, an ARN, or the resource's name (a bucket
   * name, a role name), of the given type, nearest to `near` as for {@link get}.
   */
  resolve(ref: string, type: string, near?: Resource): Resource | undefined;
  /** Every resource of a type, in snapshot order. */
  byType(type: string): readonly Resource[];
  /** The first resource of a type that matches. */
  find(type: string, predicate: (resource: Resource) => boolean): Resource | undefined;
  /** Every resource of a type that matches. */
  filter(type: string, predicate: (resource: Resource) => boolean): Resource[];
  /**
   * An account-level setting (model-only types such as `AWS::S3::AccountPublicAccessBlock` or
   * `AWS::IAM::AccountPasswordPolicy`, whose id is the account id) for one account.
   */
  accountResource(type: string, account: string): Resource | undefined;
  /** Every resource of a type in one account, in snapshot order (indexed on first use). */
  inAccount(type: string, account: string): readonly Resource[];
  /**
   * Resources whose props mention the target: a string value equal to its id or ARN anywhere in
   * their props (also inside unresolved expressions, which keep the target's id). Built on first use.
   */
  referencing(target: Resource | string): readonly Resource[];
  /**
   * Why resources of a type may be missing from one account and region: the coverage gap of a listing
   * of that type that failed there (access denied, throttled, an API error, a disabled region), or
   * undefined when the type was listed (or the source lists nothing, as a template does). A rule that
   * concludes from an absence ("no detector in eu-west-1") asks this first: an absence that was not
   * read is an `error`, not a `fail`. A gap without a region (or of a global collector, `global`)
   * covers every region of its account; a gap naming one resource (a detail call) is not a listing
   * gap and is not returned, unless that resource is `parent`: for a type listed one call per
   * parent (a function's event invoke configs, the rules of one event bus), the gap of `type` naming
   * the parent's id says that parent's listing failed.
   */
  unread(type: string, account: string, region?: string, parent?: string): CoverageGap | undefined;
  /**
   * The coverage gap saying a property of this resource was not read, when one does: an extra
   * collection step that failed after the resource was listed (`observed.Metrics` when
   * `GetMetricData` was denied). A rule that finds the property absent answers `error` with it,
   * not "not applicable".
   */
  unreadProperty(resource: Resource, path: string): CoverageGap | undefined;
}

/** What `evaluate` receives besides the resource. */
export interface RuleContext<P = Record<string, never>> {
  readonly graph: GraphView;
  /** The rule's parameters: its declared defaults, overridden from configuration. */
  readonly params: Readonly<P>;
  /** The time of the run, for age checks (key age, expiry); never read the clock in a rule. */
  readonly now: Date;
}
