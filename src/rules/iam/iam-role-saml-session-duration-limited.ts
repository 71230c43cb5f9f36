import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { principalLabel, trustGrants } from './principals.js';
import { duration, isSamlGrant, maxSessionSeconds } from './trust.js';

/**
 * Compliant: a role that a SAML identity provider may assume has a `MaxSessionDuration` of at most
 * `maxSessionSeconds` (default 3600 s). Roles trusting no SAML provider are not applicable.
 *
 * AssumeRoleWithSAML issues one-hour sessions unless the caller passes `DurationSeconds` or the
 * assertion carries the `SessionDuration` attribute; either may ask for up to the role's
 * `MaxSessionDuration` (1 to 12 hours). So a role's maximum is the one setting that bounds how
 * long federated credentials live; raising it above an hour should be a decision, not a default.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html#saml_role-session-duration
 */
export default defineRule({
  id: 'iam-role-saml-session-duration-limited',
  title: 'SAML-federated role limits sessions to one hour',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'Federated users authenticate at the corporate identity provider, where leavers are disabled and MFA is enforced; AWS credentials issued from that sign-in then live on their own until they expire. With a one-hour maximum, disabling someone in the directory takes effect within the hour; with twelve hours, a disabled or compromised user keeps working for the rest of the day.',
  remediation: {
    text: 'Lower the role’s maximum session duration to 3600 seconds, or raise this rule’s maxSessionSeconds where longer federated sessions are a deliberate choice.',
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
      .describe('Longest MaxSessionDuration allowed for a SAML-federated role, in seconds.'),
  }),
  references: [
    'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration',
  ],
  evaluate(role, ctx) {
    const trust = trustGrants(role);
    if (!trust.known) return error(`${principalLabel(role)}: ${trust.reason}.`);
    const saml = trust.grants.filter(isSamlGrant);
    if (saml.length === 0)
      return notApplicable(() => `${principalLabel(role)} does not trust a SAML identity provider.`);
    const providers = (): string => [...new Set(saml.map((g) => g.text))].join(', ');
    const session = maxSessionSeconds(role);
    if ('reason' in session)
      return error(`${principalLabel(role)} (SAML, ${providers()}): ${session.reason}.`);
    const max = ctx.params.maxSessionSeconds;
    if (session.seconds > max) {
      return fail(
        `${principalLabel(role)} is federated through ${providers()} and lets SAML sessions last up to ${duration(session.seconds)}, more than ${duration(max)}.`,
      );
    }
    return pass(
      () =>
        `${principalLabel(role)} is federated through ${providers()} and limits SAML sessions to ${duration(session.seconds)}${session.defaulted ? ' (the default)' : ''}.`,
    );
  },
});
