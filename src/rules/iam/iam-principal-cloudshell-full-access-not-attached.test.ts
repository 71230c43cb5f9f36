import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-principal-cloudshell-full-access-not-attached.js';

describe('iam-principal-cloudshell-full-access-not-attached', () => {
  it('fails principals with the AWS managed AWSCloudShellFullAccess', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/iam-principal-cloudshell-full-access-not-attached.yaml', import.meta.url),
    );
  });
});
