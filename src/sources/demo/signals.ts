import type { Inventory } from './builder.js';
import { dailyValues } from './builder.js';
import { PROD } from './accounts.js';
import { TAKEN_AT } from './ids.js';

/*
 * Run-time health signals added on top of the resources built elsewhere (only `observed` facts,
 * so no rule over props changes its verdict):
 *  - monthly-report-generator went into a retry loop on the last day: a third of its invocations
 *    failed and it hit its concurrency limit (Errors, Throttles); its Lambda spend is the injected
 *    anomaly of the demo CUR (cur.ts).
 *  - invoice-renderer, its twin, is fine and reports Throttles of 0.
 *  - prod-orders-mysql (single-AZ) had a host failure and a reboot two days ago (RDS events);
 *    prod-app-mysql reports only a backup.
 *  - companya-prod-statements holds 850 GiB in S3 Standard (BucketSizeBytes) and has no lifecycle
 *    rule, so the cost round can price moving it to a colder class.
 */
export function addRuntimeSignals(inv: Inventory): void {
  const find = (type: string, id: string) =>
    inv.resources.find((r) => r.type === type && r.id === id && r.account === PROD.id);
  const at = (hoursAgo: number) => new Date(Date.parse(TAKEN_AT) - hoursAgo * 3_600_000).toISOString();

  const looping = find('AWS::Lambda::Function', 'monthly-report-generator');
  if (looping?.observed) {
    const metrics = looping.observed.Metrics as Record<string, unknown>;
    const invocations = [...Array<number>(13).fill(1100), 9800];
    metrics.Invocations = dailyValues('AWS/Lambda', 'Sum', 'Count', invocations);
    metrics.Errors = dailyValues('AWS/Lambda', 'Sum', 'Count', [...Array<number>(13).fill(2), 3400]);
    metrics.Throttles = dailyValues('AWS/Lambda', 'Sum', 'Count', [...Array<number>(13).fill(0), 612]);
  }
  const fine = find('AWS::Lambda::Function', 'invoice-renderer');
  if (fine?.observed) {
    (fine.observed.Metrics as Record<string, unknown>).Throttles = dailyValues(
      'AWS/Lambda',
      'Sum',
      'Count',
      Array<number>(14).fill(0),
    );
  }
  const orders = find('AWS::RDS::DBInstance', 'prod-orders-mysql');
  if (orders?.observed) {
    orders.observed.Events = [
      {
        Date: at(50),
        SourceIdentifier: 'prod-orders-mysql',
        EventCategories: ['failure'],
        Message: 'The database instance has failed due to an underlying host failure.',
      },
      {
        Date: at(49.8),
        SourceIdentifier: 'prod-orders-mysql',
        EventCategories: ['availability'],
        Message: 'DB instance restarted',
      },
    ];
  }
  const statements = find('AWS::S3::Bucket', 'companya-prod-statements');
  // Only a bucket already read live gets a metric: creating `observed` would change what rules see.
  if (statements?.observed) {
    const observed = statements.observed;
    const metrics = (observed.Metrics as Record<string, unknown> | undefined) ?? {};
    metrics.BucketSizeBytes = {
      ...dailyValues('AWS/S3', 'Average', 'Bytes', Array<number>(14).fill(850 * 1024 ** 3)),
      Dimensions: { StorageType: 'StandardStorage' },
    };
    observed.Metrics = metrics;
  }
  const app = find('AWS::RDS::DBInstance', 'prod-app-mysql');
  if (app?.observed) {
    app.observed.Events = [
      {
        Date: at(3),
        SourceIdentifier: 'prod-app-mysql',
        EventCategories: ['backup'],
        Message: 'Finished DB Instance backup',
      },
    ];
  }
}
