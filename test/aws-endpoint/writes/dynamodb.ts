/**
 * DynamoDB writes the fixes use. dynalite implements no continuous backups, so the endpoint answers
 * them itself from recordings (`dynamodb/DescribeContinuousBackups/<table>`), which the collector reads.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
 */
import type { FixtureStore } from '../fixtures.js';
import type { WriteHandler, WriteHandlers } from '../writes.js';
import { ok } from '../writes.js';

const JSON_10 = 'application/x-amz-json-1.0';

/** The `DescribeContinuousBackups` answer for a PITR setting. */
export function continuousBackups(enabled: boolean): string {
  const now = Math.floor(Date.parse('2026-11-01T00:00:00Z') / 1000);
  return JSON.stringify({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: enabled
        ? {
            PointInTimeRecoveryStatus: 'ENABLED',
            RecoveryPeriodInDays: 35,
            EarliestRestorableDateTime: now,
            LatestRestorableDateTime: now,
          }
        : { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  });
}

/**
 * Records a table as `ListTables`, `DescribeTable` and `DescribeContinuousBackups` answer it, for
 * tests that do not run dynalite.
 */
export function recordTable(
  fixtures: FixtureStore,
  options: { region: string; account: string; name: string; pitr: boolean },
): void {
  const { region, account, name } = options;
  const list = fixtures.get(`${region}/dynamodb/ListTables`);
  const names = list ? (JSON.parse(list) as { TableNames: string[] }).TableNames : [];
  fixtures.set(
    `${region}/dynamodb/ListTables`,
    JSON.stringify({ TableNames: [...new Set([...names, name])] }),
  );
  fixtures.set(
    `${region}/dynamodb/DescribeTable/${name}`,
    JSON.stringify({
      Table: {
        TableName: name,
        TableArn: `arn:aws:dynamodb:${region}:${account}:table/${name}`,
        TableStatus: 'ACTIVE',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
        DeletionProtectionEnabled: false,
        ItemCount: 0,
        TableSizeBytes: 0,
      },
    }),
  );
  fixtures.set(`${region}/dynamodb/DescribeContinuousBackups/${name}`, continuousBackups(options.pitr));
}

const updateContinuousBackups: WriteHandler = (request, state) => {
  const table = String(request.params.TableName ?? '');
  const spec = request.params.PointInTimeRecoverySpecification as
    { PointInTimeRecoveryEnabled?: unknown } | undefined;
  if (state.get(`dynamodb/DescribeTable/${table}`) === undefined) {
    return state.error(400, 'TableNotFoundException', `Table not found: ${table}`);
  }
  if (typeof spec?.PointInTimeRecoveryEnabled !== 'boolean') {
    return state.error(
      400,
      'ValidationException',
      'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is required',
    );
  }
  const body = continuousBackups(spec.PointInTimeRecoveryEnabled);
  state.set(`dynamodb/DescribeContinuousBackups/${table}`, body);
  return ok(body, JSON_10);
};

export const dynamodbWrites: WriteHandlers = {
  'dynamodb:UpdateContinuousBackups': updateContinuousBackups,
};
