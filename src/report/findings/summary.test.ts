import { describe, expect, it } from 'vitest';
import { sampleFindings, sampleReport } from './fixtures/sample.js';
import {
  compareFindings,
  failuresAtOrAbove,
  findingLocation,
  gapLocation,
  severityCounts,
} from './summary.js';

describe('findings summary', () => {
  const { summary } = sampleReport();

  it('counts every result, suppressed failures apart', () => {
    expect(summary).toMatchObject({
      resources: 4,
      resourcesEvaluated: 4,
      rules: 4,
      results: 8,
      suppressed: 1,
      suppressionExpired: 1,
      unusedSuppressions: 1,
      coverageGaps: 2,
      complete: false,
    });
  });

  it('counts failures at or above a severity for --fail-on', () => {
    expect(failuresAtOrAbove(summary, 'critical')).toBe(1);
    expect(failuresAtOrAbove(summary, 'high')).toBe(2);
    expect(failuresAtOrAbove(summary, 'medium')).toBe(3);
    expect(failuresAtOrAbove(summary, 'info')).toBe(4);
    expect(severityCounts(summary)).toBe('1 critical, 1 high, 1 medium, 1 low');
  });

  it('orders findings by severity, rule, status and place, the same way every time', () => {
    const shuffled = [...sampleFindings()].reverse();
    const sorted = [...shuffled].sort(compareFindings);
    expect(sorted).toEqual([...sampleFindings()].sort(compareFindings));
    expect(sorted.map((f) => f.severity)).toEqual([
      'critical',
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'medium',
      'low',
    ]);
    expect(sorted[0]!.status).toBe('fail');
  });

  it('names places for people', () => {
    const [sg, bucket] = sampleFindings();
    expect(findingLocation(sg!)).toBe('templates/app stack.yaml:12');
    expect(findingLocation(bucket!)).toBe('arn:aws:s3:::acme-data');
    expect(
      gapLocation({ kind: 'access-denied', message: 'x', account: '1', region: 'r', resourceType: 'T' }),
    ).toBe('1/r/T');
  });
});
