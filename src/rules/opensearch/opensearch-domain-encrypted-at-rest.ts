import { defineRule, error, fail, pass } from '../rule.js';
import { flag } from '../rds/values.js';
import { describeDomain, DOMAIN_TYPES } from './domain.js';

/** Compliant: the domain encrypts its indices, logs, swap and snapshots at rest (EncryptionAtRestOptions.Enabled). */
export default defineRule({
  id: 'opensearch-domain-encrypted-at-rest',
  title: 'OpenSearch domain is encrypted at rest',
  category: 'security',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  rationale:
    'Search domains usually hold copies of application data and logs, often personal data. Encryption at rest covers the indices, swap, logs and automated snapshots with a KMS key; it is off unless requested, and fine-grained access control requires it.',
  remediation: {
    text: 'Enable encryption at rest (possible on an existing domain of OpenSearch or Elasticsearch 6.7+; it triggers a blue/green deployment).',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --encryption-at-rest-options Enabled=true,KmsKeyId=<kms-key>',
    cloudformation: 'EncryptionAtRestOptions:\n  Enabled: true\n  KmsKeyId: !Ref SearchKey',
    terraform:
      'resource "aws_opensearch_domain" "this" {\n  # ...\n  encrypt_at_rest {\n    enabled = true\n  }\n}',
  },
  controls: ['aws-fsbp:Opensearch.1', 'aws-fsbp:ES.1', 'pci-dss-v4.0:3.5.1'],
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
  ],
  evaluate(domain) {
    const who = describeDomain(domain);
    const on = flag(domain.props, 'EncryptionAtRestOptions.Enabled', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} is encrypted at rest.`)
      : fail(`${who} is not encrypted at rest${on.defaulted ? ' (EncryptionAtRestOptions not set)' : ''}.`);
  },
});
