/**
 * The Route 53 health-check collector driven through the real SDK against the local endpoint with
 * recorded responses, and the health-check rule run on what it collected: the checkers' reports
 * decide, and a report that could not be read is an error, not a verdict.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { runRules } from '../../../../engine/index.js';
import healthy from '../../../../rules/route53/route53-health-check-healthy.js';
import { healthChecks } from './health-checks.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [healthChecks],
  now: NOW,
});

const WEB = 'abcdef11-2222-3333-4444-555555fedcba';
const ON_PREM = '0badc0de-2222-3333-4444-555555000001';
const CALCULATED = 'ca1c0000-2222-3333-4444-555555000002';

function run(snapshot: Snapshot) {
  const { findings } = runRules(snapshot, { rules: [healthy], now: NOW });
  return {
    statuses: Object.fromEntries(findings.map((f) => [f.resource.id, f.status])),
    reason: (id: string) => findings.find((f) => f.resource.id === id)?.reason ?? '',
  };
}

describe('route53/health-checks', () => {
  it('reads each check’s checker reports, and the rule weighs them as Route 53 does', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    // A calculated check has no checkers of its own: its status is not asked for.
    const asked = endpoint.log
      .filter((r) => r.operation === 'GetHealthCheckStatus')
      .map((r) => JSON.stringify(r.params));
    expect(asked).toHaveLength(2);
    expect(asked.some((p) => p.includes(CALCULATED))).toBe(false);

    const { statuses, reason } = run(snapshot);
    expect(statuses).toEqual({ [WEB]: 'pass', [ON_PREM]: 'fail', [CALCULATED]: 'not_applicable' });
    // 2 of 3 checkers succeed: healthy, with the failing region named.
    expect(reason(WEB)).toContain('failing from 1 of 3 checker regions');
    // 1 of 8 (12.5%, not more than 18%): unhealthy.
    expect(reason(ON_PREM)).toContain('us-east-1: Failure: Connection timed out');
  });

  it('a denied GetHealthCheckStatus is a gap, and the rule errs rather than judging', async () => {
    const { snapshot } = await collect({ deny: ['route53:GetHealthCheckStatus'] });
    expect(snapshot.coverage.map((g) => g.kind)).toContain('access-denied');
    const web = snapshot.resources.find((r) => r.id === WEB)!;
    expect(isUnresolved(web.observed?.HealthCheckObservations)).toBe(true);
    const { statuses, reason } = run(snapshot);
    expect(statuses).toEqual({ [WEB]: 'error', [ON_PREM]: 'error', [CALCULATED]: 'not_applicable' });
    expect(reason(WEB)).toContain('could not be read');
  });
});
