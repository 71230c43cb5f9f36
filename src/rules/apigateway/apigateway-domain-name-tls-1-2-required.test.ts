import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './apigateway-domain-name-tls-1-2-required.js';

describe('apigateway-domain-name-tls-1-2-required', () => {
  it('requires TLS_1_2 or an enhanced policy', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/apigateway-domain-name-tls-1-2-required.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailNotSet')?.reason).toContain(
      'SecurityPolicy is not set',
    );
  });
});
