import { describe, expect, it } from 'vitest';
import { anomalyCells } from '../cost/index.js';
import { costJsonSchema, renderCostJson, renderCostText } from '../report/daily/cost.js';
import { DEMO_ANOMALY, buildDemoOrganisation, demoCurLineItems } from '../sources/demo/index.js';
import { aggregateCur } from '../store/cur/index.js';
import { cost, costWaste, dailyCost } from './cost.js';
import { evaluateDaily } from './daily.js';

const NO_CONFIG = { suppressions: [], params: {} };

describe('cost on the demo organisation', async () => {
  const snapshot = buildDemoOrganisation();
  const cur = await aggregateCur({ rows: demoCurLineItems(), label: 'demo' }, { driversFor: anomalyCells });
  const answer = cost({ snapshot, config: NO_CONFIG, cur });
  const waste = answer.waste;
  const item = (ruleId: string, name: string) =>
    waste.items.find((i) => i.ruleId === ruleId && (i.resource.name === name || i.resource.id === name));

  it('prices each waste problem of the demo with $/month, the price date and region', () => {
    const expected: Array<[string, string, number, string]> = [
      ['ec2-instance-not-idle', 'dev-sandbox-old', 140.16, 'us-east-1'],
      ['ec2-volume-attached', 'old-jenkins-data', 40, 'us-east-1'],
      ['ec2-eip-associated', 'old-ftp-eip', 3.65, 'us-east-1'],
      ['ec2-snapshot-source-exists', 'pre-migration-2025-10', 50, 'us-east-1'],
      ['ec2-image-in-use', 'prod-web-golden-2025-06', 0.8, 'us-east-1'],
      ['ec2-nat-gateway-not-idle', 'dev-apac-nat', 43.07, 'ap-southeast-1'],
      ['elb-load-balancer-not-idle', 'dev-legacy-alb', 16.43, 'us-east-1'],
      ['ec2-volume-gp3', 'prod-legacy-worker-root', 1.88, 'us-east-1'],
      ['s3-bucket-lifecycle-configured', 'companya-prod-statements', 8.92, 'us-east-1'],
    ];
    for (const [ruleId, name, monthly, region] of expected) {
      expect(item(ruleId, name), `${ruleId} ${name}`).toMatchObject({
        monthly,
        priceRegion: region,
        priceDate: '2025-01-01',
      });
    }
    expect(waste.monthlyTotal).toBeGreaterThan(300);
    expect(waste.items.filter((i) => i.monthly === null).every((i) => i.note)).toBe(true);
  });

  it('finds the injected anomaly with its impact and driving usage type', () => {
    const a = answer.spend!.anomalies.anomalies;
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({
      day: DEMO_ANOMALY.day,
      account: DEMO_ANOMALY.account,
      service: DEMO_ANOMALY.service,
      drivingUsageType: DEMO_ANOMALY.usageType,
    });
    expect(a[0]!.impact).toBeGreaterThan(30);
    expect(a[0]!.impactPercent).toBeGreaterThan(1000);
  });

  it('advises a Savings Plan at the steady floor and Reserved Instances for steady pools only', () => {
    const sp = answer.spend!.savingsPlan;
    // Steady floor: 4 × m5.large + 3 × t3.medium + 1 × t3.medium (APS1) + 1 × m5.xlarge = $0.7536/h on demand.
    expect(sp.commitment).toBeCloseTo(0.7536 * 0.73, 3);
    expect(sp.utilisation).toBe(100);
    expect(sp.coverage).toBeGreaterThan(80);
    expect(sp.breakEvenMonth).toBe(9);
    const ri = answer.spend!.reservedInstances.map((r) => [r.pool, r.commitment]);
    expect(ri).toContainEqual(['Reserved Instances m5.large us-east-1', 4]);
    for (const r of answer.spend!.reservedInstances) expect(r.utilisation).toBe(100);
  });

  it('renders text with the monthly total and JSON that fits its schema', () => {
    const text = renderCostText(answer);
    expect(text).toContain(`waste $${waste.monthlyTotal.toFixed(2)}/month (730 h)`);
    expect(text).toContain('$140.16/mo  remove  dev-sandbox-old');
    expect(text).toContain('2026-11-21  AWSLambda in 444455556666');
    const parsed = costJsonSchema.safeParse(JSON.parse(renderCostJson(answer)));
    expect(parsed.error).toBeUndefined();
  });

  it('prices only open cost findings in the daily run, so suppressions hold', () => {
    const config = {
      params: {},
      suppressions: [
        { rule: 'ec2-instance-not-idle', resource: 'dev-sandbox-old', reason: 'kept', expires: '2099-12-31' },
      ],
    };
    const evaluation = evaluateDaily(snapshot, config);
    const daily = dailyCost(snapshot, evaluation.findings);
    expect(
      daily.waste.items.find(
        (i) => i.resource.name === 'dev-sandbox-old' && i.ruleId === 'ec2-instance-not-idle',
      ),
    ).toBeUndefined();
    expect(daily.spend).toBeNull();
    expect(costWaste(snapshot, config).monthlyTotal).toBe(daily.waste.monthlyTotal);
  });
});
