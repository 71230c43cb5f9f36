import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { describeAccount, principalLabel, trustGrants, unknownTrust } from './principals.js';
import { duration, maxSessionSeconds, thirdPartyGrants } from './trust.js';

/**
 * Compliant: a role that an account outside the organisation may assume allows sessions of at
 * most `maxSessionSeconds` (default 3600 s, the lowest `MaxSessionDuration` IAM accepts). Roles
 * trusted by no outside account are not applicable.
 *
 * A role's sessions cannot be capped below one hour: `MaxSessionDuration` is 3600 to 43200 s, and
 * no condition key limits `DurationSeconds` on `sts:AssumeRole`. A shorter session (down to 900 s)
 * is the caller's choice, with `DurationSeconds`; role chaining caps sessions at one hour.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html#id_roles_use_view-role-max-session
 */
export default defineRule({
  id: 'iam-role-third-party-session-short',
  title: 'Role trusted by a third party allows only short sessions',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'Credentials issued to a consultant or vendor leave your control the moment they are issued: they cannot be revoked one by one, only by denying every session issued before a time. A role that lets an outside party hold a session for 12 hours gives a leaked or misused session 12 hours to work. Keeping MaxSessionDuration at its minimum of one hour limits that window; the third party can ask for less (900 s) with DurationSeconds.',
  remediation: {
    text: 'Set the role’s maximum session duration to 3600 seconds (the minimum), and have the third party pass --duration-seconds for shorter sessions.',
    cli: 'aws iam update-role --role-name <role> --max-session-duration 3600',
    cloudformation: 'MaxSessionDuration: 3600',
    terraform: 'max_session_duration = 3600',
  },
  controls: [],
  params: z.object({
    maxSessionSeconds: z
      .number()
      .int()
      .min(3600)
      .max(43200)
      .default(3600)
      .describe('Longest MaxSessionDuration allowed for a role trusted by an outside account, in seconds.'),
    trustedAccounts: z
      .array(z.string().regex(/^\d{12}$/))
      .default([])
      .describe(
        'Accounts that are not third parties although the snapshot does not show them in the organisation.',
      ),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration',
    'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
  ],
  evaluate(role, ctx) {
    const trust = trustGrants(role);
    if (!trust.known) return error(`${principalLabel(role)}: ${trust.reason}.`);
    const { grants, organisation } = thirdPartyGrants(trust.grants, ctx.graph, ctx.params.trustedAccounts);
    if (grants.length === 0) {
      const unknown = unknownTrust(trust);
      if (unknown.length > 0)
        return error(`${principalLabel(role)}: cannot tell who may assume it: ${unknown.join('; ')}.`);
      return notApplicable(
        () => `${principalLabel(role)} is not trusted by any account outside the organisation.`,
      );
    }
    const parties = (): string =>
      [...new Set(grants.map((g) => describeAccount(g, organisation)))].join(', ');
    const session = maxSessionSeconds(role);
    if ('reason' in session)
      return error(`${principalLabel(role)} is trusted by ${parties()}: ${session.reason}.`);
    const max = ctx.params.maxSessionSeconds;
    if (session.seconds > max) {
      return fail(
        `${principalLabel(role)} is trusted by ${parties()} and allows sessions of up to ${duration(session.seconds)}, more than ${duration(max)}.`,
      );
    }
    const note = session.defaulted ? ', the default' : '';
    return pass(
      () =>
        `${principalLabel(role)} is trusted by ${parties()} and allows sessions of at most ${duration(session.seconds)}${note}; the caller can ask for as little as 900 s with DurationSeconds.`,
    );
  },
});
