import { describe, expect, it } from 'vitest';
import { SECRET, sampleAnswer, sampleKey, PROD } from './fixtures/sample.js';
import { PENDING_ANALYSES } from '../../questions/daily.js';
import { renderDailyText } from './text.js';

const newKey = sampleKey({
  ruleId: 'ec2-security-group-admin-ports-restricted',
  resource: { type: 'AWS::EC2::SecurityGroup', id: 'sg-open', account: PROD, region: 'us-east-1' },
});

function withHistory() {
  return sampleAnswer({
    history: {
      newKeys: [newKey],
      stillOpen: 9,
      resolved: [
        {
          key: 'old',
          ruleId: 'rds-instance-backup-enabled',
          severity: 'high',
          category: 'dr',
          title: 'RDS backups',
          reason: 'RDS DB instance db-1 has automated backups turned off.',
          resource: { type: 'AWS::RDS::DBInstance', id: 'db-1', account: PROD, region: 'us-east-1' },
        },
      ],
    },
  });
}

describe('renderDailyText', () => {
  it('fits one screen, health first, in the documented order', () => {
    const text = renderDailyText(withHistory(), {
      width: 100,
      files: { html: 'daily.html', json: 'daily.json' },
    });
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(45);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    const order = [
      '── HEALTH',
      '── OPEN FINDINGS',
      '── TEN THINGS',
      '── BLAST RADIUS',
      '── SINCE RUN #1',
      '── NOT EVALUATED',
      '── REPORTS',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('names the header facts, the failing alarm, the changes and the report files', () => {
    const text = renderDailyText(withHistory(), { files: { html: 'daily.html', json: 'daily.json' } });
    expect(text).toMatch(/^cloudrounds daily — sample · run #2 · 2026-06-01 06:00 UTC/);
    expect(text).toContain('16 resources in 2 account(s), 2 region(s)');
    expect(text).toContain('── HEALTH ── 1 failing');
    expect(text).toContain('Alarm prod-api-5xx is in ALARM');
    expect(text).toContain('Since run #1 (2026-05-31 06:00 UTC): 1 new, 1 resolved, 9 still open.');
    expect(text).toMatch(/\n {2}\+ HIGH +Security group sg-open opens port 22/);
    expect(text).toMatch(/\n {2}- HIGH +RDS DB instance db-1/);
    expect(text).toContain('html daily.html · json daily.json · history /tmp/history.duckdb (run #2)');
    expect(text).not.toContain(SECRET);
  });

  it('says what was not evaluated and never gives an all-clear', () => {
    const text = renderDailyText(sampleAnswer());
    expect(text).toContain('── NOT EVALUATED ──');
    expect(text).toContain('coverage gaps: 1 (1 unresolved-value)');
    expect(text).toContain('undecided checks: 1 (iam-user-mfa-enabled 1)');
    expect(text).toContain('no check for: 2 resources of 1 type (AWS::EC2::Subnet 2)');
    // Other engines leave PENDING_ANALYSES as they join the daily run; cost pricing already has.
    const pending = PENDING_ANALYSES.map((a) => a.analysis);
    if (pending.length > 0) expect(text).toContain(`not in daily yet: ${pending.join(', ')}`);
    expect(text).not.toContain('cost pricing');
    expect(text).not.toMatch(/all clear/i);
  });

  it('says the run was not recorded, or that it is the first of its scope', () => {
    expect(renderDailyText(sampleAnswer())).toContain('Not recorded (--no-store)');
    expect(renderDailyText(sampleAnswer({ history: { first: true } }))).toContain(
      'First run of scope sample: all 10 open findings are new.',
    );
  });

  it('reports health as not evaluated when no health check ran, and coverage complete only when it is', () => {
    const answer = sampleAnswer();
    answer.health = { checks: 0, failing: [] };
    answer.coverage = {
      ...answer.coverage,
      complete: true,
      gaps: [],
      gapsByKind: [],
      errors: [],
      unevaluatedTypes: [],
      unevaluatedResources: 0,
      notRun: [],
    };
    const text = renderDailyText(answer);
    expect(text).toContain('── HEALTH ── not evaluated');
    expect(text).toContain('── COVERAGE ── complete');
    expect(text).not.toContain('NOT EVALUATED');
  });
});
