import { defineRule, error, fail, known, label, pass, prop } from '../rule.js';
import { flag } from '../rds/values.js';
import { GLOBAL_TABLE, TABLE } from './capacity.js';

/**
 * Compliant: deletion protection is on for the table, or on every replica of a global table
 * (`Replicas[].DeletionProtectionEnabled`).
 */
export default defineRule({
  id: 'dynamodb-table-deletion-protection-enabled',
  title: 'DynamoDB table has deletion protection enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [TABLE, GLOBAL_TABLE],
  rationale:
    'DeleteTable removes a table and all its items at once; point-in-time recovery can restore it only if it was on, and to a new table. Deletion protection makes the call fail until someone turns the protection off on purpose, which stops a mistaken script, console click or stack change from deleting production data.',
  remediation: {
    text: 'Turn on deletion protection (no impact on traffic). In CloudFormation also keep DeletionPolicy: Retain or Snapshot on important tables.',
    cli: 'aws dynamodb update-table --table-name <table> --deletion-protection-enabled',
    cloudformation: 'DeletionProtectionEnabled: true',
    terraform: 'resource "aws_dynamodb_table" "this" {\n  # ...\n  deletion_protection_enabled = true\n}',
  },
  controls: ['aws-fsbp:DynamoDB.6'],
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection',
  ],
  evaluate(table) {
    const who = `DynamoDB table ${label(table)}`;
    if (table.type === TABLE) {
      const on = flag(table.props, 'DeletionProtectionEnabled', false);
      if (!on.known) return error(`${who}: ${on.reason}.`);
      return on.value
        ? pass(() => `${who} has deletion protection enabled.`)
        : fail(
            `${who} has deletion protection ${on.defaulted ? 'not configured (off by default)' : 'disabled'}.`,
          );
    }
    const replicas = prop(table.props, 'Replicas');
    if (!replicas.known) return error(`${who}: ${replicas.reason}.`);
    if (!Array.isArray(replicas.value) || replicas.value.length === 0)
      return error(`${who} lists no replicas.`);
    const off: string[] = [];
    for (const [i, raw] of replicas.value.entries()) {
      const replica = known(raw, `Replicas[${i}]`);
      if (!replica.known) return error(`${who}: ${replica.reason}.`);
      const body = replica.value as Record<string, unknown>;
      const name = typeof body.Region === 'string' ? body.Region : `Replicas[${i}]`;
      const on = flag(body, 'DeletionProtectionEnabled', false);
      if (!on.known) return error(`${who}, replica ${name}: ${on.reason}.`);
      if (!on.value) off.push(name);
    }
    return off.length > 0
      ? fail(`${who} has deletion protection off on replica ${off.join(', ')}.`)
      : pass(() => `${who} has deletion protection on every replica.`);
  },
});
