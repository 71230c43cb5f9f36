import type { Resource } from '../../../model/index.js';
import type { TfInstance } from '../instance.js';
import type { Props } from './helpers.js';

/** How one Terraform resource type becomes one CloudFormation-typed resource. */
export interface TypeMapping {
  /** CloudFormation type name (or a model-only type from `MODEL_ONLY_RESOURCE_TYPES`). */
  cfnType: string;
  /** CloudFormation-shaped props from the instance's values. `Tags` is added by the caller. */
  props(inst: TfInstance): Props;
  /** Runtime facts a state file knows (instance state, public IP); absent for plans. */
  observed?(inst: TfInstance): Record<string, unknown> | undefined;
  /** Prop holding the service's own name for the resource (`BucketName`, `RoleName`). */
  nameProp?: string;
  /** IAM, Route 53, CloudFront: not regional. */
  global?: boolean;
  /** How tags appear in props: a `[{Key, Value}]` list (default), or not at all. */
  tags?: 'list' | 'none';
}

/** A resource being built, as a fold sees its target. */
export interface FoldTarget {
  resource: Resource;
  inst: TfInstance;
}

/** Where a fold goes: an attribute of the folded resource naming the target, and the target's types. */
export interface FoldTargetSpec {
  /** Attribute of the folded resource holding the target (`bucket`, `security_group_id`, `roles`). */
  attribute: string;
  /** Terraform types the target can have. */
  types: readonly string[];
  /** Attribute of the target whose value the folded resource may give instead of a reference (`bucket`, `name`). */
  matchBy?: string;
}

/**
 * A Terraform resource that only modifies another (a bucket's versioning, a security group rule, a policy
 * attachment): folded into its target in the shape `src/sources/cloudformation/README.md` fixes.
 */
export interface FoldMapping {
  /** The standalone CloudFormation type recorded in `$folds` (`Terraform::<type>` where CloudFormation has none). */
  standaloneType(inst: TfInstance): string;
  targets: readonly FoldTargetSpec[];
  /** Changes the target; calls `record` for each property it sets (with the array index for lists). */
  apply(target: FoldTarget, inst: TfInstance, record: (property: string, index?: number) => void): void;
  /**
   * The resource to keep when the target is not in this input (an existing bucket, an imported group):
   * the standalone CloudFormation shape where there is one. Undefined keeps the raw Terraform values.
   */
  standalone?(inst: TfInstance): Array<{ type: string; props: Props; idSuffix?: string }> | undefined;
}
