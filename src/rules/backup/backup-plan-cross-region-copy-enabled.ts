import { defineRule, error, fail, label, pass } from '../rule.js';
import { copyTargets, PLAN } from './coverage.js';

/**
 * Compliant: at least one rule of the backup plan copies its recovery points to a vault in another
 * region (a copy action whose destination vault ARN names a different region than the plan's).
 */
export default defineRule({
  id: 'backup-plan-cross-region-copy-enabled',
  title: 'AWS Backup plan copies recovery points to another region',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [PLAN],
  rationale:
    'Recovery points kept only in the source region are lost with it: a regional outage, or an attacker or mistake that reaches the region, takes the backups with the data. A copy action sends every recovery point to a vault in a DR region, as the notebook does for AMIs ("make an AMI, copy the AMI to another region"), so the workload can be restored there.',
  remediation: {
    text: 'Create a vault in the DR region (with its own KMS key) and add a copy action to the plan rule that targets it, with a retention that fits the recovery objectives.',
    cli: 'aws backup update-backup-plan --backup-plan-id <plan-id> --backup-plan file://plan-with-copy.json  # CopyActions: [{"DestinationBackupVaultArn":"arn:aws:backup:<dr-region>:<account>:backup-vault:<dr-vault>","Lifecycle":{"DeleteAfterDays":35}}]',
    cloudformation:
      'BackupPlanRule:\n  - RuleName: daily\n    TargetBackupVault: !Ref Vault\n    ScheduleExpression: cron(0 5 ? * * *)\n    CopyActions:\n      - DestinationBackupVaultArn: !Sub arn:${AWS::Partition}:backup:ap-southeast-1:${AWS::AccountId}:backup-vault:dr-vault\n        Lifecycle: { DeleteAfterDays: 35 }',
    terraform:
      'rule {\n  rule_name         = "daily"\n  target_vault_name = aws_backup_vault.primary.name\n  schedule          = "cron(0 5 ? * * *)"\n  copy_action {\n    destination_vault_arn = aws_backup_vault.dr.arn  # provider in the DR region\n    lifecycle { delete_after = 35 }\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-backup-backupplan-copyactionresourcetype.html',
  ],
  evaluate(plan, ctx) {
    const who = `AWS Backup plan ${label(plan)}`;
    const targets = copyTargets(plan, ctx.graph);
    if (targets.otherRegions.length > 0) {
      return pass(() => `${who} copies recovery points to ${targets.otherRegions.join(', ')}.`);
    }
    if (targets.unknown) return error(`${who}: ${targets.unknown}.`);
    if (targets.sameRegion > 0) {
      return fail(
        `${who} copies recovery points only within its own region, so a regional outage takes every copy.`,
      );
    }
    return fail(
      `${who} keeps its recovery points only in ${plan.region === 'unknown' ? 'its own region' : plan.region}: no rule copies them to another region.`,
    );
  },
});
