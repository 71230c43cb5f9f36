/**
 * The health engine: what is unhealthy right now, from `observed` facts. Its checks are rule
 * objects (the ones in `checks/` plus every `health` rule of `src/rules`), so they share
 * suppressions, parameters and rendering with the rules; this module groups their failures into
 * what the morning round looks at first. Pure: findings in, grouped items out. See docs/health.md.
 */
import { SEVERITIES, type Severity } from '../rules/rule.js';

export { healthChecks } from './checks/index.js';

/** What a health item is about, in the order the report lists them. */
export const HEALTH_KINDS = [
  'alarm',
  'pipeline',
  'ecs',
  'auto scaling',
  'target group',
  'lambda',
  'dynamodb',
  'rds',
  'route 53',
  'ec2',
  'other',
] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

const KIND_BY_TYPE: Readonly<Record<string, HealthKind>> = {
  'AWS::CloudWatch::Alarm': 'alarm',
  'AWS::CodePipeline::Pipeline': 'pipeline',
  'AWS::ECS::Service': 'ecs',
  'AWS::AutoScaling::AutoScalingGroup': 'auto scaling',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'target group',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'target group',
  'AWS::Lambda::Function': 'lambda',
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::RDS::DBInstance': 'rds',
  'AWS::RDS::DBCluster': 'rds',
  'AWS::Route53::HealthCheck': 'route 53',
  'AWS::EC2::Instance': 'ec2',
};

/** The parts of a finding the health engine reads (the engine's `Finding` fits). */
export interface HealthFinding {
  ruleId: string;
  status: string;
  severity: Severity;
  title: string;
  reason: string;
  suppressed?: unknown;
  resource: { type: string; id: string; account: string; region: string; name?: string };
}

/** One thing that is unhealthy (status `fail`) or could not be checked (`error`). */
export interface HealthItem {
  kind: HealthKind;
  ruleId: string;
  status: 'fail' | 'error';
  severity: Severity;
  title: string;
  reason: string;
  resource: HealthFinding['resource'];
}

export function healthKind(resourceType: string): HealthKind {
  return KIND_BY_TYPE[resourceType] ?? 'other';
}

/**
 * Unsuppressed failures and undecided checks, most severe first, then by kind (alarms first, as
 * the round starts there), rule and resource.
 */
export function healthItems(findings: readonly HealthFinding[]): HealthItem[] {
  const items: HealthItem[] = [];
  for (const f of findings) {
    if ((f.status !== 'fail' && f.status !== 'error') || f.suppressed) continue;
    items.push({
      kind: healthKind(f.resource.type),
      ruleId: f.ruleId,
      status: f.status,
      severity: f.severity,
      title: f.title,
      reason: f.reason,
      resource: f.resource,
    });
  }
  return items.sort(
    (a, b) =>
      Number(a.status === 'error') - Number(b.status === 'error') ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      HEALTH_KINDS.indexOf(a.kind) - HEALTH_KINDS.indexOf(b.kind) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.resource.account, b.resource.account) ||
      cmp(a.resource.id, b.resource.id),
  );
}

/** Failing items per kind, every kind present (0 when none). */
export function countByKind(items: readonly HealthItem[]): Record<HealthKind, number> {
  const out = Object.fromEntries(HEALTH_KINDS.map((k) => [k, 0])) as Record<HealthKind, number>;
  for (const i of items) if (i.status === 'fail') out[i.kind]++;
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
