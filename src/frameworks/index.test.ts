import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, frameworkCoverage, lookupControl } from './index.js';

describe('frameworks', () => {
  it('looks controls up by prefixed id', () => {
    expect(lookupControl('cis-aws-v5.0:2.1.4')?.control.title).toBe(
      "Ensure that S3 is configured with 'Block Public Access' enabled",
    );
    expect(lookupControl('aws-fsbp:S3.8')?.control.severity).toBe('high');
    expect(lookupControl('pci-dss-v4.0:1.3.1')?.framework.name).toBe('PCI DSS');
    expect(lookupControl('aws-fsbp:S3.999')).toBeUndefined();
    expect(lookupControl('nist:AC-1')).toBeUndefined();
    expect(lookupControl('S3.8')).toBeUndefined();
  });

  it('holds the CIS v5.0 benchmark complete, with the mirror typo fixed', () => {
    const cis = FRAMEWORKS.find((f) => f.id === 'cis-aws-v5.0')!;
    expect(Object.keys(cis.controls)).toHaveLength(63);
    expect(cis.controls['1.10']?.title).toBe(
      'Do not create access keys during initial setup for IAM users with a console password',
    );
    expect(cis.controls['4.3']?.title).toBe("Ensure usage of the 'root' account is monitored");
  });

  it('computes coverage from rule metadata', () => {
    const coverage = frameworkCoverage([
      { id: 'a', controls: ['aws-fsbp:S3.8', 'cis-aws-v5.0:2.1.4'] },
      { id: 'b', controls: ['aws-fsbp:S3.8'] },
    ]);
    const fsbp = coverage.find((c) => c.framework.id === 'aws-fsbp')!;
    expect([...fsbp.covered]).toEqual([['S3.8', ['a', 'b']]]);
    expect(fsbp.total).toBeGreaterThan(100);
    expect(coverage.find((c) => c.framework.id === 'pci-dss-v4.0')!.covered.size).toBe(0);
  });
});
