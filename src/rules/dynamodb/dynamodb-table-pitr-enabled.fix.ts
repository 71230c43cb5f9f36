import { defineFix } from '../fix.js';
import { callFor, capturedAt, physicalName, refuseNotLive } from '../fix-support.js';

/**
 * Turns on point-in-time recovery of a table. The undo turns it off again, which discards the
 * continuous backups kept since (the restore window starts over when it is next enabled).
 * Global tables are changed replica by replica, in each replica's region: not automated here.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
 */
export default defineFix({
  rule: 'dynamodb-table-pitr-enabled',
  title: 'Turn on point-in-time recovery of the table',
  actions: ['dynamodb:UpdateContinuousBackups'],
  plan(table) {
    if (table.type !== 'AWS::DynamoDB::Table') {
      return {
        cannot: `${table.type} ${table.id}: enable point-in-time recovery on each replica in its region`,
      };
    }
    const refused = refuseNotLive(table);
    if (refused) return refused;
    const TableName = physicalName(table, 'TableName');
    const update = (enabled: boolean) =>
      callFor(table, 'dynamodb', 'UpdateContinuousBackups', 'dynamodb:UpdateContinuousBackups', {
        TableName,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: enabled },
      });
    return {
      steps: [
        {
          description: `Turn on point-in-time recovery of DynamoDB table ${TableName}`,
          call: update(true),
          capture: callFor(
            table,
            'dynamodb',
            'DescribeContinuousBackups',
            'dynamodb:DescribeContinuousBackups',
            {
              TableName,
            },
          ),
          undo: (captured) => {
            const status = capturedAt(
              captured,
              'ContinuousBackupsDescription',
              'PointInTimeRecoveryDescription',
              'PointInTimeRecoveryStatus',
            );
            return { call: update(status === 'ENABLED') };
          },
        },
      ],
    };
  },
  template(table) {
    if (table.type !== 'AWS::DynamoDB::Table') {
      return { cannot: 'set PointInTimeRecoverySpecification on each replica of the global table' };
    }
    return {
      patches: [
        { op: 'set', path: ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], value: true },
      ],
    };
  },
});
