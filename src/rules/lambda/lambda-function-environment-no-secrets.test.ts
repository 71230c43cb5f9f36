import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import { runRules } from '../../engine/index.js';
import { buildDemoOrganisation, DEMO_SECRET_VALUES, demoResourcesFor } from '../../sources/demo/index.js';
import { allRules } from '../index.js';
import rule from './lambda-function-environment-no-secrets.js';
import { isSecretName } from './secret-names.js';

describe('lambda-function-environment-no-secrets', () => {
  it('fails secret-named variables with values, naming them and never their values', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/lambda-function-environment-no-secrets.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason ?? '';
    expect(reason('FailPlainPassword')).toContain('DB_PASSWORD, stripeApiKey');
    expect(reason('FailStaticAwsKeys')).toContain('LEGACY_ID, AWS_SECRET_ACCESS_KEY');
    expect(reason('FailResolvedIntoConfiguration')).toContain('DB_PASSWORD (a {{resolve:...}} reference)');
    for (const f of findings) {
      for (const value of [
        'fixture-password-value',
        'fixture-stripe-value',
        'AKIAIOSFODNN7EXAMPLE',
        'wJalrXUtnFEMI',
      ]) {
        expect(f.reason).not.toContain(value);
      }
    }
  });

  it('reads names the way people write them', () => {
    for (const name of [
      'DB_PASSWORD',
      'dbPassword',
      'db.passwd',
      'REPORT_API_KEY',
      'GITHUB_TOKEN',
      'CLIENT_SECRET',
      'SIGNING_KEY',
      'AWS_ACCESS_KEY_ID',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of [
      'DB_SECRET_ARN',
      'PASSWORD_PARAMETER_NAME',
      'KMS_KEY_ID',
      'S3_KEY',
      'SORT_KEY',
      'TOKEN_TTL',
      'DB_USER',
      'REPORT_BUCKET',
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it('flags the demo’s planted secrets, passes the twin, and no rule ever prints a planted value', () => {
    const snapshot = buildDemoOrganisation();
    const { findings } = runRules(snapshot, { rules: allRules });
    const problem = demoResourcesFor(snapshot.resources, 'lambda-env-secrets', 'problem').map((r) => r.id);
    const twin = demoResourcesFor(snapshot.resources, 'lambda-env-secrets', 'twin').map((r) => r.id);
    const mine = findings.filter((f) => f.ruleId === rule.id);
    expect(mine.filter((f) => problem.includes(f.resource.id)).map((f) => f.status)).toEqual(['fail']);
    expect(mine.filter((f) => twin.includes(f.resource.id)).map((f) => f.status)).toEqual(['pass']);
    expect(DEMO_SECRET_VALUES.length).toBeGreaterThan(0);
    for (const f of findings) for (const secret of DEMO_SECRET_VALUES) expect(f.reason).not.toContain(secret);
  });
});
