import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

const REST_DOMAIN = 'AWS::ApiGateway::DomainName';
const V2_DOMAIN = 'AWS::ApiGatewayV2::DomainName';
/** A private custom domain name of a REST API: `SecurityPolicy` as on a public one. */
const PRIVATE_REST_DOMAIN = 'AWS::ApiGateway::DomainNameV2';

/** TLS_1_2 and the enhanced policies (SecurityPolicy_TLS13_..., SecurityPolicy_TLS12_...) refuse TLS 1.0 and 1.1. */
function modern(policy: string): boolean {
  return policy === 'TLS_1_2' || /^SecurityPolicy_TLS1[23]/.test(policy);
}

/**
 * Compliant: every configuration of the custom domain name has a security policy that requires
 * TLS 1.2 or later (`TLS_1_2` or an enhanced `SecurityPolicy_TLS12_*` / `_TLS13_*` policy).
 */
export default defineRule({
  id: 'apigateway-domain-name-tls-1-2-required',
  title: 'API Gateway custom domain requires TLS 1.2 or later',
  category: 'security',
  severity: 'medium',
  resourceTypes: [REST_DOMAIN, PRIVATE_REST_DOMAIN, V2_DOMAIN],
  rationale:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996) and allow weak cipher suites and downgrade attacks; PCI DSS no longer accepts them. A custom domain with the TLS_1_0 policy, historically API Gateway’s default, still negotiates them with any client that asks.',
  remediation: {
    text: 'Set the domain’s security policy to TLS_1_2 (or an enhanced TLS 1.3 policy); clients older than TLS 1.2 must be upgraded.',
    cli: 'aws apigateway update-domain-name --domain-name <domain> --patch-operations op=replace,path=/securityPolicy,value=TLS_1_2',
    cloudformation: 'SecurityPolicy: TLS_1_2',
    terraform: 'resource "aws_api_gateway_domain_name" "this" {\n  # ...\n  security_policy = "TLS_1_2"\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
  ],
  evaluate(domain) {
    const who = `API Gateway domain name ${label(domain)}`;
    const policies: Array<[unknown, string]> =
      domain.type !== V2_DOMAIN
        ? [[domain.props.SecurityPolicy, 'SecurityPolicy']]
        : (Array.isArray(domain.props.DomainNameConfigurations)
            ? domain.props.DomainNameConfigurations
            : [{}]
          ).map((c: unknown, i: number) => [
            (c as { SecurityPolicy?: unknown } | null)?.SecurityPolicy,
            `DomainNameConfigurations[${i}].SecurityPolicy`,
          ]);
    const weak: string[] = [];
    for (const [policy, where] of policies) {
      if (isUnresolved(policy)) return error(`${who}: ${describeUnresolved(where, policy)}.`);
      if (policy === undefined)
        weak.push(`${where} is not set (API Gateway’s default for custom domains has been TLS_1_0)`);
      else if (typeof policy !== 'string' || !modern(policy)) weak.push(`${where} is ${String(policy)}`);
    }
    if (weak.length > 0) return fail(`${who} accepts TLS older than 1.2: ${weak.join('; ')}.`);
    return pass(() => `${who} requires TLS 1.2 or later.`);
  },
});
