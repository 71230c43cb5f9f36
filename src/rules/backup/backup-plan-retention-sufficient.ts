import { z } from 'zod';
import { defineRule, error, fail, known, label, pass, prop } from '../rule.js';
import { count } from '../rds/values.js';
import { PLAN } from './coverage.js';

/**
 * Compliant: every rule of the backup plan, and every copy it makes, keeps recovery points for at
 * least `minRetentionDays` (no `DeleteAfterDays` means kept until deleted by hand).
 */
export default defineRule({
  id: 'backup-plan-retention-sufficient',
  title: 'AWS Backup plan keeps recovery points for the minimum retention',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [PLAN],
  rationale:
    "Retention decides how far back a restore can go. Corruption, a bad migration or ransomware is often found days or weeks after it happened; with a 7-day retention the last clean recovery point may already be gone. AWS Config's backup-plan-min-frequency-and-min-retention-check uses 35 days by default.",
  remediation: {
    text: 'Raise DeleteAfterDays of each rule (and of each copy action) to at least the minimum, or move older recovery points to cold storage to keep the cost down.',
    cli: 'aws backup update-backup-plan --backup-plan-id <plan-id> --backup-plan file://plan.json  # Lifecycle: {"DeleteAfterDays": 35}',
    cloudformation: 'BackupPlanRule:\n  - RuleName: daily\n    Lifecycle:\n      DeleteAfterDays: 35',
    terraform: 'rule {\n  # ...\n  lifecycle {\n    delete_after = 35\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/backup-plan-min-frequency-and-min-retention-check.html',
  ],
  params: z.object({
    minRetentionDays: z
      .number()
      .int()
      .positive()
      .default(35)
      .describe(
        'Shortest acceptable retention of recovery points and their copies, in days (AWS Config default: 35).',
      ),
  }),
  evaluate(plan, ctx) {
    const who = `AWS Backup plan ${label(plan)}`;
    const rules = prop(plan.props, 'BackupPlan.BackupPlanRule');
    if (!rules.known) return error(`${who}: ${rules.reason}.`);
    if (!Array.isArray(rules.value) || rules.value.length === 0) return error(`${who} has no rules.`);
    const min = ctx.params.minRetentionDays;
    const short: string[] = [];
    for (const [i, raw] of rules.value.entries()) {
      const rule = known(raw, `BackupPlanRule[${i}]`);
      if (!rule.known) return error(`${who}: ${rule.reason}.`);
      const body = rule.value as Record<string, unknown>;
      const name = typeof body.RuleName === 'string' ? body.RuleName : `BackupPlanRule[${i}]`;
      const days = count(body, 'Lifecycle.DeleteAfterDays', undefined);
      if (!days.known) return error(`${who}, rule ${name}: ${days.reason}.`);
      if (days.value !== undefined && days.value < min) short.push(`rule ${name} keeps ${days.value} days`);
      const copies = prop(body, 'CopyActions');
      if (!copies.known) return error(`${who}, rule ${name}: ${copies.reason}.`);
      for (const [j, copy] of (Array.isArray(copies.value) ? copies.value : []).entries()) {
        const copyDays = count(copy as Record<string, unknown>, 'Lifecycle.DeleteAfterDays', undefined);
        if (!copyDays.known) return error(`${who}, rule ${name}, copy ${j + 1}: ${copyDays.reason}.`);
        if (copyDays.value !== undefined && copyDays.value < min) {
          short.push(`the copy of rule ${name} keeps ${copyDays.value} days`);
        }
      }
    }
    if (short.length > 0)
      return fail(`${who} keeps recovery points less than ${min} days: ${short.join('; ')}.`);
    return pass(() => `${who} keeps every recovery point and copy at least ${min} days.`);
  },
});
