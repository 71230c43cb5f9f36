import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, isPlanned, label, notApplicable, pass, type RuleResult } from '../rule.js';
import { clusterOwns, replicaSource } from '../rds/instance.js';
import { text } from '../rds/values.js';
import { coverage, PROTECTABLE_TYPES } from './coverage.js';

/** Sources that describe a resource still to be created, which gets the service's creation defaults. */

const KIND: Readonly<Record<string, string>> = {
  'AWS::EC2::Volume': 'EBS volume',
  'AWS::DynamoDB::Table': 'DynamoDB table',
  'AWS::EFS::FileSystem': 'EFS file system',
  'AWS::RDS::DBInstance': 'RDS DB instance',
  'AWS::RDS::DBCluster': 'RDS DB cluster',
};

/** How reasons name the resource: `EBS volume <id>`, `DynamoDB table <id>`. */
function who(r: Resource): string {
  return `${KIND[r.type] ?? r.type} ${label(r)}`;
}

/** Resources whose backups are taken elsewhere, or by the service itself. */
function outOfScope(r: Resource): RuleResult | undefined {
  if (r.type === 'AWS::RDS::DBInstance') {
    const owned = clusterOwns(r, 'backups (select the cluster in the backup plan)');
    if (owned) return owned;
    const source = replicaSource(r);
    if (!source.known) return error(`${who(r)}: ${source.reason}.`);
    if (source.value !== undefined)
      return notApplicable(() => `${who(r)} is a read replica of ${source.value}; back up the source.`);
  }
  if (r.type === 'AWS::EFS::FileSystem') {
    // Automatic backups put the file system in the AWS Backup plan aws/efs/automatic-backup-plan.
    const status = text(r.props, 'BackupPolicy.Status');
    if (!status.known) return error(`${who(r)}: ${status.reason}.`);
    if (status.value === 'ENABLED') {
      return pass(
        () => `${who(r)} has EFS automatic backups on (the AWS Backup plan aws/efs/automatic-backup-plan).`,
      );
    }
    // A One Zone file system (AvailabilityZoneName) is created with automatic backups on unless the
    // request turns them off: CreateFileSystem's Backup "Default is false. However, if you specify an
    // AvailabilityZoneName, the default is true." CloudFormation documents no other default for an
    // absent BackupPolicy. Only a file system still to be created gets that default: a live one
    // states its policy.
    // https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html
    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html
    if (status.value === undefined && isPlanned(r)) {
      const zone = text(r.props, 'AvailabilityZoneName');
      if (!zone.known)
        return error(
          `${who(r)}: ${zone.reason}; a One Zone file system has automatic backups on by default.`,
        );
      if (zone.value !== undefined) {
        return pass(
          () =>
            `${who(r)} is a One Zone file system (${zone.value}) without BackupPolicy, so EFS automatic backups are on by default (the AWS Backup plan aws/efs/automatic-backup-plan).`,
        );
      }
    }
  }
  return undefined;
}

/**
 * Compliant: an AWS Backup selection in the resource's account and region assigns the EBS volume,
 * DynamoDB table, EFS file system, RDS DB instance or DB cluster to a backup plan (for EFS,
 * automatic backups count, including the default of a One Zone file system declared without
 * BackupPolicy). Read replicas and members of a DB cluster are not applicable.
 */
export default defineRule({
  id: 'backup-resource-protected-by-plan',
  title: 'Data resource is protected by an AWS Backup plan',
  category: 'dr',
  severity: 'medium',
  resourceTypes: PROTECTABLE_TYPES,
  rationale:
    'A backup plan takes recovery points on a schedule, keeps them for a set retention in a vault that can be locked, and can copy them to another region or account, which is what a disaster recovery plan relies on. Resources join a plan through a backup selection, usually by tag: a data volume or table that nobody tagged is silently never backed up, and nobody notices until a restore is needed.',
  remediation: {
    text: "Add the resource to a backup plan: tag it with the key the plan's selection uses (for example backup=daily), or list its ARN in a selection.",
    cli: 'aws ec2 create-tags --resources <volume-id> --tags Key=backup,Value=daily\naws backup create-backup-selection --backup-plan-id <plan-id> --backup-selection \'{"SelectionName":"daily","IamRoleArn":"arn:aws:iam::<account>:role/service-role/AWSBackupDefaultServiceRole","Resources":["<resource-arn>"]}\'',
    cloudformation:
      'Selection:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref DailyPlan\n    BackupSelection:\n      SelectionName: daily\n      IamRoleArn: !GetAtt BackupRole.Arn\n      ListOfTags:\n        - { ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: daily }',
    terraform:
      'resource "aws_backup_selection" "daily" {\n  name         = "daily"\n  plan_id      = aws_backup_plan.daily.id\n  iam_role_arn = aws_iam_role.backup.arn\n  selection_tag {\n    type  = "STRINGEQUALS"\n    key   = "backup"\n    value = "daily"\n  }\n}',
  },
  controls: ['aws-fsbp:EC2.28', 'aws-fsbp:RDS.26', 'aws-fsbp:DynamoDB.4', 'aws-fsbp:EFS.2'],
  references: [
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html',
    'https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html#automatic-backups',
  ],
  evaluate(r, ctx) {
    const skip = outOfScope(r);
    if (skip) return skip;
    const found = coverage(r, ctx.graph);
    if (found.covering.length > 0) {
      const plans = () =>
        found.covering
          .map(({ selection, plan }) =>
            plan ? `plan ${label(plan)} (selection ${label(selection)})` : `selection ${label(selection)}`,
          )
          .join(', ');
      return pass(() => `${who(r)} is backed up by ${plans()}.`);
    }
    if (found.unknown) return error(`${who(r)}: ${found.unknown}.`);
    return fail(
      `${who(r)} is in no AWS Backup plan: no backup selection in its account and region assigns it.`,
    );
  },
});
