import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { parseTime } from '../ec2/observed.js';

/** "User suspended at 2014-01-01T00:00:00Z": the reason AWS records for a manual suspension. */
const SUSPENDED_AT = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)/;

/** Processes whose suspension stops the group from healing or scaling. */
const CRITICAL = new Set(['Launch', 'Terminate', 'HealthCheck', 'ReplaceUnhealthy']);

interface Suspension {
  readonly process: string;
  readonly since?: Date;
}

/**
 * Compliant: none of the Auto Scaling group's processes has been suspended for longer than
 * `maxSuspendedHours` (24). Suspension is a run-time fact: groups without observed
 * `SuspendedProcesses` (templates) are not applicable.
 */
export default defineRule({
  id: 'autoscaling-group-processes-not-suspended',
  title: 'Auto Scaling group processes are not left suspended',
  category: 'health',
  severity: 'high',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  rationale:
    'Suspending Auto Scaling processes is how an instance is kept alive to debug it: suspend, investigate, then resume. Left suspended, the group silently stops doing its job: with ReplaceUnhealthy or HealthCheck suspended an unhealthy instance stays in service, with Launch or Terminate suspended the group cannot replace or scale, with AZRebalance suspended it drifts out of balance. Nothing alarms; capacity just erodes until an incident.',
  remediation: {
    text: 'Resume the suspended processes once the investigation is over; use standby or instance scale-in protection for longer holds.',
    cli: 'aws autoscaling resume-processes --auto-scaling-group-name <asg-name>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-suspend-resume-processes.html',
    'https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_SuspendedProcess.html',
  ],
  params: z.object({
    maxSuspendedHours: z
      .number()
      .min(0)
      .default(24)
      .describe('Longest a process may stay suspended, in hours.'),
  }),
  evaluate(group, ctx) {
    const who = `Auto Scaling group ${label(group)}`;
    const raw = group.observed?.SuspendedProcesses;
    if (raw === undefined) return notApplicable(() => `${who} has no observed SuspendedProcesses.`);
    if (!Array.isArray(raw)) return error(`${who} has SuspendedProcesses that is not a list.`);
    if (raw.length === 0) return pass(() => `${who} has no suspended processes.`);
    const suspensions: Suspension[] = (raw as Array<Record<string, unknown> | null>).map((s) => {
      const reason = typeof s?.SuspensionReason === 'string' ? s.SuspensionReason : '';
      const m = SUSPENDED_AT.exec(reason);
      const since = m ? parseTime(m[1]) : undefined;
      return {
        process: typeof s?.ProcessName === 'string' ? s.ProcessName : '?',
        ...(since ? { since } : {}),
      };
    });
    const limitMs = ctx.params.maxSuspendedHours * 3600 * 1000;
    const stale = suspensions.filter(
      (s) => s.since === undefined || ctx.now.getTime() - s.since.getTime() > limitMs,
    );
    const names = suspensions.map((s) => s.process).join(', ');
    if (stale.length === 0) {
      return pass(() => `${who} has ${names} suspended for less than ${ctx.params.maxSuspendedHours} hours.`);
    }
    const oldest = stale
      .map((s) => s.since)
      .filter((d): d is Date => d !== undefined)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const since = oldest
      ? ` since ${oldest.toISOString().slice(0, 10)} (${Math.floor((ctx.now.getTime() - oldest.getTime()) / 86_400_000)} days)`
      : ' since an unrecorded time';
    const critical = stale.filter((s) => CRITICAL.has(s.process)).map((s) => s.process);
    const effect =
      critical.includes('ReplaceUnhealthy') || critical.includes('HealthCheck')
        ? ': unhealthy instances are not replaced'
        : critical.length > 0
          ? ': the group cannot launch or terminate instances'
          : '';
    return fail(`${who} has had ${stale.map((s) => s.process).join(', ')} suspended${since}${effect}.`);
  },
});
