import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { hasMetrics, lastDays, metric } from '../rds/metrics.js';
import { count } from '../rds/values.js';
import { billingMode, DIMENSIONS, TABLE, tableScaling } from './capacity.js';
import { metricsNotRead } from '../ec2/observed.js';

const CONSUMED = {
  ReadCapacityUnits: 'ConsumedReadCapacityUnits',
  WriteCapacityUnits: 'ConsumedWriteCapacityUnits',
} as const;
const SHORT = { ReadCapacityUnits: 'RCU', WriteCapacityUnits: 'WCU' } as const;

const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);

/** How reasons name the table: `DynamoDB table <id>`. */
function who(table: Resource): string {
  return `DynamoDB table ${label(table)}`;
}

/**
 * Compliant: on its busiest day of the last `lookbackDays`, the table used at least
 * `minUtilizationPercent` of each fixed provisioned capacity (observed `ConsumedRead/
 * WriteCapacityUnits` with the Sum statistic, divided by the period for units per second).
 * On-demand tables, dimensions under auto scaling and templates are not applicable.
 */
export default defineRule({
  id: 'dynamodb-table-capacity-not-overprovisioned',
  title: 'DynamoDB table does not pay for far more capacity than it uses',
  category: 'cost',
  severity: 'low',
  resourceTypes: [TABLE],
  rationale:
    'Provisioned capacity is billed per hour whether it is used or not. A table provisioned for a launch or a one-off migration and never revisited can cost many times what its traffic needs. Auto scaling keeps capacity near the consumption (and still absorbs peaks, unlike a hand-lowered fixed value); on-demand suits low or very spiky traffic.',
  remediation: {
    text: 'Enable auto scaling with target tracking (70 % utilisation) so capacity follows the consumption, or switch to on-demand; at the least lower the fixed capacity to the observed peak plus headroom.',
    cli: 'aws application-autoscaling register-scalable-target --service-namespace dynamodb --resource-id table/<table> --scalable-dimension dynamodb:table:ReadCapacityUnits --min-capacity 5 --max-capacity <peak-with-headroom>\naws dynamodb update-table --table-name <table> --billing-mode PAY_PER_REQUEST',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html',
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html',
    'https://aws.amazon.com/dynamodb/pricing/provisioned/',
  ],
  params: z.object({
    lookbackDays: z
      .number()
      .int()
      .positive()
      .default(14)
      .describe('Days of consumption to compare with the provisioned capacity.'),
    minUtilizationPercent: z
      .number()
      .positive()
      .max(100)
      .default(20)
      .describe('Lowest acceptable use of provisioned capacity on the busiest day, in percent.'),
  }),
  evaluate(table, ctx) {
    if (!hasMetrics(table)) {
      const notRead = metricsNotRead(table, ctx.graph);
      if (notRead) return error(`${who(table)}: ${notRead}.`);
      return notApplicable(
        () => `${who(table)} has no observed metrics; consumption is only known for a live table.`,
      );
    }
    const mode = billingMode(table);
    if (!mode.known) return error(`${who(table)}: ${mode.reason}.`);
    if (mode.value === 'PAY_PER_REQUEST')
      return notApplicable(() => `${who(table)} is on-demand: it pays per request, not for capacity.`);
    const scaling = tableScaling(
      table,
      DIMENSIONS.map((dimension) => ({ dimension })),
      ctx.graph,
    );
    const { lookbackDays: days, minUtilizationPercent: min } = ctx.params;
    const over: string[] = [];
    const fine: string[] = [];
    for (const [i, dimension] of DIMENSIONS.entries()) {
      const s = scaling[i]!;
      if (s.state === 'scaled') continue;
      if (s.state === 'unknown') return error(`${who(table)}: ${s.reason}.`);
      const provisioned = count(table.props, `ProvisionedThroughput.${dimension}`, undefined);
      if (!provisioned.known) return error(`${who(table)}: ${provisioned.reason}.`);
      if (provisioned.value === undefined || provisioned.value <= 0) {
        return error(`${who(table)} is provisioned but ProvisionedThroughput.${dimension} is not given.`);
      }
      const name = CONSUMED[dimension];
      const read = metric(table, name);
      if (read.state === 'absent') return error(`${who(table)}: ${name} was not collected.`);
      if (read.state === 'invalid') return error(`${who(table)}: ${read.reason}.`);
      // Only Sum measures consumption: Average and Maximum are per request.
      if (read.series.Statistic !== 'Sum') {
        return error(
          `${who(table)}: ${name} is the ${read.series.Statistic} statistic; consumption needs Sum (per period).`,
        );
      }
      const window = lastDays(read.series, days);
      if (!window) return error(`${who(table)}: ${name} covers less than the ${days}-day window.`);
      const busiest = Math.max(...window) / read.series.PeriodSeconds;
      const used = (busiest / provisioned.value) * 100;
      const text = `${provisioned.value} ${SHORT[dimension]} provisioned, the busiest day averaged ${round(busiest)} per second (${round(used)} %)`;
      (used < min ? over : fine).push(text);
    }
    if (over.length === 0 && fine.length === 0) {
      return notApplicable(() => `${who(table)} auto scales its read and write capacity.`);
    }
    if (over.length > 0) {
      return fail(
        `${who(table)} uses a small part of its fixed capacity: ${over.join('; ')}; enable auto scaling or on-demand.`,
      );
    }
    return pass(() => `${who(table)} uses its provisioned capacity: ${fine.join('; ')}.`);
  },
});
