import { z } from 'zod';
import { asNumber, defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';

const SERVICE = 'AWS::ECS::Service';
const MINUTE_MS = 60_000;

interface Deployment {
  Status?: unknown;
  RolloutState?: unknown;
  RolloutStateReason?: unknown;
  CreatedAt?: unknown;
  FailedTasks?: unknown;
}

/**
 * Compliant: the service runs as many tasks as it wants (observed `RunningCount` equal to the
 * desired count), or its primary deployment started less than `graceMinutes` ago and is still in
 * progress. The reason of a failure names the rollout state and the latest service event.
 */
export default defineRule({
  id: 'ecs-service-running-desired-count',
  title: 'ECS service runs its desired number of tasks',
  category: 'health',
  severity: 'high',
  resourceTypes: [SERVICE],
  rationale:
    'A service below its desired count is serving with less capacity than planned, or not at all: tasks that cannot pull their image, fail health checks, run out of memory or find no capacity are stopped and restarted in a loop, and the deployment circuit breaker may have given up. The service events say why, and the morning round should show them.',
  remediation: {
    text: 'Read the service events and the stopped tasks’ reasons, fix the cause (image tag, permissions, health check, capacity), then force a new deployment or roll back to the last working task definition.',
    cli: 'aws ecs describe-services --cluster <cluster> --services <service> --query "services[0].events[:5]"\naws ecs list-tasks --cluster <cluster> --service-name <service> --desired-status STOPPED\naws ecs update-service --cluster <cluster> --service <service> --force-new-deployment',
  },
  controls: [],
  params: z.object({
    graceMinutes: z
      .number()
      .positive()
      .default(30)
      .describe('Minutes a deployment in progress may run below the desired count before it counts.'),
  }),
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html',
  ],
  evaluate(service, ctx) {
    const who = `ECS service ${label(service)}`;
    const o = service.observed;
    if (!o || o.RunningCount === undefined)
      return notApplicable(() => `${who} has no observed task counts (known only in a live account).`);
    const running = asNumber(o.RunningCount);
    const declared = prop(service.props, 'DesiredCount');
    const desired = asNumber(o.DesiredCount ?? (declared.known ? declared.value : undefined));
    if (running === undefined || desired === undefined)
      return error(`${who} has no running or desired task count.`);
    if (running >= desired) return pass(() => `${who} runs ${running} of ${desired} desired tasks.`);
    const deployments = Array.isArray(o.Deployments) ? (o.Deployments as Deployment[]) : [];
    const primary = deployments.find((d) => d.Status === 'PRIMARY');
    const created = new Date(String(primary?.CreatedAt)).getTime();
    const minutes = (ctx.now.getTime() - created) / MINUTE_MS;
    if (
      primary?.RolloutState === 'IN_PROGRESS' &&
      Number.isFinite(minutes) &&
      minutes <= ctx.params.graceMinutes
    ) {
      return pass(
        () =>
          `${who} runs ${running} of ${desired} tasks while a deployment started ${Math.round(minutes)} minutes ago rolls out.`,
      );
    }
    const details: string[] = [];
    if (typeof o.PendingCount === 'number' && o.PendingCount > 0) details.push(`${o.PendingCount} pending`);
    if (primary?.RolloutState === 'FAILED') {
      const failed = asNumber(primary.FailedTasks);
      details.push(
        `its latest deployment failed${failed ? ` (${failed} tasks failed to start)` : ''}${typeof primary.RolloutStateReason === 'string' ? `: ${primary.RolloutStateReason.replace(/\.$/, '')}` : ''}`,
      );
    }
    const events = Array.isArray(o.Events) ? (o.Events as Array<{ Message?: unknown }>) : [];
    const latest = events.find((e) => typeof e.Message === 'string');
    if (latest) details.push(`latest event: ${String(latest.Message).replace(/\.$/, '')}`);
    return fail(
      `${who} runs ${running} of ${desired} desired tasks${details.length > 0 ? `; ${details.join('; ')}` : ''}.`,
    );
  },
});
