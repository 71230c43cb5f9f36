import { UNKNOWN_REGION, type Resource } from '../../model/index.js';
import { coverage, copyTargets } from '../backup/coverage.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { GLOBAL_TABLE, replicaRegions, TABLE } from './capacity.js';

/** How reasons name the table: `DynamoDB table <id>`. */
function who(table: Resource): string {
  return `DynamoDB table ${label(table)}`;
}

/**
 * Compliant: the table's data survives the loss of its region: it is a global table with a
 * replica in another region, or an AWS Backup plan that covers it copies its recovery points to
 * another region.
 */
export default defineRule({
  id: 'dynamodb-table-cross-region-recovery-enabled',
  title: 'DynamoDB table can be recovered in another region',
  category: 'dr',
  severity: 'low',
  resourceTypes: [TABLE, GLOBAL_TABLE],
  rationale:
    "Point-in-time recovery and on-demand backups live in the table's own region, so a regional outage or a region-wide mistake leaves nothing to restore elsewhere. A global table keeps a live replica in another region (active-active, failover by pointing clients at it); a backup plan with a cross-region copy keeps restorable recovery points there at lower cost but with a longer recovery time.",
  remediation: {
    text: 'Add a replica in the DR region (global tables), or include the table in an AWS Backup plan whose rule copies to a vault in another region.',
    cli: 'aws dynamodb update-table --table-name <table> --replica-updates \'[{"Create":{"RegionName":"<dr-region>"}}]\'',
    cloudformation:
      'Table:\n  Type: AWS::DynamoDB::GlobalTable\n  Properties:\n    # ...\n    Replicas:\n      - Region: us-east-1\n      - Region: ap-southeast-1',
    terraform:
      'resource "aws_dynamodb_table" "this" {\n  # ...\n  replica {\n    region_name = "ap-southeast-1"\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html',
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html',
  ],
  evaluate(table, ctx) {
    const replicas = replicaRegions(table);
    if (!replicas.known) return error(`${who(table)}: ${replicas.reason}.`);
    // A template's region may be unknown; two replica regions still mean one of them is elsewhere.
    // So does one replica of an AWS::DynamoDB::Table (a Terraform `replica` block): a global table
    // has at most one replica per region, and the table itself is one of them.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
    const elsewhere =
      table.region !== UNKNOWN_REGION
        ? replicas.value.some((r) => r !== table.region)
        : new Set(replicas.value).size >= (table.type === TABLE ? 1 : 2);
    if (elsewhere) {
      return pass(() => `${who(table)} has replicas in ${[...new Set(replicas.value)].join(', ')}.`);
    }
    const found = coverage(table, ctx.graph);
    let unknown = found.unknown;
    const plans: string[] = [];
    for (const { plan, selection } of found.covering) {
      if (!plan) {
        unknown ??= `the backup plan of selection ${label(selection)} is not in the snapshot`;
        continue;
      }
      const copies = copyTargets(plan, ctx.graph);
      if (copies.otherRegions.length > 0) {
        return pass(
          () =>
            `${who(table)} is backed up by plan ${label(plan)}, which copies to ${copies.otherRegions.join(', ')}.`,
        );
      }
      if (copies.unknown) unknown ??= `plan ${label(plan)}: ${copies.unknown}`;
      plans.push(label(plan));
    }
    if (unknown) return error(`${who(table)}: ${unknown}.`);
    const backups =
      plans.length > 0
        ? `its backup plan ${plans.join(', ')} keeps copies only in its own region`
        : 'no backup plan copies it to another region';
    return fail(`${who(table)} has no replica in another region and ${backups}.`);
  },
});
