import { describe, expect, it } from 'vitest';
import { sweepCommitment } from './commitment.js';

describe('sweepCommitment', () => {
  // 100 hours at $10/h on demand, 50 more hours at $20/h.
  const hourly = [...Array<number>(100).fill(10), ...Array<number>(50).fill(20)];

  it('commits to the level the spend reaches often enough to pay for itself', () => {
    const a = sweepCommitment('sp', hourly, { discountPercent: 30 });
    // Covering $20/h would cost 150 × 14 = 2100 for 2000 covered: worse than covering $10/h.
    expect(a.commitment).toBe(7);
    expect(a.saving).toBe(450);
    expect(a.coverage).toBe(75);
    expect(a.utilisation).toBe(100);
    expect(a.breakEvenMonth).toBe(9);
  });

  it('covers the peaks when the discount is deep enough', () => {
    const a = sweepCommitment('sp', hourly, { discountPercent: 70 });
    expect(a.commitment).toBe(6);
    expect(a.coverage).toBe(100);
    // $6/h buys $20/h of usage, of which 2000 of 3000 is used.
    expect(a.utilisation).toBe(66.7);
  });

  it('recommends nothing for usage that never repeats', () => {
    const spiky = [...Array<number>(99).fill(0), 100];
    const a = sweepCommitment('sp', spiky, { discountPercent: 30 });
    expect(a.commitment).toBe(0);
    expect(a.saving).toBe(0);
    expect(a.breakEvenMonth).toBeNull();
  });

  it('sweeps whole instances for Reserved Instances', () => {
    const counts = [...Array<number>(120).fill(4), ...Array<number>(48).fill(6)];
    const a = sweepCommitment('ri', counts, { discountPercent: 31 }, 0.096);
    expect(a.unit).toBe('instances');
    expect(a.commitment).toBe(4);
    expect(a.utilisation).toBe(100);
    expect(a.monthlySaving).toBeCloseTo(4 * 0.096 * 0.31 * 730, 1);
  });
});
