/**
 * The value types of the IAM engine: parsed policies, requests, the policies that apply to a
 * request, and decisions. Everything here is plain data so answers serialise to JSON as they are.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** Where a policy is used; it decides which elements are required or forbidden. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary' | 'session';

/** A problem found in a policy document, located by a JSON path (`$.Statement[1].Condition`). */
export interface PolicyIssue {
  path: string;
  message: string;
}

/** The principals a `Principal` / `NotPrincipal` element names. */
export interface PrincipalSpec {
  /** `"Principal": "*"` or `{"AWS": "*"}`: everyone, anonymous included. */
  wildcard: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

/** The base condition operators, lower-case; `IfExists` and set qualifiers are kept apart. */
export type BaseOperator =
  | 'stringequals'
  | 'stringnotequals'
  | 'stringequalsignorecase'
  | 'stringnotequalsignorecase'
  | 'stringlike'
  | 'stringnotlike'
  | 'numericequals'
  | 'numericnotequals'
  | 'numericlessthan'
  | 'numericlessthanequals'
  | 'numericgreaterthan'
  | 'numericgreaterthanequals'
  | 'dateequals'
  | 'datenotequals'
  | 'datelessthan'
  | 'datelessthanequals'
  | 'dategreaterthan'
  | 'dategreaterthanequals'
  | 'bool'
  | 'binaryequals'
  | 'ipaddress'
  | 'notipaddress'
  | 'arnequals'
  | 'arnlike'
  | 'arnnotequals'
  | 'arnnotlike'
  | 'null';

/** One key under one operator of a `Condition` block. */
export interface Condition {
  /** As written: `ForAnyValue:StringNotEqualsIfExists`. */
  operator: string;
  base: BaseOperator;
  qualifier?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  /** Lower-case: condition keys are case-insensitive. */
  key: string;
  keyAsWritten: string;
  /** The values as strings (`true`, `3600` written unquoted become strings). */
  values: string[];
  path: string;
}

/** One statement of a parsed policy. */
export interface Statement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Exactly one of `actions` / `notActions` is set. */
  actions?: string[];
  notActions?: string[];
  /** Neither set: the statement applies to the resource the policy is attached to (trust policies). */
  resources?: string[];
  notResources?: string[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  conditions: Condition[];
  /** JSON path of the statement in its document. */
  path: string;
}

/** A parsed, valid policy document. */
export interface Policy {
  /** `2012-10-17`, `2008-10-17`, or undefined when missing (policy variables are then literal text). */
  version?: string;
  id?: string;
  statements: Statement[];
}

/** A policy with the name and type the decision reports. */
export interface NamedPolicy {
  name: string;
  type: PolicyKind | 'aws-managed' | 'inline';
  policy: Policy;
  arn?: string;
  /** What it is attached to, for explanations: `group dev-team`, `role deploy-from-dev`. */
  attachedTo?: string;
}

/** What kind of caller makes the request. */
export type PrincipalType =
  'user' | 'role' | 'assumed-role' | 'root' | 'service' | 'anonymous' | 'federated' | 'federated-user';

/** The caller of a request. */
export interface PrincipalInfo {
  /**
   * The principal's ARN: user, role, account root (`arn:aws:iam::1:root`), federated user
   * session, SAML / OIDC provider for `federated`, service name (`lambda.amazonaws.com`) for
   * `service`, `*` for `anonymous`. For `assumed-role`, the session ARN.
   */
  arn: string;
  /** 12-digit account id; empty for anonymous callers and services. */
  account: string;
  type: PrincipalType;
  tags?: Record<string, string>;
  /** For role sessions: `arn:aws:sts::1:assumed-role/name/session`. */
  sessionArn?: string;
  /** For role sessions: the role's ARN (`aws:PrincipalArn`). */
  roleArn?: string;
  /** `aws:userid`: `AIDA…` for users, `AROA…:session` for roles, the account id for root. */
  userId?: string;
  /** `aws:username`, users only. */
  username?: string;
  /** Service-linked roles are not restricted by SCPs. */
  serviceLinked?: boolean;
  /** The principal has a permissions boundary (matters for `NotPrincipal` with `Deny`). */
  hasBoundary?: boolean;
  /** Organisation id of the principal's account (`aws:PrincipalOrgID`). */
  orgId?: string;
  /** OU path of the principal's account (`aws:PrincipalOrgPaths`). */
  orgPaths?: string[];
  /** Canonical user id, for `CanonicalUser` principals. */
  canonicalId?: string;
}

/** One request to decide. */
export interface RequestContext {
  principal: PrincipalInfo;
  /** `service:Action`. */
  action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  resource: string;
  /** The account owning the resource; derived from the ARN when omitted (S3 ARNs have none). */
  resourceAccount?: string;
  /** Condition keys of the request (`aws:SourceIp`, `lambda:VpcIds`); multivalued keys as arrays. */
  context: Record<string, string | string[]>;
}

/** The policies that take part in a request's decision. */
export interface PolicySet {
  /** Identity-based policies of the principal (user, its groups, or the role). */
  identity: NamedPolicy[];
  /** The resource-based policy (bucket policy, key policy, role trust policy …). */
  resource?: NamedPolicy;
  boundary?: NamedPolicy;
  /** Session policies passed when the session was created; together they form one session policy. */
  session?: NamedPolicy[];
  /** SCPs of the principal's account, one array per level of the org tree (root → account); each level must allow. */
  scps?: NamedPolicy[][];
  /** RCPs of the resource's account, per level like `scps`. */
  rcps?: NamedPolicy[][];
  /**
   * The resource policy must name the principal itself (or its account) for any access: role trust
   * policies and KMS key policies. Set by `policiesFor`; defaults from the resource policy's kind.
   */
  resourcePolicyRequired?: boolean;
  /** Policies that exist but could not be read: the decision may be wrong, and says so. */
  unreadable?: Array<{ name: string; reason: string }>;
}

/** One statement that decided (or took part in) a decision. */
export interface DecidingStatement {
  policy: string;
  policyType: string;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Index of the statement in its policy. */
  index?: number;
  /** What the policy is attached to (`group dev-team`). */
  attachedTo?: string;
}

export type DecisionValue = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';

/** The answer to one request. */
export interface Decision {
  decision: DecisionValue;
  decidingStatements: DecidingStatement[];
  /** Condition keys referenced by relevant statements but absent from the request. */
  missingContextKeys: string[];
  /** The evaluation steps, one sentence each. */
  explanation: string[];
}

/** How to treat condition keys absent from the request. */
export interface EvaluateOptions {
  /**
   * `absent` (default) evaluates as AWS does. `permissive` asks "could this be allowed": a condition
   * on a missing key holds in an Allow and fails in a Deny (who-can's "allowed when" answers).
   */
  missingKeys?: 'absent' | 'permissive';
  /** Do not add the global keys derived from the principal and resource (`aws:PrincipalArn` …). Default false. */
  rawContext?: boolean;
}
