import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './codepipeline-pipeline-artifact-store-encrypted-with-cmk.js';

describe('codepipeline-pipeline-artifact-store-encrypted-with-cmk', () => {
  it('requires a customer managed key on every artifact store', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/codepipeline-pipeline-artifact-store-encrypted-with-cmk.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailDefaultKey')?.reason).toContain(
      'AWS managed key aws/s3',
    );
  });
});
