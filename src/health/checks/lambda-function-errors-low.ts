import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../../rules/rule.js';
import { isMalformed, lastDays, metric, metricsNotRead } from '../../rules/ec2/observed.js';

/**
 * Healthy: on no day of the look-back (7 days) did more than 10 % of the function's invocations end
 * in an error: Trusted Advisor's "AWS Lambda Functions with High Error Rates" criterion, over the
 * daily `Errors` and `Invocations` sums in `observed.Metrics`.
 * https://docs.aws.amazon.com/awssupport/latest/user/fault-tolerance-checks.html
 */
export default defineRule({
  id: 'lambda-function-errors-low',
  title: 'Lambda function invocations rarely end in an error',
  category: 'health',
  severity: 'medium',
  resourceTypes: ['AWS::Lambda::Function'],
  rationale:
    'A function that fails on a tenth of its invocations loses events (asynchronous invocations are retried twice, then dropped or sent to a destination) and surfaces as errors to its callers. The morning round should see it before users report it.',
  remediation: {
    text: 'Read the function’s recent errors in CloudWatch Logs (or the Lambda console’s Monitor tab), fix the cause, and add an alarm on Errors so the next spike is noticed the same day.',
    cli: 'aws logs tail /aws/lambda/<function> --since 1d --filter-pattern ERROR',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
    'https://docs.aws.amazon.com/awssupport/latest/user/fault-tolerance-checks.html',
  ],
  params: z.object({
    maxErrorPercent: z
      .number()
      .min(0)
      .max(100)
      .default(10)
      .describe('Daily error rate (%) above which a day is unhealthy.'),
    lookbackDays: z.number().int().positive().default(7).describe('Days of metrics to look at.'),
  }),
  evaluate(fn, ctx) {
    const who = `Lambda function ${label(fn)}`;
    const errors = metric(fn, 'Errors');
    const invocations = metric(fn, 'Invocations');
    if (errors === undefined || invocations === undefined) {
      const notRead = metricsNotRead(fn, ctx.graph);
      if (notRead) return error(`${who}: ${notRead}.`);
      return notApplicable(
        `${who} has no observed Errors/Invocations metrics (known only in a live account).`,
      );
    }
    if (isMalformed(errors)) return error(`${who}: ${errors.malformed}.`);
    if (isMalformed(invocations)) return error(`${who}: ${invocations.malformed}.`);
    const { maxErrorPercent: max, lookbackDays } = ctx.params;
    const e = lastDays(errors, lookbackDays);
    const n = lastDays(invocations, lookbackDays);
    const days = Math.min(e.length, n.length);
    let worst = 0;
    let worstAgo = 0;
    let totalErrors = 0;
    for (let i = 1; i <= days; i++) {
      const err = e[e.length - i] as number;
      const inv = n[n.length - i] as number;
      totalErrors += err;
      const rate = inv > 0 ? (err / inv) * 100 : 0;
      if (rate > worst) {
        worst = rate;
        worstAgo = i - 1;
      }
    }
    const when = worstAgo === 0 ? 'in the last day' : `${worstAgo} day(s) before the last`;
    if (worst > max) {
      return fail(
        `${who}: ${worst.toFixed(1)} % of invocations failed ${when} (over ${max} %); ${totalErrors} errors in ${days} days.`,
      );
    }
    return pass(
      `${who}: at most ${worst.toFixed(1)} % of invocations failed on any of the last ${days} days.`,
    );
  },
});
