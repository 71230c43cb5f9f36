import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { day, daysSince } from './time.js';
import { observedAccessKeys } from './users.js';

/** How reasons name the user. */
function who(user: Resource): string {
  return `IAM user ${label(user)}`;
}

/** Compliant: every active access key of the user was created within the last `maxAgeDays` days. */
export default defineRule({
  id: 'iam-user-access-key-rotated',
  title: 'IAM user access keys are rotated within 90 days',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::User'],
  rationale:
    'An access key is a long-lived secret: it sits in configuration files, CI variables and laptops, and a leaked key works until it is deactivated. Rotating keys regularly bounds how long a leaked key stays useful, and shows where keys are kept. Roles with temporary credentials avoid the problem altogether.',
  remediation: {
    text: 'Create a second key, switch every consumer to it, deactivate the old key, and delete it once nothing fails. Where possible replace the user’s keys with a role (instance profile, IAM Roles Anywhere, OIDC federation).',
    cli: 'aws iam create-access-key --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive\naws iam delete-access-key --user-name <user> --access-key-id <old-key-id>',
  },
  controls: ['cis-aws-v5.0:1.13', 'aws-fsbp:IAM.3'],
  params: z.object({
    maxAgeDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Oldest allowed age of an active access key, in days.'),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_cli',
    'https://docs.aws.amazon.com/config/latest/developerguide/access-keys-rotated.html',
  ],
  evaluate(user, ctx) {
    const keys = observedAccessKeys(user);
    if (!keys)
      return notApplicable(
        () => `${who(user)}: the snapshot does not list its access keys (a template cannot know key ages).`,
      );
    const active = keys.filter((k) => k.active);
    if (active.length === 0) return notApplicable(() => `${who(user)} has no active access key.`);
    const old: string[] = [];
    const unknown: string[] = [];
    for (const key of active) {
      if (!key.created) unknown.push(key.malformed ?? `access key ${key.id} has no CreateDate`);
      else {
        const age = daysSince(key.created, ctx.now);
        if (age > ctx.params.maxAgeDays) {
          const use = key.lastUsed ? `, last used ${day(key.lastUsed)}` : '';
          old.push(`${key.id} created ${day(key.created)} (${age} days old${use})`);
        }
      }
    }
    if (old.length > 0) {
      return fail(
        `${who(user)} has active access keys older than ${ctx.params.maxAgeDays} days: ${old.join('; ')}.`,
      );
    }
    if (unknown.length > 0) return error(`${who(user)}: ${unknown.join('; ')}.`);
    return pass(
      () =>
        `${who(user)}'s ${active.length} active access key(s) are at most ${ctx.params.maxAgeDays} days old.`,
    );
  },
});
