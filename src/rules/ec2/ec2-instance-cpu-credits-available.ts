import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { launchTemplateOf } from './launch-template.js';
import { isMalformed, lastDays, metric, metricsNotRead } from './observed.js';

/** Burstable families: T2, T3, T3a, T4g (and later T generations). */
const BURSTABLE = /^t\d[a-z]*\./;

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: a burstable instance in standard credit mode still has CPU credits: its daily minimum
 * `CPUCreditBalance` has not stayed below `minCredits` for the last `exhaustedDays` days. Other
 * instance types, instances in unlimited mode (they are never throttled), instances not running
 * and instances without the metric in the snapshot are not applicable.
 */
export default defineRule({
  id: 'ec2-instance-cpu-credits-available',
  title: 'Burstable instance in standard mode has CPU credits left',
  category: 'health',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Instance'],
  rationale:
    'T-family instances earn CPU credits while below their baseline and spend them to burst. In standard mode, once the balance reaches zero the instance is held at its baseline (a t2.medium, for instance, gets 20 % of each of its two vCPUs), so a workload that has outgrown it slows down with no error anywhere: requests time out, batch jobs overrun. Burstable performance itself cannot be tuned; the fix is unlimited mode (pay for surplus credits at peaks) or a larger or fixed-performance type.',
  remediation: {
    text: 'Switch the instance to unlimited credit mode to absorb the spikes, or move the workload to a larger or non-burstable instance type if it runs above baseline most of the time.',
    cli: 'aws ec2 modify-instance-credit-specification --instance-credit-specification "InstanceId=<instance-id>,CpuCredits=unlimited"',
    cloudformation: 'CreditSpecification:\n  CPUCredits: unlimited',
    terraform:
      'resource "aws_instance" "this" {\n  credit_specification {\n    cpu_credits = "unlimited"\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-monitoring-cpu-credits.html',
  ],
  params: z.object({
    minCredits: z
      .number()
      .min(0)
      .default(1)
      .describe('A daily minimum CPUCreditBalance below this counts as exhausted.'),
    exhaustedDays: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe('Consecutive latest days of exhausted credits that fail the instance.'),
  }),
  evaluate(instance, ctx) {
    const type = instance.props.InstanceType;
    if (isUnresolved(type)) return error(`${who(instance)}: ${describeUnresolved('InstanceType', type)}.`);
    const lt = launchTemplateOf(instance.props.LaunchTemplate, 'LaunchTemplate', ctx.graph, instance);
    const ltData = 'data' in lt ? lt.data : undefined;
    const instanceType = typeof type === 'string' ? type : ltData?.InstanceType;
    if (typeof instanceType !== 'string')
      return notApplicable(() => `${who(instance)} has no known instance type.`);
    if (!BURSTABLE.test(instanceType))
      return notApplicable(() => `${who(instance)} (${instanceType}) is not a burstable type.`);
    const state = instance.observed?.State;
    if (typeof state === 'string' && state !== 'running')
      return notApplicable(() => `${who(instance)} is ${state}.`);
    const spec = instance.props.CreditSpecification as Record<string, unknown> | undefined;
    const ltSpec = ltData?.CreditSpecification as Record<string, unknown> | undefined;
    const mode = spec?.CPUCredits ?? ltSpec?.CpuCredits ?? instance.observed?.CpuCredits;
    if (isUnresolved(mode))
      return error(`${who(instance)}: ${describeUnresolved('CreditSpecification.CPUCredits', mode)}.`);
    // Defaults: T2 launches in standard mode, later T families in unlimited mode.
    const credits =
      typeof mode === 'string' ? mode : instanceType.startsWith('t2.') ? 'standard' : 'unlimited';
    if (credits === 'unlimited')
      return notApplicable(
        () => `${who(instance)} (${instanceType}) is in unlimited mode and is never held to its baseline.`,
      );
    const balance = metric(instance, 'CPUCreditBalance');
    if (balance === undefined) {
      const notRead = metricsNotRead(instance, ctx.graph);
      if (notRead) return error(`${who(instance)}: ${notRead}.`);
      return notApplicable(() => `${who(instance)} has no CPUCreditBalance metric in the snapshot.`);
    }
    if (isMalformed(balance)) return error(`${who(instance)}: ${balance.malformed}.`);
    const values = lastDays(balance, 400);
    if (values.length === 0) return notApplicable(() => `${who(instance)} has no CPUCreditBalance values.`);
    let exhausted = 0;
    for (let i = values.length - 1; i >= 0 && (values[i] as number) < ctx.params.minCredits; i--) exhausted++;
    const latest = values[values.length - 1] as number;
    if (exhausted >= ctx.params.exhaustedDays) {
      return fail(
        `${who(instance)} (${instanceType}, standard mode) has had no CPU credits for the last ${exhausted} day${exhausted === 1 ? '' : 's'} (CPUCreditBalance ${latest}): it runs throttled at its baseline.`,
      );
    }
    return pass(() => `${who(instance)} (${instanceType}, standard mode) has ${latest} CPU credits.`);
  },
});
