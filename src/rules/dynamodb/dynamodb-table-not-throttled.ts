import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import { daysCovered, hasMetrics, lastDays, metric, type MetricSeries } from '../rds/metrics.js';
import { billingMode, capacityNeeds, GLOBAL_TABLE, TABLE, tableScaling } from './capacity.js';
import { metricsNotRead } from '../ec2/observed.js';

const THROTTLE_METRICS = ['ThrottledRequests', 'ReadThrottleEvents', 'WriteThrottleEvents'];

/** The values of a series in the window, or all of it when it is shorter. */
function windowOf(series: MetricSeries, days: number): readonly number[] {
  return lastDays(series, days) ?? series.Values;
}

/** What to do about the throttling, given how the table's capacity is managed. */
function advice(table: Resource, graph: GraphView): string {
  const mode = billingMode(table);
  if (mode.known && mode.value === 'PAY_PER_REQUEST') {
    return 'it is on-demand, so look for a hot partition key or a peak above twice the previous one (pre-warm with warm throughput)';
  }
  if (table.type === TABLE) {
    const needs = capacityNeeds(table);
    if (Array.isArray(needs) && tableScaling(table, needs, graph).every((s) => s.state === 'scaled')) {
      return 'auto scaling is on, so raise its MaxCapacity or look for a hot partition key';
    }
  }
  return 'its provisioned capacity is fixed: enable auto scaling (Application Auto Scaling) or switch to on-demand capacity; an SQS queue would only delay the throttled requests';
}

/** How reasons name the table: `DynamoDB table <id>`. */
function who(table: Resource): string {
  return `DynamoDB table ${label(table)}`;
}

/**
 * Compliant: the table had no more than `maxThrottledRequests` throttled requests over the last
 * `lookbackDays` days (observed `ThrottledRequests`, or `ReadThrottleEvents` +
 * `WriteThrottleEvents`). Templates, which carry no metrics, are not applicable.
 */
export default defineRule({
  id: 'dynamodb-table-not-throttled',
  title: 'DynamoDB table serves its requests without throttling',
  category: 'health',
  severity: 'high',
  resourceTypes: [TABLE, GLOBAL_TABLE],
  rationale:
    'A throttled request is one the application asked for and DynamoDB refused (ProvisionedThroughputExceededException). SDK retries hide a few, but sustained throttling at peak hours is failed writes, slow pages and unhappy users. It means the capacity does not follow the traffic: fixed RCU/WCU below the peak, an auto scaling maximum too low, or a hot partition key.',
  remediation: {
    text: 'For fixed provisioned capacity enable auto scaling on read and write capacity (and on each GSI) or switch to on-demand; with auto scaling raise MaxCapacity; in every mode check for hot keys (CloudWatch Contributor Insights).',
    cli: 'aws dynamodb update-table --table-name <table> --billing-mode PAY_PER_REQUEST\naws dynamodb update-contributor-insights --table-name <table> --contributor-insights-action ENABLE',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html',
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TroubleshootingThrottling.html',
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html',
  ],
  params: z.object({
    lookbackDays: z.number().int().positive().default(7).describe('Days of metrics to look at.'),
    maxThrottledRequests: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Throttled requests tolerated over the window before the table fails.'),
  }),
  evaluate(table, ctx) {
    if (!hasMetrics(table)) {
      const notRead = metricsNotRead(table, ctx.graph);
      if (notRead) return error(`${who(table)}: ${notRead}.`);
      return notApplicable(
        () => `${who(table)} has no observed metrics; throttling is only known for a live table.`,
      );
    }
    const days = ctx.params.lookbackDays;
    const series: Record<string, readonly number[]> = {};
    let covered = 0;
    for (const name of THROTTLE_METRICS) {
      const read = metric(table, name);
      if (read.state === 'invalid') return error(`${who(table)}: ${read.reason}.`);
      if (read.state === 'ok') {
        series[name] = windowOf(read.series, days);
        covered = Math.max(covered, Math.min(days, daysCovered(read.series)));
      }
    }
    const sum = (v: readonly number[] | undefined) => (v ?? []).reduce((a, b) => a + b, 0);
    const requests = series.ThrottledRequests;
    const reads = sum(series.ReadThrottleEvents);
    const writes = sum(series.WriteThrottleEvents);
    if (!requests && !series.ReadThrottleEvents && !series.WriteThrottleEvents) {
      return error(
        `${who(table)}: no throttling metrics (ThrottledRequests, ReadThrottleEvents, WriteThrottleEvents) were collected.`,
      );
    }
    const total = requests ? sum(requests) : reads + writes;
    const span = () => `the last ${covered} day${covered === 1 ? '' : 's'}`;
    if (total <= ctx.params.maxThrottledRequests) {
      return pass(() => `${who(table)} had ${total === 0 ? 'no' : total} throttled requests in ${span()}.`);
    }
    const peakSeries = requests ?? series.ReadThrottleEvents ?? series.WriteThrottleEvents ?? [];
    const peak = Math.max(...peakSeries);
    const split =
      series.ReadThrottleEvents || series.WriteThrottleEvents
        ? ` (${reads} read, ${writes} write throttle events)`
        : '';
    return fail(
      `${who(table)} throttled ${total} requests in ${span()}${split}, up to ${peak} a day; ${advice(table, ctx.graph)}.`,
    );
  },
});
