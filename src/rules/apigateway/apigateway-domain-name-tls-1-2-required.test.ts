import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
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

  it('judges private custom domain names (DomainNameV2) by their SecurityPolicy', () => {
    expectResources(rule, [
      resource('AWS::ApiGateway::DomainNameV2', 'PassPrivateTls12', {
        DomainName: 'api.internal.example.com',
        SecurityPolicy: 'TLS_1_2',
      }),
      resource('AWS::ApiGateway::DomainNameV2', 'FailPrivateTls10', {
        DomainName: 'old.internal.example.com',
        SecurityPolicy: 'TLS_1_0',
      }),
    ]);
  });
});
