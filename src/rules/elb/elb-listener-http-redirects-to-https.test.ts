import { describe, expect, it } from 'vitest';
import { expectFixture, expectTerraformFixture } from '../../../test/rule-fixtures.js';
import rule from './elb-listener-http-redirects-to-https.js';

describe('elb-listener-http-redirects-to-https', () => {
  it('needs the default action and every rule of an HTTP listener to redirect to HTTPS', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/elb-listener-http-redirects-to-https.yaml', import.meta.url),
    );
    expect(
      findings.find((f) => f.resource.id === 'FailRuleForwardsAlthoughDefaultRedirects')?.reason,
    ).toContain('rule ForwardHealthOverHttp forwards plain HTTP to targets');
  });

  it('reads the aws_lb_listener_rule resources of a Terraform listener', async () => {
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/elb-listener-http-redirects-to-https-terraform', import.meta.url),
    );
    expect(
      findings.find((f) => f.resource.id === 'aws_lb_listener.FailRuleForwardsAlthoughDefaultRedirects')
        ?.reason,
    ).toContain('rule aws_lb_listener_rule.health_over_http forwards plain HTTP to targets');
  });
});
