import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { HOURS_PER_MONTH, isMalformed, lastDays, metric, metricsNotRead, money } from '../ec2/observed.js';
import { LOAD_BALANCER_HOUR } from '../ec2/prices.js';
import {
  CLASSIC,
  declaredTargets,
  describeLoadBalancer,
  LOAD_BALANCER,
  loadBalancerType,
  targetGroupsOf,
  targetHealth,
  type LoadBalancerType,
} from './load-balancer.js';

/** Per-day request metric by type: requests for HTTP load balancers, new flows for network ones. */
const REQUEST_METRIC: Record<string, string> = {
  application: 'RequestCount',
  classic: 'RequestCount',
  network: 'NewFlowCount',
};

/** Registered and healthy targets behind a load balancer, when the snapshot says. */
function backends(
  lb: Resource,
  graph: Parameters<typeof targetGroupsOf>[1],
): { registered?: number; healthy?: number } {
  if (lb.type === CLASSIC) {
    const instances = lb.props.Instances;
    const health = lb.observed?.InstanceStates;
    const registered = Array.isArray(instances)
      ? instances.length
      : Array.isArray(health)
        ? health.length
        : undefined;
    const healthy = Array.isArray(health)
      ? (health as Array<{ State?: unknown } | null>).filter((s) => s?.State === 'InService').length
      : undefined;
    return {
      ...(registered !== undefined ? { registered } : {}),
      ...(healthy !== undefined ? { healthy } : {}),
    };
  }
  const groups = targetGroupsOf(lb, graph);
  if (groups.length === 0)
    return graph.byType('AWS::ElasticLoadBalancingV2::Listener').length > 0 ? { registered: 0 } : {};
  let registered = 0;
  let healthy = 0;
  let known = true;
  for (const tg of groups) {
    const health = targetHealth(tg);
    if (health) {
      registered += health.length;
      healthy += health.filter((t) => t.state === 'healthy').length;
      continue;
    }
    const declared = declaredTargets(tg);
    if (declared === undefined) known = false;
    else registered += declared;
  }
  return known ? { registered, ...(groups.every((tg) => targetHealth(tg)) ? { healthy } : {}) } : {};
}

/** How reasons name the load balancer: `Application load balancer <id>`. */
function who(lb: Resource, type: LoadBalancerType): string {
  return describeLoadBalancer(lb, type, label(lb));
}

/**
 * Compliant: the load balancer is not idle by Trusted Advisor's "Idle Load Balancers" check: it
 * has registered targets, some of them healthy, and it served at least `minRequestsPerDay` (100)
 * requests on some day of the last `lookbackDays` (7). Gateway Load Balancers, and load balancers
 * with targets but no request metric in the snapshot (templates), are not applicable.
 */
export default defineRule({
  id: 'elb-load-balancer-not-idle',
  title: 'Load balancer is not idle',
  category: 'cost',
  severity: 'low',
  resourceTypes: [LOAD_BALANCER, CLASSIC],
  rationale:
    'A load balancer is billed for every hour it exists, plus capacity units, whether or not it serves anything. Load balancers of retired environments keep running with no targets or a handful of health-check-like requests a day; Trusted Advisor calls one idle when it has no back-end targets, no healthy ones, or fewer than 100 requests a day for the last 7 days.',
  remediation: {
    text: 'Delete the load balancer (after checking DNS records and clients no longer point at it), or register the targets it should serve.',
    cli: 'aws elbv2 delete-load-balancer --load-balancer-arn <lb-arn>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html#idle-load-balancers',
    'https://aws.amazon.com/elasticloadbalancing/pricing/',
  ],
  params: z.object({
    minRequestsPerDay: z
      .number()
      .min(0)
      .default(100)
      .describe('Requests (new flows for NLB) a day below which a day is idle.'),
    lookbackDays: z.number().int().positive().default(7).describe('Days of metrics to look at.'),
    hourlyPrices: z
      .record(z.string(), z.number().min(0))
      .default(LOAD_BALANCER_HOUR)
      .describe('Price per hour by load balancer type (application, network, gateway, classic), USD.'),
  }),
  evaluate(lb, ctx) {
    const type = loadBalancerType(lb);
    if (typeof type !== 'string') return error(`Load balancer ${label(lb)}: ${type.unknown}.`);
    if (type === 'gateway') return notApplicable(() => `${who(lb, type)} serves appliances, not requests.`);
    const state = (lb.observed?.State as { Code?: unknown } | string | undefined) ?? undefined;
    const code = typeof state === 'string' ? state : state?.Code;
    if (typeof code === 'string' && code !== 'active' && code !== 'active_impaired')
      return notApplicable(() => `${who(lb, type)} is ${code}.`);
    // Only failures say what the load balancer costs.
    const cost = () => {
      const hourly = ctx.params.hourlyPrices[type];
      return hourly === undefined
        ? ''
        : ` It costs ${money(hourly * HOURS_PER_MONTH)} a month before capacity units.`;
    };
    const targets = backends(lb, ctx.graph);
    if (targets.registered === 0)
      return fail(`${who(lb, type)} is idle: it has no back-end targets.${cost()}`);
    if (targets.healthy === 0)
      return fail(`${who(lb, type)} is idle: none of its ${targets.registered} targets is healthy.${cost()}`);
    const name = REQUEST_METRIC[type] as string;
    const requests = metric(lb, name);
    if (isMalformed(requests)) return error(`${who(lb, type)}: ${requests.malformed}.`);
    if (requests === undefined) {
      const notRead = metricsNotRead(lb, ctx.graph);
      if (notRead) return error(`${who(lb, type)}: ${notRead}.`);
      // Targets alone do not show use: without the request metric the check cannot be made.
      return notApplicable(() => {
        const known =
          targets.registered === undefined ? '' : ` (it has ${targets.registered} registered targets)`;
        return `${who(lb, type)} has no ${name} metric in the snapshot${known}.`;
      });
    }
    const days = lastDays(requests, ctx.params.lookbackDays);
    if (days.length === 0) return notApplicable(() => `${who(lb, type)} has no ${name} values.`);
    const busiest = Math.max(...days);
    if (busiest < ctx.params.minRequestsPerDay) {
      return fail(
        `${who(lb, type)} is idle: at most ${Math.round(busiest)} ${name === 'RequestCount' ? 'requests' : 'new flows'} a day over the last ${days.length} days (fewer than ${ctx.params.minRequestsPerDay}).${cost()}`,
      );
    }
    return pass(
      () =>
        `${who(lb, type)} served up to ${Math.round(busiest)} ${name === 'RequestCount' ? 'requests' : 'new flows'} a day over the last ${days.length} days.`,
    );
  },
});
