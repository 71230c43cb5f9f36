import { z } from 'zod';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { observedOf } from './root.js';
import { day, daysSince, hasValue, parseDate } from './time.js';

/** Credential report columns of the root user that record a use. */
const USES = [
  ['PasswordLastUsed', 'console password'],
  ['AccessKey1LastUsedDate', 'access key 1'],
  ['AccessKey2LastUsedDate', 'access key 2'],
] as const;

/**
 * Compliant: the root user's password and access keys were not used within the last `days` days
 * (credential report `password_last_used`, `access_key_1_last_used_date`,
 * `access_key_2_last_used_date`). Never used counts as not used.
 */
export default defineRule({
  id: 'iam-root-not-used-recently',
  title: 'Root user has not been used recently',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::RootAccount'],
  rationale:
    'Daily and administrative work should be done with IAM roles or IAM Identity Center users, whose permissions can be limited and whose sessions are attributable. The root user is for the few tasks only it can do (changing the support plan, closing the account, restoring a locked key policy). A recent root sign-in is either one of those tasks, to be noted, or a habit or a compromise, to be stopped.',
  remediation: {
    text: 'Find out who used the root user and why (CloudTrail events with userIdentity.type Root). Give that work to a role or an Identity Center permission set, lock the root credentials away, and alarm on root use.',
    cli: 'aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --max-results 20',
  },
  controls: ['cis-aws-v5.0:1.6'],
  params: z.object({
    days: z
      .number()
      .int()
      .positive()
      .default(30)
      .describe('Root use within this many days before the run is reported.'),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  evaluate(root, ctx) {
    const who = `Root user of account ${label(root)}`;
    const o = observedOf(root);
    if (USES.every(([field]) => o[field] === undefined)) {
      return error(`${who}: the snapshot has no last-use dates of the root user (credential report).`);
    }
    const recent: string[] = [];
    let last: Date | undefined;
    for (const [field, what] of USES) {
      if (!hasValue(o[field])) continue;
      const date = parseDate(o[field]);
      if (!date) return error(`${who}: ${field} is not a date (${JSON.stringify(o[field])}).`);
      if (!last || date > last) last = date;
      const age = daysSince(date, ctx.now);
      if (age < ctx.params.days) recent.push(`${what} on ${day(date)} (${Math.max(age, 0)} days ago)`);
    }
    if (recent.length > 0) {
      return fail(`${who} was used within the last ${ctx.params.days} days: ${recent.join('; ')}.`);
    }
    return pass(
      last
        ? `${who} was last used on ${day(last)}, more than ${ctx.params.days} days ago.`
        : `${who} has never been used with a password or access key.`,
    );
  },
});
