/**
 * The ELBv2 load balancer collector driven through the real SDK against the local endpoint with
 * recorded responses, and the ELB rules run on what it collected: what the collector yields (and
 * what it could not read) is what the rules judge.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Snapshot } from '../../../../model/index.js';
import type { Faults } from '../../../../../test/aws-endpoint/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { loadBalancers } from './load-balancers.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collectRecorded = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [loadBalancers],
  now: NOW,
});

async function collect(faults: Faults = {}): Promise<Snapshot> {
  return (await collectRecorded(faults)).snapshot;
}

const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188';
const LISTENER =
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2';

const ATTRIBUTE_RULES = [
  'elb-load-balancer-access-logs-enabled',
  'elb-load-balancer-deletion-protection-enabled',
  'elb-load-balancer-desync-mitigation-defensive',
  'elb-load-balancer-drops-invalid-headers',
];
const RULES = [...ATTRIBUTE_RULES, 'elb-listener-http-redirects-to-https'];

/** Rule id → resource id → status. */
function run(snapshot: Snapshot) {
  return statusesByRule(snapshot, RULES, NOW);
}

describe('elbv2/load-balancers', () => {
  it('reads the attributes, listeners and listener rules the ELB rules judge', async () => {
    const snapshot = await collect();
    expect(snapshot.coverage).toEqual([]);
    const { statuses, findings } = run(snapshot);
    expect(statuses).toEqual({
      'elb-load-balancer-access-logs-enabled': { [LB]: 'pass' },
      'elb-load-balancer-deletion-protection-enabled': { [LB]: 'pass' },
      'elb-load-balancer-desync-mitigation-defensive': { [LB]: 'fail' },
      'elb-load-balancer-drops-invalid-headers': { [LB]: 'pass' },
      // The default action redirects, but a rule forwards /health over plain HTTP.
      'elb-listener-http-redirects-to-https': { [LISTENER]: 'fail' },
    });
    expect(findings.find((f) => f.ruleId === 'elb-listener-http-redirects-to-https')?.reason).toContain(
      'forwards plain HTTP to targets',
    );
  });

  it('leaves unread attributes unresolved, and the attribute rules give errors instead of defaults', async () => {
    const snapshot = await collect({ deny: ['elasticloadbalancing:DescribeLoadBalancerAttributes'] });
    expect(snapshot.coverage.filter((g) => g.kind === 'access-denied')).toHaveLength(1);
    const lb = snapshot.resources.find((r) => r.id === LB)!;
    expect(isUnresolved(lb.props.LoadBalancerAttributes)).toBe(true);
    const { statuses } = run(snapshot);
    for (const id of ATTRIBUTE_RULES) expect(statuses[id]).toEqual({ [LB]: 'error' });
  });

  it('gives an error for a listener whose rules were not read, rather than judging its default action alone', async () => {
    const snapshot = await collect({ deny: ['elasticloadbalancing:DescribeRules'] });
    expect(snapshot.coverage.filter((g) => g.kind === 'access-denied')).toHaveLength(1);
    const listener = snapshot.resources.find((r) => r.id === LISTENER)!;
    expect(isUnresolved(listener.observed?.ListenerRules)).toBe(true);
    const { statuses, findings } = run(snapshot);
    expect(statuses['elb-listener-http-redirects-to-https']).toEqual({ [LISTENER]: 'error' });
    expect(findings.find((f) => f.ruleId === 'elb-listener-http-redirects-to-https')?.reason).toContain(
      'the listener rules were not read',
    );
  });
});
