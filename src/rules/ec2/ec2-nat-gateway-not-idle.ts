import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { unreadReason } from '../unread.js';
import {
  bytes,
  HOURS_PER_MONTH,
  isMalformed,
  lastDays,
  metric,
  money,
  type MetricSeries,
  metricsNotRead,
} from './observed.js';
import { NAT_GATEWAY_HOUR } from './prices.js';
import { routesTargeting } from './routing.js';

/** Byte counters of a NAT gateway; their sum is the traffic it handles in both directions. */
const BYTE_METRICS = [
  'BytesOutToDestination',
  'BytesInFromDestination',
  'BytesInFromSource',
  'BytesOutToSource',
];
const GONE = new Set(['deleting', 'deleted', 'failed']);

/**
 * Compliant: the NAT gateway is used: some route table routes to it, and over the lookback (32
 * days, Compute Optimizer's for NAT gateways) it handled more than `maxBytesPerDay` (1 MiB, all
 * directions) on some day. Deleted and failed gateways are not applicable; without metrics only
 * the route check applies.
 */
export default defineRule({
  id: 'ec2-nat-gateway-not-idle',
  title: 'NAT gateway carries traffic',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::NatGateway'],
  rationale:
    'A NAT gateway is billed for every hour it exists, whether or not anything uses it, on top of the data it processes. Gateways left behind by a finished project, or that no route table points at any more, cost tens of dollars a month each and are easy to miss because nothing breaks. Compute Optimizer looks at 32 days of NAT gateway metrics to call one idle.',
  remediation: {
    text: 'Delete the NAT gateway (and release its Elastic IP) if no private subnet needs internet access through it; otherwise point the private route tables at it.',
    cli: 'aws ec2 delete-nat-gateway --nat-gateway-id <nat-id>\naws ec2 release-address --allocation-id <eipalloc-id>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway-cloudwatch.html',
    'https://docs.aws.amazon.com/compute-optimizer/latest/ug/idle-recommendations.html',
    'https://aws.amazon.com/vpc/pricing/',
  ],
  params: z.object({
    lookbackDays: z.number().int().positive().default(32).describe('Days of metrics to look at.'),
    maxBytesPerDay: z
      .number()
      .min(0)
      .default(1024 * 1024)
      .describe('Daily bytes (all directions) at or below which a day counts as idle.'),
    hourlyPrice: z
      .number()
      .min(0)
      .default(NAT_GATEWAY_HOUR)
      .describe('Price of a NAT gateway per hour (USD).'),
  }),
  evaluate(nat, ctx) {
    const who = `NAT gateway ${label(nat)}`;
    const state = nat.observed?.State;
    if (typeof state === 'string' && GONE.has(state)) return notApplicable(() => `${who} is ${state}.`);
    const cost = `${money(ctx.params.hourlyPrice * HOURS_PER_MONTH)} a month before data processing`;
    const routes = routesTargeting(nat.id, ctx.graph).filter((u) => u.route.NatGatewayId === nat.id);
    // Route tables that were never listed may route to it: then only its traffic can tell.
    const tablesUnread =
      routes.length === 0
        ? unreadReason(ctx.graph, 'AWS::EC2::RouteTable', nat.account, nat.region)
        : undefined;
    if (routes.length === 0 && !tablesUnread && ctx.graph.byType('AWS::EC2::RouteTable').length > 0) {
      return fail(`${who} is the target of no route, so nothing can use it; it costs ${cost}.`);
    }
    const series: MetricSeries[] = [];
    for (const name of BYTE_METRICS) {
      const m = metric(nat, name);
      if (isMalformed(m)) return error(`${who}: ${m.malformed}.`);
      if (m) series.push(m);
    }
    const connections = metric(nat, 'ActiveConnectionCount');
    if (isMalformed(connections)) return error(`${who}: ${connections.malformed}.`);
    if (series.length === 0) {
      if (tablesUnread)
        return error(
          `${who} has no traffic metrics, and whether a route sends traffic to it is not known: ${tablesUnread}.`,
        );
      const notRead = metricsNotRead(nat, ctx.graph);
      if (notRead) return error(`${who}: ${notRead}.`);
      if (routes.length === 0)
        return notApplicable(() => `${who} has no metrics and no route tables are in the snapshot.`);
      return notApplicable(
        () => `${who} is routed to by ${routes.length} route(s) but has no traffic metrics in the snapshot.`,
      );
    }
    const p = ctx.params;
    const daily = series.map((s) => lastDays(s, p.lookbackDays));
    const days = Math.min(...daily.map((d) => d.length));
    let busiest = 0;
    let total = 0;
    for (let i = 1; i <= days; i++) {
      let day = 0;
      for (const d of daily) day += d[d.length - i] as number;
      busiest = Math.max(busiest, day);
      total += day;
    }
    // Bytes decide: a keep-alive connection or a health probe moves almost nothing, real use moves data.
    const peakConnections = connections ? Math.max(0, ...lastDays(connections, p.lookbackDays)) : undefined;
    const traffic = `at most ${bytes(busiest)} a day (${bytes(total)} in ${days} days)`;
    const seen =
      peakConnections === undefined
        ? ''
        : `, at most ${Math.round(peakConnections)} active connection${Math.round(peakConnections) === 1 ? '' : 's'}`;
    if (busiest <= p.maxBytesPerDay) {
      return fail(`${who} is idle: ${traffic}${seen}. It costs ${cost}.`);
    }
    return pass(() => `${who} carries traffic: up to ${bytes(busiest)} a day over the last ${days} days.`);
  },
});
