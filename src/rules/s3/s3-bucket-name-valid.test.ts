import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-name-valid.js';

describe('s3-bucket-name-valid', () => {
  it('applies every general purpose bucket naming rule', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-name-valid.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailUpperCase')).toContain('"AR"');
    expect(reason('FailDashEnding')).toContain('begin and end with a letter or number');
    expect(reason('FailIpAddress')).toContain('IP address');
    expect(reason('FailReservedSuffix')).toContain('-s3alias');
  });
});
