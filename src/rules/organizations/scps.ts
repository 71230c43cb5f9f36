/**
 * Service control policies in the model: `AWS::Organizations::Policy` of type
 * `SERVICE_CONTROL_POLICY` with `Content` (object or JSON string, as `DescribePolicy` returns it)
 * and `TargetIds` (root, OU and account ids), and the OU tree (`ParentId`) they are inherited down.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, label, type GraphView } from '../rule.js';

export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';
const OU = 'AWS::Organizations::OrganizationalUnit';

/**
 * Why the organisation's SCPs may be missing from the snapshot: a live collection that could not
 * read them all (`observed.PoliciesCollected` false); `undefined` when they are all there.
 */
export function policiesUnread(org: Resource | undefined): string | undefined {
  return org?.observed?.PoliciesCollected === false
    ? 'the SCPs of the organisation were not read (see the coverage gaps of the snapshot)'
    : undefined;
}

/** Is the policy a service control policy? (`Type` absent is read as not one.) */
export function isScp(policy: Resource): boolean {
  return policy.props.Type === SCP_TYPE;
}

/** AWS managed SCPs (FullAWSAccess) allow everything and guard nothing. */
export function isAwsManagedScp(policy: Resource): boolean {
  return (
    policy.observed?.AwsManaged === true || /^arn:[a-z-]+:organizations::aws:policy\//.test(policy.arn ?? '')
  );
}

/** The ids the OU inherits policies from: itself, its parent OUs and the root, nearest first. */
export function inheritancePath(ou: Resource, graph: GraphView): { ids: string[]; unknown?: string } {
  const ids = [ou.id];
  let current = ou;
  for (let depth = 0; depth < 10; depth++) {
    const parent = current.props.ParentId;
    if (isUnresolved(parent))
      return { ids, unknown: describeUnresolved(`ParentId of ${label(current)}`, parent) };
    if (typeof parent !== 'string' || parent === '')
      return { ids, unknown: `${label(current)} has no ParentId` };
    ids.push(parent);
    // Root ids are r-xxxx; Organizations nests OUs at most five levels deep.
    if (parent.startsWith('r-')) return { ids };
    const next = graph.get(parent, OU, current);
    if (!next) return { ids, unknown: `parent ${parent} of ${label(current)} is not in the snapshot` };
    current = next;
  }
  return { ids, unknown: `the OU path of ${label(ou)} is deeper than Organizations allows` };
}

/**
 * The SCPs attached to any of `targets`, and why others might be (an unresolved `TargetIds`).
 */
export function scpsAttachedTo(
  targets: readonly string[],
  graph: GraphView,
): { policies: Resource[]; unknown: string[] } {
  const wanted = new Set(targets);
  const policies: Resource[] = [];
  const unknown: string[] = [];
  for (const policy of graph.byType('AWS::Organizations::Policy')) {
    if (!isScp(policy)) continue;
    const list = policy.props.TargetIds;
    if (isUnresolved(list)) {
      unknown.push(describeUnresolved(`TargetIds of ${label(policy)}`, list));
      continue;
    }
    if (!Array.isArray(list)) continue;
    if (list.some((t) => typeof t === 'string' && wanted.has(t))) policies.push(policy);
    else if (list.some(isUnresolved)) unknown.push(`TargetIds of ${label(policy)} are not all known`);
  }
  return { policies, unknown };
}
