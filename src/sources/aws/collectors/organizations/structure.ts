import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
} from '@aws-sdk/client-organizations';
import type { Collector, Json, ListCall, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { policyDocument, str } from '../helpers.js';

const pages = {
  inputToken: 'NextToken',
  outputToken: 'NextToken',
  pageSize: ['MaxResults', 20] as [string, number],
};
const describeOrganization = {
  command: DescribeOrganizationCommand,
  action: 'organizations:DescribeOrganization',
  notConfigured: ['AWSOrganizationsNotInUseException'],
};
const listRoots: ListCall = {
  command: ListRootsCommand,
  action: 'organizations:ListRoots',
  items: ['Roots'],
  paginate: pages,
};
const listOus: ListCall = {
  command: ListOrganizationalUnitsForParentCommand,
  action: 'organizations:ListOrganizationalUnitsForParent',
  items: ['OrganizationalUnits'],
  paginate: pages,
};
const listAccounts: ListCall = {
  command: ListAccountsForParentCommand,
  action: 'organizations:ListAccountsForParent',
  items: ['Accounts'],
  paginate: pages,
};
const listPolicies: ListCall = {
  command: ListPoliciesCommand,
  action: 'organizations:ListPolicies',
  items: ['Policies'],
  paginate: pages,
};
const describePolicy = { command: DescribePolicyCommand, action: 'organizations:DescribePolicy' };
const listTargets: ListCall = {
  command: ListTargetsForPolicyCommand,
  action: 'organizations:ListTargetsForPolicy',
  items: ['Targets'],
  paginate: pages,
};

/** Policy types the IAM engine evaluates. */
const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/**
 * The names of the policy types in effect on the roots (`SERVICE_CONTROL_POLICY`, ...). A root's
 * `PolicyTypes` are `{ Type, Status }` summaries; only `ENABLED` ones apply, not `PENDING_ENABLE` or
 * `PENDING_DISABLE`: "To attach a policy of the specified type to a root or to an OU or account in
 * that root, it must be available in the organization and enabled for that root."
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_PolicyTypeSummary.html
 */
function enabledPolicyTypes(roots: readonly Json[]): string[] {
  return roots.flatMap((r) =>
    Array.isArray(r.PolicyTypes)
      ? r.PolicyTypes.filter((t): t is Json => isJson(t) && t.Status === 'ENABLED').map((t) => String(t.Type))
      : [],
  );
}

/**
 * The organisation as its management account sees it: `AWS::Organizations::Organization`
 * (`observed.EnabledPolicyTypes`: the names of the policy types enabled on the root;
 * `observed.PoliciesCollected`: false when the SCPs and RCPs could not all be read), every
 * `OrganizationalUnit` (`ParentId`), `Account` (`ParentIds`, `observed.Status`) and the SCPs and
 * RCPs as `AWS::Organizations::Policy` (`Content` as an object, `TargetIds`). In a member account the
 * structure is not readable and not collected (it comes from the management account's collection).
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccountsForParent.html
 */
export const structure: Collector = {
  id: 'organizations/structure',
  service: 'organizations',
  global: true,
  resourceTypes: [
    'AWS::Organizations::Organization',
    'AWS::Organizations::OrganizationalUnit',
    'AWS::Organizations::Account',
    'AWS::Organizations::Policy',
  ],
  list: [],
  extra: [describeOrganization, listRoots, listOus, listAccounts, listPolicies, describePolicy, listTargets],
  custom: async (api, data) => {
    const described = await api.call(describeOrganization, {});
    const organization = isJson(described?.Organization) ? described.Organization : undefined;
    if (!organization || organization.MasterAccountId !== api.ctx.account) return;
    const roots = (await api.list(listRoots)).Roots ?? [];
    // Set before the policies are read: a failed call ends this function, and the rules must then
    // not read "no custom SCP" from policies that were never listed.
    const org: Json = { ...organization, Roots: roots, PoliciesCollected: false };
    data.items.Organization = [org];
    const ous: Json[] = [];
    const accounts: Json[] = [];
    // Breadth first from each root: the OUs and accounts of every parent.
    let parents = roots.map((r) => String(r.Id));
    while (parents.length > 0) {
      const next: string[] = [];
      await Promise.all(
        parents.map(async (parent) => {
          const [children, members] = await Promise.all([
            api.list(listOus, { ParentId: parent }),
            api.list(listAccounts, { ParentId: parent }),
          ]);
          for (const ou of children.OrganizationalUnits ?? []) {
            ous.push({ ...ou, ParentId: parent });
            next.push(String(ou.Id));
          }
          for (const account of members.Accounts ?? []) accounts.push({ ...account, ParentId: parent });
        }),
      );
      parents = next;
    }
    data.items.OrganizationalUnits = ous;
    data.items.Accounts = accounts;
    const enabled = enabledPolicyTypes(roots);
    const policies: Json[] = [];
    for (const type of POLICY_TYPES.filter((t) => enabled.includes(t))) {
      for (const summary of (await api.list(listPolicies, { Filter: type })).Policies ?? []) {
        const id = String(summary.Id);
        const [policy, targets] = await Promise.all([
          api.call(describePolicy, { PolicyId: id }),
          api.list(listTargets, { PolicyId: id }),
        ]);
        const content = isJson(policy?.Policy) ? policy.Policy.Content : undefined;
        policies.push({ ...summary, Type: type, Content: content, Targets: targets.Targets ?? [] });
      }
    }
    data.items.Policies = policies;
    org.PoliciesCollected = true;
  },
  mapping: {
    kind: 'resources',
    map: (data) => {
      const out: ResourceDraft[] = [];
      for (const org of data.items.Organization ?? []) {
        const roots = Array.isArray(org.Roots) ? (org.Roots as Json[]) : [];
        out.push({
          type: 'AWS::Organizations::Organization',
          id: String(org.Id),
          arn: str(org.Arn),
          props: { FeatureSet: org.FeatureSet },
          observed: {
            RootId: roots[0]?.Id,
            ManagementAccountId: org.MasterAccountId,
            ManagementAccountEmail: org.MasterAccountEmail,
            EnabledPolicyTypes: enabledPolicyTypes(roots),
            PoliciesCollected: org.PoliciesCollected === true,
          },
        });
      }
      for (const ou of data.items.OrganizationalUnits ?? []) {
        out.push({
          type: 'AWS::Organizations::OrganizationalUnit',
          id: String(ou.Id),
          arn: str(ou.Arn),
          name: str(ou.Name),
          props: { Name: ou.Name, ParentId: ou.ParentId },
        });
      }
      for (const a of data.items.Accounts ?? []) {
        out.push({
          type: 'AWS::Organizations::Account',
          id: String(a.Id),
          arn: str(a.Arn),
          name: str(a.Name),
          props: { AccountName: a.Name, Email: a.Email, ParentIds: [a.ParentId] },
          observed: {
            // `State` replaced `Status` in 2025; both are kept as AWS returns them.
            Status: a.Status ?? a.State,
            State: a.State,
            JoinedMethod: a.JoinedMethod,
            JoinedTimestamp: a.JoinedTimestamp,
          },
        });
      }
      for (const p of data.items.Policies ?? []) {
        out.push({
          type: 'AWS::Organizations::Policy',
          id: String(p.Id),
          arn: str(p.Arn),
          name: str(p.Name),
          props: {
            Name: p.Name,
            Description: p.Description,
            Type: p.Type,
            Content: policyDocument(p.Content),
            TargetIds: Array.isArray(p.Targets) ? p.Targets.map((t) => (t as Json).TargetId) : [],
          },
          observed: p.AwsManaged ? { AwsManaged: true } : {},
        });
      }
      return out;
    },
  },
};
