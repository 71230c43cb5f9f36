import { asBoolean, defineRule, error, fail, known, label, pass, prop, type Known } from '../rule.js';

const TABLE = 'AWS::DynamoDB::Table';
const PITR = 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled';

/** One table's (or replica's) setting: true, false (absent means off), or unknown. */
function enabled(value: Known): Known<boolean> | { known: false; reason: string } {
  if (!value.known) return value;
  if (value.value === undefined) return { known: true, value: false };
  const b = asBoolean(value.value);
  return b === undefined
    ? { known: false, reason: `${PITR} is ${JSON.stringify(value.value)}, not a boolean` }
    : { known: true, value: b };
}

/**
 * Compliant: point-in-time recovery is enabled on the table, or on every replica of a global
 * table (`Replicas[].PointInTimeRecoverySpecification`).
 */
export default defineRule({
  id: 'dynamodb-table-pitr-enabled',
  title: 'DynamoDB table has point-in-time recovery enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [TABLE, 'AWS::DynamoDB::GlobalTable'],
  rationale:
    'Point-in-time recovery keeps continuous backups, so a table can be restored to any second of the recovery period (up to 35 days) after a bad write, a faulty migration or an accidental delete of items. Without it, only on-demand backups taken beforehand can bring data back.',
  remediation: {
    text: 'Enable point-in-time recovery on the table (on every replica of a global table).',
    cli: 'aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true',
    cloudformation: 'PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true',
    terraform:
      'resource "aws_dynamodb_table" "this" {\n  # ...\n  point_in_time_recovery {\n    enabled = true\n  }\n}',
  },
  controls: ['aws-fsbp:DynamoDB.2'],
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-replicaspecification.html',
  ],
  evaluate(table) {
    const who = `DynamoDB table ${label(table)}`;
    if (table.type === TABLE) {
      const setting = prop(table.props, PITR);
      const on = enabled(setting);
      if (!on.known) return error(`${who}: ${on.reason}.`);
      if (on.value) return pass(() => `${who} has point-in-time recovery enabled.`);
      return fail(
        `${who} has point-in-time recovery ${setting.known && setting.value === undefined ? 'not configured' : 'disabled'}.`,
      );
    }
    const replicas = prop(table.props, 'Replicas');
    if (!replicas.known) return error(`${who}: ${replicas.reason}.`);
    if (!Array.isArray(replicas.value) || replicas.value.length === 0)
      return error(`${who} lists no replicas.`);
    const off: string[] = [];
    for (let i = 0; i < replicas.value.length; i++) {
      const replica = known(replicas.value[i], `Replicas[${i}]`);
      if (!replica.known) return error(`${who}: ${replica.reason}.`);
      const on = enabled(prop(replica.value as Record<string, unknown>, PITR));
      const region = (replica.value as { Region?: unknown }).Region;
      const name = typeof region === 'string' ? region : `Replicas[${i}]`;
      if (!on.known) return error(`${who}, replica ${name}: ${on.reason}.`);
      if (!on.value) off.push(name);
    }
    if (off.length > 0)
      return fail(`${who} has point-in-time recovery disabled on replica ${off.join(', ')}.`);
    return pass(() => `${who} has point-in-time recovery enabled on every replica.`);
  },
});
