import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { daysBetween, parseTime } from './observed.js';

/** `User initiated (2024-01-15 10:20:30 GMT)`: the time EC2 records in StateTransitionReason. */
const TRANSITION_TIME = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/;

function stoppedSince(observed: Record<string, unknown>): Date | undefined {
  const explicit = parseTime(observed.StoppedAt ?? observed.StateTransitionTime);
  if (explicit) return explicit;
  const reason = observed.StateTransitionReason;
  const m = typeof reason === 'string' ? TRANSITION_TIME.exec(reason) : null;
  return m ? parseTime(`${m[1]}T${m[2]}Z`) : undefined;
}

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: the instance is not stopped, or has been stopped for no more than `maxStoppedDays`
 * (30 by default, as in Security Hub EC2.4). Only live data says whether and since when an
 * instance is stopped; templates are not applicable.
 */
export default defineRule({
  id: 'ec2-instance-not-stopped-long',
  title: 'EC2 instance has not been stopped for long',
  category: 'cost',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Instance'],
  rationale:
    'A stopped instance costs nothing for compute, but its EBS volumes, Elastic IPs and snapshots are still billed, and it misses every patch while it is off: started again months later, it comes back outdated and possibly vulnerable, with credentials and configuration nobody has looked at. An instance nobody has needed for a month is usually one nobody will: snapshot it if in doubt and terminate it.',
  remediation: {
    text: 'Terminate the instance (after an AMI or snapshot if its data may be needed), or start it and keep it patched if it is still in use.',
    cli: 'aws ec2 create-image --instance-id <instance-id> --name <backup-name>\naws ec2 terminate-instances --instance-ids <instance-id>',
  },
  controls: ['aws-fsbp:EC2.4'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-4',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Stop_Start.html',
  ],
  params: z.object({
    maxStoppedDays: z
      .number()
      .int()
      .positive()
      .default(30)
      .describe('Longest an instance may stay stopped, in days.'),
  }),
  evaluate(instance, ctx) {
    const observed = instance.observed;
    const state = observed?.State;
    if (!observed || typeof state !== 'string') {
      return notApplicable(
        () => `${who(instance)} has no observed state (a template cannot say whether it is stopped).`,
      );
    }
    if (state === 'terminated' || state === 'shutting-down')
      return notApplicable(() => `${who(instance)} is ${state}.`);
    if (state !== 'stopped' && state !== 'stopping') return pass(() => `${who(instance)} is ${state}.`);
    const since = stoppedSince(observed);
    const limit = ctx.params.maxStoppedDays;
    if (!since) {
      // It cannot have been stopped for longer than it has existed.
      const launched = parseTime(observed.LaunchTime);
      if (launched && daysBetween(launched, ctx.now) <= limit) {
        return pass(
          () =>
            `${who(instance)} is stopped; it was launched ${daysBetween(launched, ctx.now)} days ago (limit ${limit}).`,
        );
      }
      return error(`${who(instance)} is stopped, but the time it stopped is not recorded.`);
    }
    const days = daysBetween(since, ctx.now);
    if (days > limit)
      return fail(
        `${who(instance)} has been stopped for ${days} days (since ${since.toISOString().slice(0, 10)}; limit ${limit}).`,
      );
    return pass(() => `${who(instance)} has been stopped for ${days} days (limit ${limit}).`);
  },
});
