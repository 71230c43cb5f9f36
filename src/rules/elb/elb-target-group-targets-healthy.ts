import type { Resource } from '../../model/index.js';
import { defineRule, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import {
  forwardTargets,
  LISTENER,
  LISTENER_RULE,
  TARGET_GROUP,
  targetHealth,
  type TargetHealth,
} from './load-balancer.js';

/** States in which a target fails its health checks (draining ones included: they left for that reason or are leaving). */
const UNHEALTHY = new Set(['unhealthy', 'unhealthy.draining']);

/** Is the target group behind a load balancer (observed, or a listener or rule forwards to it)? */
function inUse(tg: Resource, graph: GraphView): boolean {
  const arns = tg.observed?.LoadBalancerArns;
  if (Array.isArray(arns) && arns.length > 0) return true;
  return graph
    .referencing(tg)
    .some(
      (r) =>
        (r.type === LISTENER && forwardTargets(r.props.DefaultActions).includes(tg.id)) ||
        (r.type === LISTENER_RULE && forwardTargets(r.props.Actions).includes(tg.id)),
    );
}

function describeTarget(t: TargetHealth): string {
  const where = t.port === undefined ? t.id : `${t.id}:${t.port}`;
  const why = [t.reason, t.description].filter(Boolean).join(': ');
  return `${where} ${t.state}${why ? ` (${why})` : ''}`;
}

/**
 * Compliant: every target registered in the target group passes its health checks, and a target
 * group a load balancer forwards to has at least one target. Target health is a run-time fact:
 * groups without observed health (templates) are not applicable.
 */
export default defineRule({
  id: 'elb-target-group-targets-healthy',
  title: 'Target group targets are healthy',
  category: 'health',
  severity: 'high',
  resourceTypes: [TARGET_GROUP],
  rationale:
    'The load balancer stops sending requests to a target that fails its health checks, so the remaining targets carry its share: capacity is lower than the dashboard says, and one more failure can take the service down. An unhealthy target that stays registered usually means the application is broken on it, the health check path or matcher is wrong, a security group blocks the check, or the Auto Scaling group is not replacing it (ReplaceUnhealthy suspended, or EC2 health checks only). A group with no targets at all answers every request with 503.',
  remediation: {
    text: 'Read the reason code of each unhealthy target (Target.ResponseCodeMismatch, Target.Timeout, Target.FailedHealthChecks) and fix the application, the health check settings or the security group; make sure the Auto Scaling group uses ELB health checks and has ReplaceUnhealthy running.',
    cli: 'aws elbv2 describe-target-health --target-group-arn <tg-arn>\naws autoscaling resume-processes --auto-scaling-group-name <asg-name> --scaling-processes ReplaceUnhealthy',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html',
  ],
  evaluate(tg, ctx) {
    const who = `Target group ${label(tg)}`;
    const health = targetHealth(tg);
    if (health === undefined) return notApplicable(() => `${who} has no observed target health.`);
    if (health.length === 0) {
      return inUse(tg, ctx.graph)
        ? fail(`${who} has no registered targets although a load balancer forwards to it: requests get 503.`)
        : notApplicable(() => `${who} has no targets and no load balancer forwards to it.`);
    }
    const bad = health.filter((t) => UNHEALTHY.has(t.state));
    if (bad.length > 0) {
      return fail(
        `${who} has ${bad.length} of ${health.length} targets unhealthy: ${bad.map(describeTarget).join('; ')}.`,
      );
    }
    const healthy = health.filter((t) => t.state === 'healthy').length;
    const others = health.filter((t) => t.state !== 'healthy');
    const note = others.length > 0 ? `; ${others.map(describeTarget).join('; ')}` : '';
    return pass(() => `${who} has ${healthy} of ${health.length} targets healthy${note}.`);
  },
});
