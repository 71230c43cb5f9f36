/**
 * What a snapshot does not know, and why. Every report shows these, so that an empty result
 * is never mistaken for a clean one.
 */
export interface CoverageGap {
  kind: CoverageGapKind;
  /** A sentence a person can act on: what was not read and why. */
  message: string;
  account?: string;
  region?: string;
  /** The service or resource type affected, e.g. `AWS::S3::Bucket` or `s3`. */
  resourceType?: string;
  resourceId?: string;
  file?: string;
  line?: number;
  /** JSON path or property path inside the file or resource, e.g. `Resources.Vpc.Properties.CidrBlock`. */
  path?: string;
}

export type CoverageGapKind =
  /** The credentials may not call the API. */
  | 'access-denied'
  /** The region is not enabled for the account. */
  | 'region-disabled'
  /** Throttling outlived the retries. */
  | 'throttled'
  /** Any other API or network failure. */
  | 'api-error'
  /** An intrinsic function or expression whose value the template does not determine. */
  | 'unresolved-value'
  /** A reference to a resource, parameter or mapping that does not exist. */
  | 'missing-reference'
  /** A resource type this source does not map (kept with raw props where possible). */
  | 'unsupported-type'
  /** A file that was skipped (not a template, not UTF-8, a digest file...). */
  | 'skipped-file'
  /** Part of a file could not be parsed; the rest was loaded. */
  | 'parse-error'
  /** A transform, macro or module the source does not expand. */
  | 'unexpanded';
