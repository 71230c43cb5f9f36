/**
 * What the statements of an identity policy grant, for rules that look for broad grants: full
 * administrator access (`*` on `*`), whole-service wildcards (`s3:*`). Syntactic: `NotAction`
 * and conditions are reported as written, not evaluated.
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import type { GraphView } from '../rule.js';
import { label } from '../label.js';
import { attachedPolicies, inlinePolicies, principalLabel, type InlinePolicies } from './principals.js';
import {
  coversAllResources,
  isAllActions,
  kept,
  NONE,
  readPolicy,
  serviceWildcard,
  type PolicyRead,
  type Statement,
} from './policy.js';

/** Statements of a document that match, and why others might but cannot be read. */
export interface Matches {
  readonly hits: readonly Statement[];
  readonly unknown: readonly string[];
}

function tri(
  values: readonly string[],
  unknown: readonly string[],
  test: (v: string) => boolean,
): boolean | undefined {
  if (values.some(test)) return true;
  return unknown.length > 0 ? undefined : false;
}

/**
 * `Allow` statements with `Action` `*` (or `*:*`) on `Resource` `*`: what IAM.1 and CIS call full
 * administrative privileges, whatever their conditions.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
 */
export function fullAdminStatements(read: PolicyRead): Matches {
  // Reads are cached per document, and a managed policy is attached to many principals.
  let matches = fullAdminCache.get(read);
  if (!matches) fullAdminCache.set(read, (matches = findFullAdmin(read)));
  return matches;
}

const fullAdminCache = new WeakMap<PolicyRead, Matches>();

function findFullAdmin(read: PolicyRead): Matches {
  if (!read.known) return { hits: [], unknown: [read.reason] };
  const hits: Statement[] = [];
  const unknown: string[] = [];
  for (const s of read.statements) {
    if (s.effect === 'Deny') continue;
    const actions = tri(s.action.values, s.action.unknownMaybeWildcard, isAllActions);
    const resources = coversAllResources(s);
    if (actions === false || resources === false) continue;
    if (s.effect === 'Allow' && actions && resources) hits.push(s);
    else unknown.push(...s.unknown, ...s.action.unknown, ...s.resource.unknown);
  }
  // Kept for the whole run, once per document: most match nothing.
  return hits.length === 0 && unknown.length === 0
    ? NO_MATCHES
    : { hits: kept(hits), unknown: kept(unknown) };
}

const NO_MATCHES: Matches = Object.freeze({ hits: NONE, unknown: NONE });

/** The whole-service wildcards (`s3:*`) an `Allow` statement grants. */
export function serviceWildcards(statement: Statement): readonly string[] {
  if (statement.effect !== 'Allow' || !statement.action.values.some(isServiceWildcard)) return NONE;
  return statement.action.values.filter(isServiceWildcard);
}

function isServiceWildcard(action: string): boolean {
  return serviceWildcard(action) !== undefined;
}

/** One policy a principal carries, read, with how reasons name it. */
export interface CarriedPolicy {
  readonly name: string;
  readonly read: PolicyRead;
}

const MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';

/** How reasons name a policy's holder: `Managed policy <id>`, `IAM role <id>`. */
export function policyHolderLabel(resource: Resource): string {
  return resource.type === MANAGED_POLICY ? `Managed policy ${label(resource)}` : principalLabel(resource);
}

/**
 * The policies a resource holds itself: a customer managed policy's document, or a principal's
 * inline policies (its cached read: no copy per evaluation).
 */
export function ownPolicies(resource: Resource): InlinePolicies {
  if (resource.type === MANAGED_POLICY) {
    return { known: true, policies: [{ name: 'its document', read: managedPolicyDocument(resource) }] };
  }
  return inlinePolicies(resource);
}

/** The document of a customer managed policy resource. */
export function managedPolicyDocument(policy: Resource): PolicyRead {
  // Once per policy: every principal it is attached to asks for it, and each read would build
  // the policy's name and look its document up again.
  const document = policy.props.PolicyDocument;
  const cached = managedReads.get(policy);
  if (cached && cached.document === document) return cached.read;
  const name = typeof policy.name === 'string' ? policy.name : policy.id;
  const read = readPolicy(document, `managed policy ${name}`);
  managedReads.set(policy, { document, read });
  return read;
}

const managedReads = new WeakMap<Resource, { readonly document: unknown; readonly read: PolicyRead }>();

const AWS_MANAGED_ARN = /^arn:[a-z-]+:iam::aws:policy\//;

/**
 * An AWS managed policy (`observed.AwsManaged`, or an `arn:aws:iam::aws:policy/...` ARN): owned by
 * AWS and updated by AWS, not something an account's author wrote.
 */
export function isAwsManagedPolicy(policy: Resource): boolean {
  return policy.observed?.AwsManaged === true || AWS_MANAGED_ARN.test(policy.arn ?? policy.id);
}

/**
 * The inline policies of a principal and the customer managed policies attached to it that the
 * snapshot holds, read; `unknown` says what could not be read (an unresolved list, an attached
 * policy not in the snapshot is listed in `missing`).
 */
export function carriedPolicies(
  principal: Resource,
  graph: GraphView,
): { policies: readonly CarriedPolicy[]; awsManaged: string[]; missing: string[]; unknown: string[] } {
  const awsManaged: string[] = [];
  const missing: string[] = [];
  const unknown: string[] = [];
  const inline = inlinePolicies(principal);
  if (!inline.known) unknown.push(inline.reason);
  // The inline policies as read (a list kept for the principal), followed by the customer managed
  // ones when there are any: no copy for a principal that has none.
  let policies: readonly CarriedPolicy[] = inline.known ? inline.policies : NONE;
  const attached = attachedPolicies(principal, graph);
  if (!attached.known) unknown.push(attached.reason);
  else {
    unknown.push(...attached.unknown);
    let managed: CarriedPolicy[] | undefined;
    for (let i = 0; i < attached.policies.length; i++) {
      const p = attached.policies[i]!;
      if (p.awsManaged) awsManaged.push(p.awsManaged);
      else if (p.resource) {
        (managed ??= []).push({
          name: `managed policy ${p.resource.name ?? p.ref}`,
          read: managedPolicyDocument(p.resource),
        });
      } else missing.push(p.ref);
    }
    if (managed) policies = [...policies, ...managed];
  }
  return { policies, awsManaged, missing, unknown };
}

/** The principals (users, groups, roles) whose `ManagedPolicyArns` name this managed policy. */
export function attachedTo(policy: Resource, graph: GraphView): Resource[] {
  return graph
    .referencing(policy)
    .filter((r) => r.type === 'AWS::IAM::User' || r.type === 'AWS::IAM::Group' || r.type === 'AWS::IAM::Role')
    .filter((r) => {
      const list = r.props.ManagedPolicyArns;
      return Array.isArray(list) && list.some((a) => a === policy.id || a === policy.arn || isUnresolved(a));
    });
}
