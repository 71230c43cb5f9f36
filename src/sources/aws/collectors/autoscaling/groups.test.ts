/**
 * The Auto Scaling group collector driven through the real SDK against the local endpoint with
 * recorded responses: each group's scaling policies and scheduled actions are read with it, so the
 * scaling rule judges live groups on what they have, and errs where that could not be read.
 */
import { describe, expect, it } from 'vitest';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { groups } from './groups.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [groups],
  now: NOW,
});
const RULE = 'autoscaling-group-scaling-policy-attached';

describe('autoscaling/groups', () => {
  it('reads each group’s scaling policies and scheduled actions', async () => {
    const { snapshot } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const web = snapshot.resources.find((r) => r.id === 'web')!;
    expect(web.observed?.ScalingPolicies).toEqual(['web-cpu-target-50']);
    expect(web.observed?.ScheduledActions).toEqual([]);
    const { statuses, findings } = statusesByRule(snapshot, [RULE], NOW);
    expect(statuses[RULE]).toEqual({ web: 'pass', batch: 'fail' });
    expect(findings.find((f) => f.resource.id === 'web')?.reason).toContain('web-cpu-target-50');
  });

  it('a denied DescribePolicies is a gap, and a group with no known scaler errs', async () => {
    const { snapshot } = await collect({ deny: ['autoscaling:DescribePolicies'] });
    expect(snapshot.coverage.map((g) => g.kind)).toContain('access-denied');
    const { statuses, findings } = statusesByRule(snapshot, [RULE], NOW);
    expect(statuses[RULE]).toEqual({ web: 'error', batch: 'error' });
    expect(findings.find((f) => f.resource.id === 'batch')?.reason).toContain(
      'scaling policies of this group could not be read',
    );
  });
});
