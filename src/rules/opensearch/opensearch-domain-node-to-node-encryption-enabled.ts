import { defineRule, error, fail, pass } from '../rule.js';
import { flag } from '../rds/values.js';
import { describeDomain, DOMAIN_TYPES } from './domain.js';

/** Compliant: traffic between the domain's nodes is encrypted with TLS (NodeToNodeEncryptionOptions.Enabled). */
export default defineRule({
  id: 'opensearch-domain-node-to-node-encryption-enabled',
  title: 'OpenSearch domain encrypts traffic between its nodes',
  category: 'security',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  rationale:
    'Nodes of a domain exchange documents, search results and cluster state over the network. Node-to-node encryption wraps that traffic in TLS, so data in motion inside the VPC is protected as well as data on disk; it is also a prerequisite for fine-grained access control.',
  remediation: {
    text: 'Enable node-to-node encryption (possible on an existing domain of OpenSearch or Elasticsearch 6.7+).',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --node-to-node-encryption-options Enabled=true',
    cloudformation: 'NodeToNodeEncryptionOptions:\n  Enabled: true',
    terraform:
      'resource "aws_opensearch_domain" "this" {\n  # ...\n  node_to_node_encryption {\n    enabled = true\n  }\n}',
  },
  controls: ['aws-fsbp:Opensearch.3', 'aws-fsbp:ES.3', 'pci-dss-v4.0:4.2.1'],
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html'],
  evaluate(domain) {
    const who = describeDomain(domain);
    const on = flag(domain.props, 'NodeToNodeEncryptionOptions.Enabled', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} encrypts traffic between its nodes.`)
      : fail(
          `${who} sends data between its nodes unencrypted${on.defaulted ? ' (NodeToNodeEncryptionOptions not set)' : ''}.`,
        );
  },
});
