import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { day, daysSince, hasValue, parseDate } from '../iam/time.js';

/**
 * Compliant: the secret was rotated (`observed.LastRotatedDate`) within the last
 * `maxDaysSinceRotation` days, or, never rotated, was created (`observed.CreatedDate`) less than
 * that long ago. Secrets without observed dates (templates) are not applicable.
 */
export default defineRule({
  id: 'secretsmanager-secret-rotated-recently',
  title: 'Secrets Manager secret was rotated within 90 days',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  rationale:
    'Rotation that is configured but failing, or a secret that was never rotated, leaves the same value valid for months. Checking when the value last changed catches both, whatever the schedule says.',
  remediation: {
    text: 'Rotate the secret now and find out why rotation did not run (the rotation function’s CloudWatch logs, its permissions and network path to the database).',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret>\naws secretsmanager describe-secret --secret-id <secret> --query "{last:LastRotatedDate,next:NextRotationDate}"',
  },
  controls: ['aws-fsbp:SecretsManager.4'],
  params: z.object({
    maxDaysSinceRotation: z
      .number()
      .int()
      .min(1)
      .max(180)
      .default(90)
      .describe('Days a secret may keep the same value (Security Hub default 90).'),
  }),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-4',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html',
  ],
  evaluate(secret, ctx) {
    const who = `Secret ${label(secret)}`;
    const o = secret.observed;
    if (
      !o ||
      (o.LastRotatedDate === undefined && o.CreatedDate === undefined && o.RotationEnabled === undefined)
    ) {
      return notApplicable(() => `${who}: the snapshot has no rotation dates (a template cannot know them).`);
    }
    const max = ctx.params.maxDaysSinceRotation;
    if (hasValue(o.LastRotatedDate)) {
      const rotated = parseDate(o.LastRotatedDate);
      if (!rotated) return error(`${who}: LastRotatedDate is not a date.`);
      const age = daysSince(rotated, ctx.now);
      return age > max
        ? fail(`${who} was last rotated ${day(rotated)}, ${age} days ago (more than ${max}).`)
        : pass(() => `${who} was rotated ${day(rotated)}.`);
    }
    const created = parseDate(o.CreatedDate);
    if (!created) return error(`${who} has never been rotated and the snapshot has no CreatedDate.`);
    const age = daysSince(created, ctx.now);
    return age > max
      ? fail(`${who} has never been rotated since it was created ${day(created)} (${age} days ago).`)
      : pass(() => `${who} has not been rotated yet but was created only ${age} days ago.`);
  },
});
