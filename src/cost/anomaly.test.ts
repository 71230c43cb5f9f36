import { describe, expect, it } from 'vitest';
import { baselines, detectAnomalies, median, type DailySpendRow } from './anomaly.js';

/** 8 weeks from Monday 2026-09-28: weekdays $100, weekends $40, with ±3 % wobble. */
function history(spike?: { day: string; extra: number }): DailySpendRow[] {
  const rows: DailySpendRow[] = [];
  for (let i = 0; i < 56; i++) {
    const d = new Date(Date.UTC(2026, 8, 28 + i));
    const day = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const base = (weekend ? 40 : 100) * (1 + 0.03 * Math.sin(i));
    rows.push({ day, account: '1', service: 'AmazonEC2', usageType: 'BoxUsage:m5.large', cost: base });
    rows.push({
      day,
      account: '1',
      service: 'AmazonEC2',
      usageType: 'NatGateway-Bytes',
      cost: 5 + (spike?.day === day ? spike.extra : 0),
    });
  }
  return rows;
}

describe('detectAnomalies', () => {
  it('flags a spike with its $ and % impact and the usage type that drove it', () => {
    const answer = detectAnomalies(history({ day: '2026-11-20', extra: 80 }));
    expect(answer.anomalies).toHaveLength(1);
    const a = answer.anomalies[0]!;
    expect(a).toMatchObject({
      day: '2026-11-20',
      service: 'AmazonEC2',
      drivingUsageType: 'NatGateway-Bytes',
    });
    expect(a.impact).toBeGreaterThan(75);
    expect(a.impactPercent).toBeGreaterThan(70);
    expect(answer.series).toHaveLength(1);
  });

  it('does not flag the weekly rhythm: weekends are compared with weekends', () => {
    expect(detectAnomalies(history()).anomalies).toEqual([]);
  });

  it('ignores small changes below the dollar and percent floors', () => {
    expect(detectAnomalies(history({ day: '2026-11-20', extra: 6 })).anomalies).toEqual([]);
  });

  it('looks only at the recent days', () => {
    expect(detectAnomalies(history({ day: '2026-11-02', extra: 300 })).anomalies).toEqual([]);
  });

  it('answers the same rows again with other params and drivers as if asked first', () => {
    const rows = history({ day: '2026-11-20', extra: 80 });
    expect(detectAnomalies(rows).anomalies).toHaveLength(1);
    // A higher dollar floor on the same rows: the first answer is not reused.
    expect(detectAnomalies(rows, { minDollars: 500 }).anomalies).toEqual([]);
    // Drivers the caller computed apply to this call only.
    const driven = detectAnomalies(rows, {}, [
      { day: '2026-11-20', account: '1', service: 'AmazonEC2', usageType: 'DataTransfer-Out', impact: 79 },
    ]);
    expect(driven.anomalies[0]).toMatchObject({ drivingUsageType: 'DataTransfer-Out', drivingImpact: 79 });
    expect(detectAnomalies(rows).anomalies[0]!.drivingUsageType).toBe('NatGateway-Bytes');
    // Rows added to the array are seen.
    rows.push({ day: '2026-11-23', account: '2', service: 'AmazonS3', usageType: 'Requests', cost: 1 });
    expect(detectAnomalies(rows).to).toBe('2026-11-23');
  });

  it('answers empty input with no anomaly', () => {
    expect(detectAnomalies([])).toMatchObject({ anomalies: [], from: null, to: null });
  });
});

describe('baselines and median', () => {
  it('takes the median of the same weekday and needs two earlier weeks', () => {
    const values = Array.from({ length: 22 }, (_, i) => (i % 7 === 0 ? 10 : 1));
    const b = baselines(values, 4);
    expect(b[7]).toBeNull();
    expect(b[14]).toBe(10);
    expect(b[15]).toBe(1);
    expect(median([3, 1, 2, 100])).toBe(2.5);
  });
});
