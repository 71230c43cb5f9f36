import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { day, daysSince, hasValue, parseDate } from './time.js';
import { hasCredentialFacts, observedAccessKeys, passwordEnabled } from './users.js';

/** How reasons name the user. */
function who(user: Resource): string {
  return `IAM user ${label(user)}`;
}

/**
 * Compliant: every enabled credential of the user (console password, active access keys) was used
 * within the last `maxUnusedDays` days. A credential never used counts from its creation date (the
 * user's `CreateDate` for the password, the key's `CreateDate` for a key), as AWS Config's
 * iam-user-unused-credentials-check does. A user whose password status or access keys the
 * snapshot does not give is an error, unless a known credential already fails.
 */
export default defineRule({
  id: 'iam-user-credentials-unused-disabled',
  title: 'IAM user credentials unused for 45 days are disabled',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::User'],
  rationale:
    'A password or access key nobody uses still works for whoever finds it: in an old laptop, a repository, a former employee’s notes. Disabling credentials that have been idle for weeks removes that standing access without affecting anyone who works, and a credential that is needed again can be re-enabled.',
  remediation: {
    text: 'Deactivate access keys and remove console passwords that have not been used within the window; delete them after a grace period.',
    cli: 'aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive\naws iam delete-login-profile --user-name <user>',
  },
  controls: ['cis-aws-v5.0:1.11', 'aws-fsbp:IAM.8', 'aws-fsbp:IAM.22', 'pci-dss-v4.0:8.2.6'],
  params: z.object({
    maxUnusedDays: z
      .number()
      .int()
      .positive()
      .default(45)
      .describe('Days a password or active access key may go unused (CIS: 45).'),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-user-unused-credentials-check.html',
  ],
  evaluate(user, ctx) {
    if (!hasCredentialFacts(user)) {
      return notApplicable(
        () =>
          `${who(user)}: the snapshot has no credential report facts (a template cannot show credential use).`,
      );
    }
    const max = ctx.params.maxUnusedDays;
    const idle: string[] = [];
    const unknown: string[] = [];
    let checked = 0;

    // The credential report gives PasswordEnabled, ListAccessKeys gives the keys; either may be
    // missing from a snapshot (a collector denied access). A credential kind not known cannot pass.
    const password = passwordEnabled(user);
    if (password === undefined) {
      unknown.push('the snapshot does not say whether it has a console password (no credential report)');
    }
    const keys = observedAccessKeys(user);
    if (keys === undefined) unknown.push('the snapshot does not list its access keys');

    if (password) {
      checked++;
      const o = user.observed ?? {};
      const used = parseDate(o.PasswordLastUsed);
      const created = parseDate(o.CreateDate);
      if (hasValue(o.PasswordLastUsed) && !used) unknown.push('PasswordLastUsed is not a date');
      else if (used) {
        const age = daysSince(used, ctx.now);
        if (age >= max) idle.push(`console password last used ${day(used)} (${age} days ago)`);
      } else if (!created) unknown.push('the password was never used and the user has no CreateDate');
      else if (daysSince(created, ctx.now) >= max) {
        idle.push(`console password never used since the user was created ${day(created)}`);
      }
    }
    for (const key of keys ?? []) {
      if (!key.active) continue;
      checked++;
      if (key.malformed) unknown.push(key.malformed);
      else if (key.lastUsed) {
        const age = daysSince(key.lastUsed, ctx.now);
        if (age >= max) idle.push(`access key ${key.id} last used ${day(key.lastUsed)} (${age} days ago)`);
      } else if (!key.created) unknown.push(`access key ${key.id} has no CreateDate and no last use`);
      else if (daysSince(key.created, ctx.now) >= max) {
        idle.push(`access key ${key.id} never used since it was created ${day(key.created)}`);
      }
    }

    if (idle.length > 0)
      return fail(`${who(user)} has credentials unused for ${max} days or more: ${idle.join('; ')}.`);
    if (unknown.length > 0) return error(`${who(user)}: ${unknown.join('; ')}.`);
    if (checked === 0)
      return notApplicable(() => `${who(user)} has no console password and no active access key.`);
    return pass(
      () => `${who(user)} used each of its ${checked} enabled credential(s) within the last ${max} days.`,
    );
  },
});
