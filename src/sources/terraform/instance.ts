import type { CoverageGap } from '../../model/index.js';

/**
 * One Terraform resource instance, as read from a plan, a state or `.tf` files, before it is mapped to
 * the CloudFormation-shaped model. Both readers produce this, so the type mapping is written once.
 */
export interface TfInstance {
  /** Full address: `module.net.aws_subnet.a["x"]`. Becomes the resource id. */
  address: string;
  /** Terraform resource type, e.g. `aws_subnet`. */
  type: string;
  /** Resource name in its module, e.g. `a`. */
  name: string;
  /** `count` index or `for_each` key, when the resource has one. */
  index?: string | number;
  /** Address of the module instance holding it (`module.net["x"]`), `''` for the root module. */
  moduleAddress: string;
  /** Provider local name (`aws`, `google`, `null`...), from the provider address or the type prefix. */
  provider: string;
  /**
   * Attribute values. Nested blocks are arrays of objects as Terraform writes them. Values Terraform
   * cannot know yet are {@link Unresolved}; references to another resource's `id` are that resource's
   * address, so links between resources survive the mapping.
   */
  values: Record<string, unknown>;
  /** Per top-level attribute: addresses of the resource instances its expression refers to. */
  refs: Record<string, string[]>;
  /**
   * Top-level attributes the configuration sets. Undefined when the input has no configuration (a
   * state file, a trimmed plan). Distinguishes "not written" from "computed" for a few attributes.
   */
  configured?: ReadonlySet<string>;
  /** Region from the provider configuration, when it is a known constant. */
  region?: string;
  /** Account from the provider configuration (`allowed_account_ids`, an assumed role ARN). */
  account?: string;
  /** Read from AWS already: in a state, or kept, updated or read by a plan (see `Origin.exists`). */
  exists?: boolean;
  file: string;
  line?: number;
}

/** What a reader hands to the mapping: the instances plus what it could not read. */
export interface TfReadResult {
  instances: TfInstance[];
  gaps: CoverageGap[];
  /** Regions named by provider configurations, even those no resource uses. */
  regions: string[];
}
