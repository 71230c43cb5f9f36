import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ecs-task-definition-no-secrets-in-environment.js';

describe('ecs-task-definition-no-secrets-in-environment', () => {
  it('names the variables, never their values', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ecs-task-definition-no-secrets-in-environment.yaml', import.meta.url),
    );
    const reason = findings.find((f) => f.resource.id === 'FailStaticAwsKeys')?.reason ?? '';
    expect(reason).toContain('app: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY');
    for (const f of findings) {
      expect(f.reason).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(f.reason).not.toContain('wJalrXUtnFEMI');
    }
  });
});
