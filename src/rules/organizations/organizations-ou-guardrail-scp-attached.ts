import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { coversAction, readPolicy, type Statement } from '../iam/policy.js';
import { inheritancePath, isAwsManagedScp, policiesUnread, SCP_TYPE, scpsAttachedTo } from './scps.js';

/**
 * Condition keys that only exempt principals (a break-glass role, an automation tag): a Deny
 * conditioned on them still applies to everyone else. A Deny conditioned on anything else (a
 * region, a resource tag, the time) applies only to some requests and is not a guardrail for the
 * action as a whole.
 */
const PRINCIPAL_KEYS =
  /^aws:(principalarn|principaltag\/.+|principalaccount|principaltype|userid|username|principalisawsservice|principalservicename)$/;

function denies(statement: Statement, action: string): boolean {
  if (statement.effect !== 'Deny' || coversAction(statement, action) !== true) return false;
  if (statement.unknown.length > 0) return false;
  return statement.conditions.every((c) => PRINCIPAL_KEYS.test(c.key));
}

/** Which of `actions` some statement of the SCP denies, and the policy's reading problems. */
function denied(policy: Resource, actions: readonly string[]): { actions: string[]; unknown?: string } {
  const read = readPolicy(policy.props.Content, `SCP ${label(policy)}`);
  if (!read.known) return { actions: [], unknown: read.reason };
  return { actions: actions.filter((a) => read.statements.some((s) => denies(s, a))) };
}

/**
 * Compliant: the SCPs that apply to the OU (attached to it, to a parent OU or to the root) deny
 * each of `protectedActions` (by default leaving the organisation and stopping or deleting
 * CloudTrail trails) for every principal, except principals a condition exempts
 * (`aws:PrincipalArn`, `aws:PrincipalTag/...`). A Deny scoped by other conditions (a region) does
 * not count. AWS managed `FullAWSAccess` guards nothing. SCPs a live collection could not read
 * give `error`, not a failure.
 */
export default defineRule({
  id: 'organizations-ou-guardrail-scp-attached',
  title: 'OU is covered by a guardrail SCP that protects the organisation’s audit trail',
  category: 'compliance',
  severity: 'high',
  resourceTypes: ['AWS::Organizations::OrganizationalUnit'],
  rationale:
    'SCPs are the only control an account’s own administrators cannot lift. Without a guardrail, anyone with administrator access in a member account (or a stolen admin session) can switch off CloudTrail to hide what they do, or take the account out of the organisation and with it every other control. A deny SCP on those actions, attached at the OU or above, keeps them out of reach of the workload accounts.',
  remediation: {
    text: 'Attach an SCP that denies organizations:LeaveOrganization and cloudtrail:StopLogging / DeleteTrail / UpdateTrail (with an aws:PrincipalArn exemption for the security team’s role) to the OU, or to a parent OU or the root so that every OU inherits it.',
    cli: 'aws organizations attach-policy --policy-id <guardrail-policy-id> --target-id <ou-id>',
    cloudformation:
      'Guardrails:\n  Type: AWS::Organizations::Policy\n  Properties:\n    Name: deny-security-tampering\n    Type: SERVICE_CONTROL_POLICY\n    TargetIds: [!Ref DevOu]\n    Content:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Deny\n          Action: [organizations:LeaveOrganization, cloudtrail:StopLogging, cloudtrail:DeleteTrail]\n          Resource: "*"',
  },
  controls: [],
  params: z.object({
    protectedActions: z
      .array(z.string())
      .default(['organizations:LeaveOrganization', 'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'])
      .describe('Actions an SCP inherited by the OU must deny.'),
  }),
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html',
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html',
  ],
  evaluate(ou, ctx) {
    const who = `OU ${label(ou)}`;
    // SCPs apply only where the policy type is enabled on the root.
    const org = ctx.graph.inAccount('AWS::Organizations::Organization', ou.account)[0];
    const types = org?.observed?.EnabledPolicyTypes;
    if (Array.isArray(types) && !types.includes(SCP_TYPE)) {
      return fail(`${who} is in an organisation without the SCP policy type enabled, so no SCP applies.`);
    }
    const path = inheritancePath(ou, ctx.graph);
    const attached = scpsAttachedTo(path.ids, ctx.graph);
    const guarded = new Map<string, string[]>();
    const unread = policiesUnread(org);
    const unknown = [
      ...attached.unknown,
      ...(path.unknown ? [path.unknown] : []),
      ...(unread ? [unread] : []),
    ];
    for (const policy of attached.policies) {
      if (isAwsManagedScp(policy)) continue;
      const result = denied(policy, ctx.params.protectedActions);
      if (result.unknown) unknown.push(result.unknown);
      for (const action of result.actions)
        guarded.set(action, [...(guarded.get(action) ?? []), label(policy)]);
    }
    const open = ctx.params.protectedActions.filter((a) => !guarded.has(a));
    if (open.length === 0) {
      const by = [...new Set([...guarded.values()].flat())].join(', ');
      return pass(() => `${who} inherits SCPs that deny ${ctx.params.protectedActions.join(', ')} (${by}).`);
    }
    if (unknown.length > 0)
      return error(`${who}: no known SCP denies ${open.join(', ')}, and ${unknown.join('; ')}.`);
    const names = attached.policies.map((p) => label(p));
    return fail(
      `${who} has no SCP denying ${open.join(', ')}: the SCPs on its path (${path.ids.join(' → ')}) are ${names.length > 0 ? names.join(', ') : 'none'}.`,
    );
  },
});
