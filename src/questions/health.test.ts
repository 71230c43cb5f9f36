import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../model/index.js';
import { healthJsonSchema, renderHealthJson, renderHealthText } from '../report/daily/health.js';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { health, healthEngine } from './health.js';

const NO_CONFIG = { suppressions: [], params: {} };

describe('health on the demo organisation', () => {
  const answer = health(buildDemoOrganisation(), NO_CONFIG);
  const failing = (ruleId: string) => answer.items.filter((i) => i.ruleId === ruleId && i.status === 'fail');

  it('lists alarms in ALARM and INSUFFICIENT_DATA and alarms with no action, alarms first', () => {
    expect(failing('cloudwatch-alarm-ok').map((i) => i.resource.name ?? i.resource.id)).toEqual(
      expect.arrayContaining(['prod-api-unhealthy-hosts', 'social-feed-read-throttles']),
    );
    expect(failing('cloudwatch-alarm-has-data').map((i) => i.resource.name ?? i.resource.id)).toContain(
      'legacy-worker-status-check',
    );
    expect(answer.rules).toContain('cloudwatch-alarm-actions-configured');
    expect(answer.byKind.alarm).toBeGreaterThanOrEqual(3);
  });

  it('lists unhealthy Auto Scaling instances and targets, and ECS services below desired count', () => {
    expect(failing('autoscaling-group-instances-healthy')[0]!.reason).toMatch(
      /prod-api-asg has 1 of 2 instances unhealthy/,
    );
    expect(
      failing('elb-target-group-targets-healthy')
        .map((i) => i.reason)
        .join('\n'),
    ).toContain('Target.ResponseCodeMismatch');
    expect(failing('ecs-service-running-desired-count')[0]!.reason).toContain('CannotPullContainerError');
  });

  it('names the failing pipeline action and its error', () => {
    const p = failing('codepipeline-pipeline-latest-execution-succeeded')[0]!;
    expect(p.resource.id).toBe('orders-service-pipeline');
    expect(p.reason).toMatch(/stage Deploy, action DeployToECS \(.+\)/);
  });

  it('lists Lambda errors and throttles, DynamoDB throttling, RDS events and Route 53 health checks', () => {
    expect(failing('lambda-function-errors-low').map((i) => i.resource.id)).toEqual([
      'monthly-report-generator',
    ]);
    expect(failing('lambda-function-not-throttled').map((i) => i.resource.id)).toEqual([
      'monthly-report-generator',
    ]);
    expect(failing('dynamodb-table-not-throttled').map((i) => i.resource.id)).toContain('social-feed');
    expect(failing('rds-instance-no-failure-events').map((i) => i.resource.id)).toEqual([
      'prod-orders-mysql',
    ]);
    expect(answer.rules).toContain('route53-health-check-healthy');
  });

  it('renders text grouped by kind and JSON that fits its schema', () => {
    const text = renderHealthText(answer);
    expect(text.indexOf('── ALARM ──')).toBeLessThan(text.indexOf('── LAMBDA ──'));
    expect(healthJsonSchema.safeParse(JSON.parse(renderHealthJson(answer))).success).toBe(true);
  });
});

describe('health', () => {
  it('says nothing was evaluated on a snapshot without health facts', () => {
    const answer = health(makeSnapshot([]), NO_CONFIG);
    expect(answer.checks).toBe(0);
    expect(renderHealthText(answer)).toContain('not evaluated');
  });

  it('ignores parameter overrides for rules it does not run', () => {
    const snapshot = makeSnapshot([]);
    const config = { suppressions: [], params: { 's3-bucket-versioning-enabled': {} } };
    expect(() => health(snapshot, config)).not.toThrow();
    expect(() => healthEngine().run(snapshot, config)).not.toThrow();
  });
});
