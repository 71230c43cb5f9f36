import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { declaredAccessKeys, observedAccessKeys } from './users.js';

const IAC = new Set(['cloudformation', 'terraform']);

/** How reasons name the user. */
function who(user: Resource): string {
  return `IAM user ${label(user)}`;
}

/**
 * Compliant: the user has at most one active access key (`observed.AccessKeys` of a live account,
 * or the `AWS::IAM::AccessKey` resources a template declares for the user).
 */
export default defineRule({
  id: 'iam-user-single-active-access-key',
  title: 'IAM user has at most one active access key',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::User'],
  rationale:
    'IAM allows two keys per user so that a key can be rotated without downtime: create the new key, switch the application, deactivate the old one. Two keys that stay active double the secrets that can leak and usually mean a rotation was never finished, leaving the old key in use somewhere.',
  remediation: {
    text: 'Find which key is still in use (last-used date), move its users to the other key, then deactivate and delete the spare.',
    cli: 'aws iam list-access-keys --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive',
    cloudformation:
      'OldKey:\n  Type: AWS::IAM::AccessKey\n  Properties:\n    UserName: !Ref User\n    Status: Inactive',
  },
  controls: ['cis-aws-v5.0:1.12'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_cli',
  ],
  evaluate(user, ctx) {
    const keys = observedAccessKeys(user);
    if (keys) {
      const active = keys.filter((k) => k.active);
      if (active.length > 1) {
        return fail(
          `${who(user)} has ${active.length} active access keys (${active.map((k) => k.id).join(', ')}).`,
        );
      }
      return pass(() => `${who(user)} has ${active.length === 0 ? 'no' : 'one'} active access key.`);
    }
    // Only a template or plan declares keys as resources; elsewhere a missing list is missing data.
    if (!IAC.has(user.origin.source)) {
      return notApplicable(() => `${who(user)}: the snapshot does not list its access keys.`);
    }
    const declared = declaredAccessKeys(user, ctx.graph);
    if (declared.active > 1) {
      return fail(
        `${who(user)} is given ${declared.active} active access keys (${declared.ids.join(', ')}).`,
      );
    }
    if (declared.unknown > 0) {
      return error(`${who(user)}: the Status of ${declared.unknown} of its access keys is not known.`);
    }
    return pass(() => `${who(user)} is given ${declared.active === 0 ? 'no' : 'one'} active access key.`);
  },
});
