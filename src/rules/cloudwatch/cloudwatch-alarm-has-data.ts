import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';
import { ALARM, alarmMetrics, COMPOSITE_ALARM, dimension, stateReason, stateSince } from './alarms.js';

const HOUR_MS = 3_600_000;
const INSTANCE = 'AWS::EC2::Instance';

/**
 * The state reason of an alarm whose missing data was treated as breaching or not (TreatMissingData
 * `breaching` / `notBreaching`): "Threshold Crossed: no datapoints were received for 1 period and 1
 * missing datapoint was treated as [NonBreaching]." Such an alarm is OK or ALARM without any data.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data
 */
const NO_DATAPOINTS = /no datapoints were received/i;

/** How reasons name the alarm: `CloudWatch alarm <id>`. */
function who(alarm: Resource): string {
  return `CloudWatch alarm ${label(alarm)}`;
}

/**
 * Compliant: the alarm is not stuck in INSUFFICIENT_DATA (observed `StateValue`) for longer than
 * the threshold (24 hours by default). A stuck alarm watches nothing: often a resource that no
 * longer exists, which the reason names when the snapshot shows it is gone. An alarm that treats
 * missing data as (not) breaching shows OK or ALARM without data; its `StateReason` says so, and
 * it fails only when the instance it watches is gone.
 */
export default defineRule({
  id: 'cloudwatch-alarm-has-data',
  title: 'CloudWatch alarm is not stuck without data',
  category: 'health',
  severity: 'medium',
  resourceTypes: [ALARM, COMPOSITE_ALARM],
  rationale:
    'An alarm in INSUFFICIENT_DATA for days cannot fire: its metric has no datapoints, usually because the instance, load balancer or table it names was replaced or deleted, or a dimension is misspelt. It looks like protection on the dashboard and gives none, like a status-check alarm still watching an instance terminated weeks ago.',
  remediation: {
    text: 'Point the alarm at the resource that replaced the old one (fix its dimensions), or delete it; for metrics that are sparse by nature set TreatMissingData to notBreaching.',
    cli: 'aws cloudwatch describe-alarms --state-value INSUFFICIENT_DATA\naws cloudwatch delete-alarms --alarm-names <alarm>',
    cloudformation: 'TreatMissingData: notBreaching  # only for metrics that are sparse by nature',
  },
  controls: [],
  params: z.object({
    maxHours: z
      .number()
      .positive()
      .default(24)
      .describe('Longest acceptable time in INSUFFICIENT_DATA, in hours.'),
  }),
  references: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data',
  ],
  evaluate(alarm, ctx) {
    const state = alarm.observed?.StateValue;
    if (state === undefined)
      return notApplicable(
        () => `${who(alarm)} has no observed state (alarm state is known only in a live account).`,
      );
    if (state !== 'INSUFFICIENT_DATA') {
      const reason = alarm.observed?.StateReason;
      if (typeof reason === 'string' && NO_DATAPOINTS.test(reason)) {
        const vanished = gone(alarm, ctx.graph);
        if (typeof vanished === 'object')
          return error(
            `${who(alarm)} receives no datapoints (state ${String(state)}); whether the instance it watches still exists is not known: ${vanished.unread}.`,
          );
        if (vanished)
          return fail(`${who(alarm)} receives no datapoints (state ${String(state)})${vanished}.`);
        return pass(
          () => `${who(alarm)} is in state ${String(state)} without datapoints${stateReason(alarm)}.`,
        );
      }
      // Only the state is known: OK or ALARM may come from the data or from treated missing data.
      return pass(() => `${who(alarm)} is in state ${String(state)}${stateReason(alarm)}.`);
    }
    const at = alarm.observed?.StateUpdatedTimestamp;
    const since = typeof at === 'string' || at instanceof Date ? new Date(at).getTime() : NaN;
    if (!Number.isFinite(since))
      return error(`${who(alarm)} has insufficient data, but since when is not known.`);
    const hours = (ctx.now.getTime() - since) / HOUR_MS;
    if (hours <= ctx.params.maxHours) {
      return pass(
        () =>
          `${who(alarm)} has had insufficient data for ${Math.round(hours)} hours, within ${ctx.params.maxHours}.`,
      );
    }
    const vanished = gone(alarm, ctx.graph);
    return fail(
      `${who(alarm)} has had insufficient data${stateSince(alarm, ctx.now)}${typeof vanished === 'string' ? vanished : ''}.`,
    );
  },
});

/**
 * "; the instance it watches, i-…, is not in the snapshot" when instances of its account and region
 * were collected; `unread` when their listing failed there, so whether it is gone is not known.
 */
function gone(alarm: Resource, graph: GraphView): string | { readonly unread: string } {
  for (const metric of alarmMetrics(alarm)) {
    const id = dimension(metric, 'InstanceId');
    if (id === undefined || graph.get(id, INSTANCE, alarm)) continue;
    const unread = unreadReason(graph, INSTANCE, alarm.account, alarm.region);
    if (unread) return { unread };
    const collected = graph.inAccount(INSTANCE, alarm.account).find((i) => i.region === alarm.region);
    if (collected) return `; the instance it watches, ${id}, is not in the snapshot (terminated?)`;
  }
  return '';
}
