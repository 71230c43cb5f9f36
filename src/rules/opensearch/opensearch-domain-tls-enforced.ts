import { defineRule, error, fail, pass } from '../rule.js';
import { flag, text } from '../rds/values.js';
import { describeDomain, DOMAIN_TYPES } from './domain.js';

/**
 * Compliant: the domain endpoint accepts HTTPS only (DomainEndpointOptions.EnforceHTTPS) with a TLS
 * 1.2-minimum security policy (`Policy-Min-TLS-1-2-*`).
 */
export default defineRule({
  id: 'opensearch-domain-tls-enforced',
  title: 'OpenSearch domain accepts only HTTPS with TLS 1.2 or later',
  category: 'security',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  rationale:
    'Without EnforceHTTPS the endpoint also answers plain HTTP, so queries, documents and credentials can cross the network in clear text; with the old Policy-Min-TLS-1-0-2019-07 policy, clients may still negotiate TLS 1.0 and 1.1, which are deprecated.',
  remediation: {
    text: 'Enforce HTTPS and choose a TLS 1.2-minimum security policy (Policy-Min-TLS-1-2-PFS-2023-10 where clients support it).',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10',
    cloudformation:
      'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10',
    terraform:
      'resource "aws_opensearch_domain" "this" {\n  # ...\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n}',
  },
  controls: ['aws-fsbp:Opensearch.8', 'aws-fsbp:ES.8', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html',
  ],
  evaluate(domain) {
    const who = describeDomain(domain);
    const https = flag(domain.props, 'DomainEndpointOptions.EnforceHTTPS', false);
    if (!https.known) return error(`${who}: ${https.reason}.`);
    if (!https.value)
      return fail(`${who} also accepts plain HTTP (EnforceHTTPS ${https.defaulted ? 'not set' : 'false'}).`);
    // The API's default policy is Policy-Min-TLS-1-0-2019-07.
    const policy = text(domain.props, 'DomainEndpointOptions.TLSSecurityPolicy');
    if (!policy.known) return error(`${who}: ${policy.reason}.`);
    const name = policy.value ?? 'Policy-Min-TLS-1-0-2019-07';
    if (!name.startsWith('Policy-Min-TLS-1-2')) {
      return fail(
        `${who} enforces HTTPS but allows TLS versions below 1.2 (${name}${policy.value === undefined ? ', the default' : ''}).`,
      );
    }
    return pass(() => `${who} accepts only HTTPS with ${name}.`);
  },
});
