import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-trail-log-file-validation-enabled.js';

describe('cloudtrail-trail-log-file-validation-enabled', () => {
  it('requires EnableLogFileValidation, which is off by default', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudtrail-trail-log-file-validation-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailNotConfigured')?.reason).toContain('off by default');
  });
});
