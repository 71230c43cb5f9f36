import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { ALARM, COMPOSITE_ALARM, stateReason, stateSince } from './alarms.js';

/** How reasons name the alarm: `CloudWatch alarm <id>`. */
function who(alarm: Resource): string {
  return `CloudWatch alarm ${label(alarm)}`;
}

/**
 * Compliant: the alarm is not in the ALARM state (observed `StateValue` OK). INSUFFICIENT_DATA is
 * the question of cloudwatch-alarm-has-data; templates have no state.
 */
export default defineRule({
  id: 'cloudwatch-alarm-ok',
  title: 'CloudWatch alarm is not in ALARM state',
  category: 'health',
  severity: 'high',
  resourceTypes: [ALARM, COMPOSITE_ALARM],
  rationale:
    'An alarm in ALARM is the monitoring telling you something is wrong now: unhealthy targets, throttled reads, 5xx errors, a spend threshold crossed. The morning round starts with them; one that has been in ALARM for weeks is either an ignored incident or a threshold nobody believes, and both hide the next real alarm.',
  remediation: {
    text: 'Investigate the alarm’s metric and state reason and fix the cause; if the threshold is wrong, change it rather than leaving the alarm red.',
    cli: 'aws cloudwatch describe-alarms --state-value ALARM\naws cloudwatch describe-alarm-history --alarm-name <alarm> --history-item-type StateUpdate',
  },
  controls: [],
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html'],
  evaluate(alarm, ctx) {
    const state = alarm.observed?.StateValue;
    if (state === undefined)
      return notApplicable(
        () => `${who(alarm)} has no observed state (alarm state is known only in a live account).`,
      );
    if (state === 'ALARM')
      return fail(`${who(alarm)} is in ALARM${stateSince(alarm, ctx.now)}${stateReason(alarm)}.`);
    if (state === 'OK') return pass(() => `${who(alarm)} is OK${stateSince(alarm, ctx.now)}.`);
    if (state === 'INSUFFICIENT_DATA') {
      return notApplicable(
        () =>
          `${who(alarm)} has insufficient data${stateSince(alarm, ctx.now)} (see cloudwatch-alarm-has-data).`,
      );
    }
    return error(`${who(alarm)} has an unknown state ${JSON.stringify(state)}.`);
  },
});
