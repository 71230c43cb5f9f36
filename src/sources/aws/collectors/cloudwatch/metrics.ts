import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Collector, Json, ListCall, UnitData } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';

type Statistic = 'Average' | 'Sum' | 'Maximum';

/** One metric a rule or health check reads, with the statistic and window it expects. */
export interface MetricSpec {
  name: string;
  statistic: Statistic;
  unit: string;
  days: number;
  /** Dimensions beyond the resource's own (S3's `StorageType`), also kept on the series. */
  extra?: Record<string, string>;
}

/** Which listed items get which metrics: the collector that lists them, and how to name them. */
export interface Target {
  collector: string;
  itemsKey: string;
  type: string;
  /** The resource id the mapping gives the item (the `find` key), or undefined to skip it. */
  id: (item: Json) => string | undefined;
  namespace: (item: Json) => string | undefined;
  dimensions: (item: Json) => Array<{ Name: string; Value: string }>;
  metrics: (item: Json) => MetricSpec[];
  /** Items of a global collector carry their region (S3 buckets): metrics live in that region only. */
  region?: (item: Json) => string | undefined;
}

const DAY_SECONDS = 86_400;
export const day = (
  name: string,
  statistic: Statistic,
  unit: string,
  days = 14,
  extra?: Record<string, string>,
): MetricSpec => ({ name, statistic, unit, days, ...(extra ? { extra } : {}) });

/**
 * The metrics `src/rules`, `src/health` and `src/cost` read from `observed.Metrics`, each with the
 * statistic and look-back its reader expects (14 days unless a rule looks further: NAT gateways 32,
 * as Compute Optimizer does).
 */
const RESOURCE_TARGETS: Target[] = [
  {
    collector: 'ec2/instances',
    itemsKey: 'Reservations',
    type: 'AWS::EC2::Instance',
    id: (i) => str(i.InstanceId),
    namespace: () => 'AWS/EC2',
    dimensions: (i) => [{ Name: 'InstanceId', Value: String(i.InstanceId) }],
    metrics: (i) => [
      day('CPUUtilization', 'Average', 'Percent'),
      day('NetworkIn', 'Sum', 'Bytes'),
      day('NetworkOut', 'Sum', 'Bytes'),
      // Only burstable (T) instances earn CPU credits.
      ...(/^t\d/.test(String(i.InstanceType)) ? [day('CPUCreditBalance', 'Average', 'Count')] : []),
    ],
  },
  {
    collector: 'ec2/nat-gateways',
    itemsKey: 'NatGateways',
    type: 'AWS::EC2::NatGateway',
    id: (n) => str(n.NatGatewayId),
    namespace: () => 'AWS/NATGateway',
    dimensions: (n) => [{ Name: 'NatGatewayId', Value: String(n.NatGatewayId) }],
    metrics: () => [
      day('BytesOutToDestination', 'Sum', 'Bytes', 32),
      day('BytesInFromDestination', 'Sum', 'Bytes', 32),
      day('BytesInFromSource', 'Sum', 'Bytes', 32),
      day('BytesOutToSource', 'Sum', 'Bytes', 32),
      day('ActiveConnectionCount', 'Maximum', 'Count', 32),
    ],
  },
  {
    collector: 'elbv2/load-balancers',
    itemsKey: 'LoadBalancers',
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    id: (lb) => str(lb.LoadBalancerArn),
    namespace: (lb) =>
      lb.Type === 'application' ? 'AWS/ApplicationELB' : lb.Type === 'network' ? 'AWS/NetworkELB' : undefined,
    // The dimension is the ARN's suffix: `app/<name>/<id>` or `net/<name>/<id>`.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
    dimensions: (lb) => [
      { Name: 'LoadBalancer', Value: String(lb.LoadBalancerArn).replace(/^.*?:loadbalancer\//, '') },
    ],
    metrics: (lb) => [day(lb.Type === 'network' ? 'NewFlowCount' : 'RequestCount', 'Sum', 'Count')],
  },
  {
    collector: 'elb/load-balancers',
    itemsKey: 'LoadBalancerDescriptions',
    type: 'AWS::ElasticLoadBalancing::LoadBalancer',
    id: (lb) => str(lb.LoadBalancerName),
    namespace: () => 'AWS/ELB',
    // Classic Load Balancers publish in AWS/ELB by `LoadBalancerName`; RequestCount's useful statistic is Sum.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-cloudwatch-metrics.html
    dimensions: (lb) => [{ Name: 'LoadBalancerName', Value: String(lb.LoadBalancerName) }],
    metrics: () => [day('RequestCount', 'Sum', 'Count')],
  },
  {
    collector: 'rds/db-instances',
    itemsKey: 'DBInstances',
    type: 'AWS::RDS::DBInstance',
    id: (db) => str(db.DBInstanceIdentifier),
    namespace: () => 'AWS/RDS',
    dimensions: (db) => [{ Name: 'DBInstanceIdentifier', Value: String(db.DBInstanceIdentifier) }],
    metrics: () => [
      day('CPUUtilization', 'Average', 'Percent'),
      // Maximum: one connection on any day means the database is used.
      day('DatabaseConnections', 'Maximum', 'Count'),
    ],
  },
  {
    collector: 'dynamodb/tables',
    itemsKey: 'TableNames',
    type: 'AWS::DynamoDB::Table',
    id: (t) => str(t.TableName),
    namespace: () => 'AWS/DynamoDB',
    dimensions: (t) => [{ Name: 'TableName', Value: String(t.TableName) }],
    // `ThrottledRequests` also needs the `Operation` dimension; the per-table throttle events do not.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
    metrics: () => [
      day('ConsumedReadCapacityUnits', 'Sum', 'Count'),
      day('ConsumedWriteCapacityUnits', 'Sum', 'Count'),
      day('ProvisionedReadCapacityUnits', 'Average', 'Count'),
      day('ProvisionedWriteCapacityUnits', 'Average', 'Count'),
      day('ReadThrottleEvents', 'Sum', 'Count'),
      day('WriteThrottleEvents', 'Sum', 'Count'),
    ],
  },
  {
    collector: 'lambda/functions',
    itemsKey: 'Functions',
    type: 'AWS::Lambda::Function',
    id: (f) => str(f.FunctionName),
    namespace: () => 'AWS/Lambda',
    dimensions: (f) => [{ Name: 'FunctionName', Value: String(f.FunctionName) }],
    metrics: () => [
      day('Invocations', 'Sum', 'Count'),
      day('Errors', 'Sum', 'Count'),
      day('Throttles', 'Sum', 'Count'),
    ],
  },
];

/** GetMetricData takes at most 500 queries per call. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html */
export const MAX_QUERIES_PER_CALL = 500;

const GET_METRIC_DATA: ListCall = {
  command: GetMetricDataCommand,
  action: 'cloudwatch:GetMetricData',
  items: ['MetricDataResults'],
  paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
};

/** Items that are not live resources any more. */
function gone(item: Json): boolean {
  const state = isJson(item.State) ? item.State.Name : item.State;
  return state === 'terminated' || state === 'deleted' || state === 'deleting';
}

/** The listed items of a target, EC2 instances unwrapped from their reservations. */
function itemsOf(data: UnitData | undefined, target: Target): Json[] {
  const items = data?.items[target.itemsKey] ?? [];
  if (target.itemsKey !== 'Reservations') return items;
  return items.flatMap((r) => (Array.isArray(r.Instances) ? r.Instances.filter(isJson) : []));
}

/**
 * One value per day of the window, oldest first. CloudWatch sends no datapoint for a period with
 * nothing to count, so a missing day of a `Sum` is 0; for other statistics a missing day has no
 * value, and the series keeps the run of days with data that ends on the newest day.
 */
export function dailySeries(
  timestamps: readonly unknown[],
  values: readonly unknown[],
  start: Date,
  days: number,
  statistic: Statistic,
): number[] {
  const grid: Array<number | undefined> = Array.from({ length: days }, () => undefined);
  timestamps.forEach((t, i) => {
    const at = typeof t === 'string' || t instanceof Date ? new Date(t).getTime() : Number.NaN;
    const index = Math.round((at - start.getTime()) / (DAY_SECONDS * 1000));
    const value = values[i];
    if (index >= 0 && index < days && typeof value === 'number') grid[index] = value;
  });
  if (statistic === 'Sum') return grid.map((v) => v ?? 0);
  const out: number[] = [];
  for (let i = days - 1; i >= 0 && grid[i] !== undefined; i--) out.unshift(grid[i]!);
  return out;
}

/**
 * `cloudwatch get-metric-data`, batched 500 queries to a call, for the resources the targets'
 * collectors listed in the same account and region (`cloudwatch/metrics`: instances, NAT gateways,
 * load balancers, RDS, DynamoDB and Lambda; `cloudwatch/bucket-metrics`: S3 buckets); daily series attached as `observed.Metrics.<MetricName> = { Namespace, Statistic, Unit,
 * PeriodSeconds, Values }` (docs/architecture.md). Windows end at the collection time, rounded down
 * to the hour (CloudWatch wants whole hours for data older than 15 days).
 */
export function metricsCollector(id: string, targets: readonly Target[]): Collector {
  return {
    id,
    service: 'cloudwatch',
    resourceTypes: [...new Set(targets.map((t) => t.type))],
    dependsOn: targets.map((t) => t.collector),
    list: [],
    extra: [GET_METRIC_DATA],
    // A failed GetMetricData leaves the metrics unknown, not the resources unlisted.
    customGaps: [...new Set(targets.map((t) => t.type))].map((resourceType) => ({
      resourceType,
      path: 'observed.Metrics',
    })),
    custom: async (api, data) => {
      const end = new Date(Math.floor(api.now().getTime() / 3_600_000) * 3_600_000);
      const queries: Json[] = [];
      for (const target of targets) {
        for (const item of itemsOf(api.upstream(target.collector), target)) {
          const id = target.id(item);
          const namespace = target.namespace(item);
          if (!id || !namespace || gone(item)) continue;
          if (target.region && target.region(item) !== api.ctx.region) continue;
          for (const spec of target.metrics(item)) {
            const extra = Object.entries(spec.extra ?? {}).map(([Name, Value]) => ({ Name, Value }));
            queries.push({
              Id: `m${queries.length}`,
              Type: target.type,
              ResourceId: id,
              Namespace: namespace,
              MetricName: spec.name,
              Dimensions: [...target.dimensions(item), ...extra],
              ...(spec.extra ? { SeriesDimensions: spec.extra } : {}),
              Statistic: spec.statistic,
              Unit: spec.unit,
              Days: spec.days,
              StartTime: new Date(end.getTime() - spec.days * DAY_SECONDS * 1000).toISOString(),
            });
          }
        }
      }
      data.items.MetricQueries = queries;
      data.items.MetricDataResults = [];
      // One window per call: queries of the same length share a StartTime.
      const byWindow = new Map<number, Json[]>();
      for (const q of queries) {
        const group = byWindow.get(Number(q.Days));
        if (group) group.push(q);
        else byWindow.set(Number(q.Days), [q]);
      }
      for (const [days, group] of byWindow) {
        for (let i = 0; i < group.length; i += MAX_QUERIES_PER_CALL) {
          const batch = group.slice(i, i + MAX_QUERIES_PER_CALL);
          const out = await api.list(GET_METRIC_DATA, {
            StartTime: new Date(end.getTime() - days * DAY_SECONDS * 1000),
            EndTime: end,
            ScanBy: 'TimestampAscending',
            MetricDataQueries: batch.map((q) => ({
              Id: q.Id,
              MetricStat: {
                Metric: { Namespace: q.Namespace, MetricName: q.MetricName, Dimensions: q.Dimensions },
                Period: DAY_SECONDS,
                Stat: q.Statistic,
              },
              ReturnData: true,
            })),
          });
          data.items.MetricDataResults.push(...(out.MetricDataResults ?? []));
        }
      }
      // A query CloudWatch could not answer is recorded, never read as "no traffic".
      const failed = data.items.MetricDataResults.filter(
        (r) => r.StatusCode !== 'Complete' && r.StatusCode !== 'PartialData',
      );
      const queryById = new Map(queries.map((q) => [q.Id, q]));
      for (const result of failed) {
        const q = queryById.get(result.Id);
        if (!q) continue;
        api.gap({
          kind: result.StatusCode === 'Forbidden' ? 'access-denied' : 'api-error',
          message: `${String(q.MetricName)} of ${String(q.Type)} ${String(q.ResourceId)} not read: GetMetricData answered ${String(result.StatusCode)}`,
          resourceType: String(q.Type),
          resourceId: String(q.ResourceId),
          path: `observed.Metrics.${String(q.MetricName)}`,
        });
      }
    },
    mapping: { kind: 'resources', map: () => [] },
    enrich: (data, _ctx, find) => {
      // Pages of one query's results (StatusCode PartialData) continue each other, oldest first.
      const results = new Map<string, { timestamps: unknown[]; values: unknown[]; ok: boolean }>();
      for (const r of data.items.MetricDataResults ?? []) {
        const id = String(r.Id);
        const acc = results.get(id) ?? { timestamps: [], values: [], ok: true };
        acc.timestamps.push(...(Array.isArray(r.Timestamps) ? r.Timestamps : []));
        acc.values.push(...(Array.isArray(r.Values) ? r.Values : []));
        if (r.StatusCode !== 'Complete' && r.StatusCode !== 'PartialData') acc.ok = false;
        results.set(id, acc);
      }
      for (const q of data.items.MetricQueries ?? []) {
        const result = results.get(String(q.Id));
        const resource = find(String(q.Type), String(q.ResourceId));
        if (!result?.ok || !resource) continue;
        const statistic = q.Statistic as Statistic;
        const values = dailySeries(
          result.timestamps,
          result.values,
          new Date(String(q.StartTime)),
          Number(q.Days),
          statistic,
        );
        if (values.length === 0) continue;
        const observed = (resource.observed ??= {});
        const series = isJson(observed.Metrics) ? observed.Metrics : (observed.Metrics = {});
        series[String(q.MetricName)] = {
          Namespace: q.Namespace,
          Statistic: statistic,
          Unit: q.Unit,
          PeriodSeconds: DAY_SECONDS,
          ...(isJson(q.SeriesDimensions) ? { Dimensions: q.SeriesDimensions } : {}),
          Values: values,
        };
      }
    },
  };
}

export const metrics = metricsCollector('cloudwatch/metrics', RESOURCE_TARGETS);
