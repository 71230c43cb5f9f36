import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { day, daysSince, hasValue, parseDate } from '../iam/time.js';

/**
 * Compliant: the secret was read (`observed.LastAccessedDate`, which Secrets Manager records to the
 * day) within the last `unusedForDays` days, or, never read, was created less than that long ago.
 * Secrets without observed dates (templates) are not applicable.
 */
export default defineRule({
  id: 'secretsmanager-secret-in-use',
  title: 'Secrets Manager secret has been used in the last 90 days',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  rationale:
    'A secret nobody reads is a credential that still works somewhere (a database user, a partner API) for no current purpose, readable by everyone its policy allows. Deleting unused secrets, and the credentials behind them, removes that standing access and its monthly cost.',
  remediation: {
    text: 'Confirm the secret is no longer needed, revoke the credential it holds at its source, then schedule the secret for deletion (7 to 30 days, during which it can be restored).',
    cli: 'aws secretsmanager delete-secret --secret-id <secret> --recovery-window-in-days 30',
  },
  controls: ['aws-fsbp:SecretsManager.3'],
  params: z.object({
    unusedForDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(90)
      .describe('Days a secret may go unread (Security Hub default 90).'),
  }),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-3',
    'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html',
  ],
  evaluate(secret, ctx) {
    const who = `Secret ${label(secret)}`;
    const o = secret.observed;
    if (!o || (o.LastAccessedDate === undefined && o.CreatedDate === undefined)) {
      return notApplicable(
        () => `${who}: the snapshot has no access dates (DescribeSecret LastAccessedDate).`,
      );
    }
    const max = ctx.params.unusedForDays;
    if (hasValue(o.LastAccessedDate)) {
      const used = parseDate(o.LastAccessedDate);
      if (!used) return error(`${who}: LastAccessedDate is not a date.`);
      const age = daysSince(used, ctx.now);
      return age > max
        ? fail(`${who} was last read ${day(used)}, ${age} days ago (more than ${max}).`)
        : pass(() => `${who} was last read ${day(used)}.`);
    }
    const created = parseDate(o.CreatedDate);
    if (!created) return error(`${who} has no recorded access and no CreatedDate.`);
    const age = daysSince(created, ctx.now);
    return age > max
      ? fail(`${who} has never been read since it was created ${day(created)} (${age} days ago).`)
      : pass(() => `${who} has not been read yet but was created only ${age} days ago.`);
  },
});
