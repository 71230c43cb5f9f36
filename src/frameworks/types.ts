/** One external control, as its owner titles it. */
export interface ControlData {
  /** The standard's own title (rule titles are written in our words). */
  readonly title: string;
  /** CIS profile level. */
  readonly level?: string;
  /** CIS assessment status: whether the benchmark considers the control automatable. */
  readonly assessment?: 'automated' | 'manual';
  /** Security Hub severity of an FSBP control. */
  readonly severity?: string;
  /** Which mirror lists the control, where the mirrors disagree. */
  readonly listedBy?: string;
  /** Where a hand-added control was read, for checking it again. */
  readonly url?: string;
}

/** A control catalogue: the ids a finding's `controls` may name, with their titles. */
export interface FrameworkData {
  /** Prefix of control ids in findings, e.g. `cis-aws-v5.0` in `cis-aws-v5.0:2.1.4`. */
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Where the ids and titles come from, and how far they were checked. */
  readonly source: string;
  /** False when the data lists only part of the standard; coverage is then out of what is listed. */
  readonly complete: boolean;
  readonly controls: Readonly<Record<string, ControlData>>;
}
