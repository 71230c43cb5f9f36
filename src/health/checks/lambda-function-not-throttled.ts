import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../../rules/rule.js';
import { isMalformed, lastDays, metric, metricsNotRead } from '../../rules/ec2/observed.js';

/**
 * Healthy: the function had no throttled invocations (`Throttles`, daily sums in
 * `observed.Metrics`) in the look-back window (1 day by default: the daily round looks at today).
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */
export default defineRule({
  id: 'lambda-function-not-throttled',
  title: 'Lambda function invocations are not throttled',
  category: 'health',
  severity: 'medium',
  resourceTypes: ['AWS::Lambda::Function'],
  rationale:
    'Lambda throttles invocations when a function reaches its reserved concurrency or the account runs out of unreserved concurrency. Synchronous callers get 429 errors; asynchronous events are retried and may age out. A throttle count above zero means capacity, not code, is failing requests.',
  remediation: {
    text: 'Raise the function’s reserved concurrency (or free unreserved concurrency in the account), or ask for a higher account concurrency quota; for queues, lower the event source’s maximum concurrency instead.',
    cli: 'aws lambda put-function-concurrency --function-name <function> --reserved-concurrent-executions <n>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
  ],
  params: z.object({
    lookbackDays: z.number().int().positive().default(1).describe('Days of Throttles to look at.'),
  }),
  evaluate(fn, ctx) {
    const who = `Lambda function ${label(fn)}`;
    const throttles = metric(fn, 'Throttles');
    if (throttles === undefined) {
      const notRead = metricsNotRead(fn, ctx.graph);
      if (notRead) return error(`${who}: ${notRead}.`);
      return notApplicable(`${who} has no observed Throttles metric (known only in a live account).`);
    }
    if (isMalformed(throttles)) return error(`${who}: ${throttles.malformed}.`);
    const days = lastDays(throttles, ctx.params.lookbackDays);
    const total = days.reduce((a, b) => a + b, 0);
    const span = days.length === 1 ? 'the last day' : `the last ${days.length} days`;
    const reserved = fn.props.ReservedConcurrentExecutions;
    const limit = typeof reserved === 'number' ? ` (reserved concurrency ${reserved})` : '';
    if (total > 0) return fail(`${who} had ${total} throttled invocations in ${span}${limit}.`);
    return pass(`${who} had no throttled invocations in ${span}.`);
  },
});
