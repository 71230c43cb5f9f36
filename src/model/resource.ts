/**
 * One AWS resource in the normalised graph. The type name and the shape of `props` follow
 * CloudFormation, whatever produced the resource, so one rule reads a template, a Terraform
 * plan and a live account alike.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 */
export interface Resource {
  /** CloudFormation type name, e.g. `AWS::EC2::SecurityGroup`. */
  type: string;
  /** Physical id (`sg-0abc…`) for live and describe sources; the logical id (or Terraform address) for IaC. */
  id: string;
  arn?: string;
  /** 12-digit account id; `unknown` where the source cannot tell (a template before deploy). */
  account: string;
  /** Region name; `global` for global services (IAM, Organizations); `unknown` where not known. */
  region: string;
  /** The `Name` tag or the service's own name for the resource. */
  name?: string;
  tags: Record<string, string>;
  /** CloudFormation-shaped properties. Values a source could not determine are {@link Unresolved}. */
  props: Record<string, unknown>;
  /** Runtime-only facts (state, metrics, key ages, alarm state); absent for IaC sources. */
  observed?: Record<string, unknown>;
  /** Where the resource came from, down to file, logical id and line for templates. */
  origin: Origin;
}

export type SourceKind = 'demo' | 'cloudformation' | 'terraform' | 'describe-json' | 'aws' | 'snapshot';

/** Provenance of a resource, used to point a finding back at the line that causes it. */
export interface Origin {
  source: SourceKind;
  file?: string;
  logicalId?: string;
  /** 1-based line of the resource's declaration in `file`. */
  line?: number;
  /**
   * The resource exists in the account already, though read from an IaC source: a Terraform state,
   * or a plan that keeps, updates or reads it instead of creating it. The service's defaults for
   * new resources (S3 Block Public Access on and ACLs disabled since April 2023, for one) do not
   * describe it. Absent for templates and for what a plan creates.
   */
  exists?: boolean;
}

/** Account ids and names known to a snapshot. */
export interface AccountInfo {
  id: string;
  name?: string;
  /** Organisation role of the account, when known. */
  role?: 'management' | 'security' | 'log-archive' | 'workload' | 'sandbox' | 'standalone';
  /** Organizational unit path, e.g. `Root/Workloads/Prod`. */
  ouPath?: string;
}

/** Account value used when the source cannot know it (templates before deploy). */
export const UNKNOWN_ACCOUNT = 'unknown';
/** Region value for templates whose target region is not given. */
export const UNKNOWN_REGION = 'unknown';
/** Region value for global services (IAM, Organizations, Route 53, CloudFront). */
export const GLOBAL_REGION = 'global';
