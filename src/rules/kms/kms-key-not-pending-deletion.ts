import { defineRule, label, notApplicable, pass, fail } from '../rule.js';
import { isAwsManagedKey, pendingDeletion } from './keys.js';
import { day, parseDate } from '../iam/time.js';

/**
 * Compliant: the customer managed key is not scheduled for deletion (`observed.KeyState` is not
 * `PendingDeletion` / `PendingReplicaDeletion`). Keys without observed state (templates) and AWS
 * managed keys are not applicable.
 */
export default defineRule({
  id: 'kms-key-not-pending-deletion',
  title: 'KMS customer managed key is not scheduled for deletion',
  category: 'dr',
  severity: 'critical',
  resourceTypes: ['AWS::KMS::Key'],
  rationale:
    'Deleting a KMS key destroys the key material: every object, volume, snapshot, database and secret encrypted under it becomes unreadable for good. KMS makes deletion wait 7 to 30 days so that a mistaken or malicious schedule can be caught; this rule is that catch.',
  remediation: {
    text: 'If the deletion is not intended, cancel it and re-enable the key; if it is, confirm with CloudTrail and the key’s usage that nothing still depends on it before the date.',
    cli: 'aws kms cancel-key-deletion --key-id <key-id>\naws kms enable-key --key-id <key-id>',
  },
  controls: ['aws-fsbp:KMS.3'],
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html',
  ],
  evaluate(key) {
    const who = `KMS key ${label(key)}`;
    if (isAwsManagedKey(key)) return notApplicable(() => `${who} is an AWS managed key.`);
    const state = key.observed?.KeyState;
    if (typeof state !== 'string') {
      return notApplicable(
        () => `${who}: the snapshot has no key state (a template cannot schedule deletion).`,
      );
    }
    const pending = pendingDeletion(key);
    if (pending) {
      const date = parseDate(key.observed?.DeletionDate);
      return fail(`${who} is ${pending}${date ? `: its material is destroyed on ${day(date)}` : ''}.`);
    }
    return pass(() => `${who} is ${state}, not scheduled for deletion.`);
  },
});
