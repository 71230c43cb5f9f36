import { describe, expect, it } from 'vitest';
import { sampleFindings, sampleReport } from './fixtures/sample.js';
import { renderFindingsTable, summaryLine } from './table.js';

const render = (...args: Parameters<typeof sampleReport>) =>
  [...renderFindingsTable(sampleReport(...args))].join('');

describe('findings table', () => {
  it('groups by severity then rule, with where and why', () => {
    const text = render({ all: false });
    const order = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => text.indexOf(`${s}\n`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(
      /ec2-security-group-admin-ports-restricted — Security group does not open administration ports to the internet \(1\)/,
    );
    expect(text).toContain('templates/app stack.yaml:12');
    expect(text).toContain('arn:aws:s3:::acme-data');
    // Newlines in a reason do not break the row.
    expect(text).toContain('has no versioning configuration, and "quotes"');
    expect(text).toContain('(suppression expired 2020-01-01: Waiting for SSO)');
  });

  it('lists suppressed findings apart, with reason and expiry, and stale suppressions', () => {
    const text = render({ all: false });
    expect(text).toMatch(/Suppressed \(1\), not counted:/);
    expect(text).toMatch(
      /s3-bucket-versioning-enabled\s+acme-data\s+arn:aws:s3:::acme-data\s+2099-12-31\s+Scratch data, rebuilt nightly/,
    );
    expect(text).toContain('s3-bucket-versioning-enabled on gone-* (.cloudrounds.yaml:14)');
  });

  it('says what was not evaluated, and never reads as clean when something was not', () => {
    const text = render({ all: false });
    expect(text).toMatch(/Coverage gaps \(2\): what follows was NOT evaluated/);
    expect(text).toMatch(/parse-error\s+templates\/broken\.yaml:4/);
    const noFailures = render({ findings: sampleFindings().filter((f) => f.status !== 'fail') });
    const last = noFailures.trimEnd().split('\n').pop()!;
    expect(last).toMatch(/^No failing findings in 3 check\(s\)/);
    expect(last).toMatch(
      /NOT fully evaluated: 1 check\(s\) could not decide \(error\); 2 coverage gap\(s\) \(1 parse-error, 1 access-denied\)/,
    );
  });

  it('shows every status with --all', () => {
    const text = render({ all: true });
    for (const label of ['FAIL', 'PASS', 'N/A', 'ERROR'])
      expect(text).toMatch(new RegExp(`\\n\\s+${label}\\s`));
    expect(text).toMatch(/\(1 failing of 2\)/);
  });

  it('summarises a clean, complete scan plainly', () => {
    const report = sampleReport({ findings: [] });
    const line = summaryLine({ ...report.summary, coverageGaps: 0, gapsByKind: {}, complete: true });
    expect(line).toBe('No failing findings in 0 check(s) of 4 rule(s) on 4 of 4 resource(s).');
  });
});
