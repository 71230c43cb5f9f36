import { defineRule, error, fail, pass } from '../rule.js';
import { flag } from '../rds/values.js';
import { describeDomain, DOMAIN_TYPES } from './domain.js';

/** Compliant: fine-grained access control is on (AdvancedSecurityOptions.Enabled). */
export default defineRule({
  id: 'opensearch-domain-fine-grained-access-control-enabled',
  title: 'OpenSearch domain has fine-grained access control enabled',
  category: 'security',
  severity: 'high',
  resourceTypes: DOMAIN_TYPES,
  rationale:
    'Without fine-grained access control, anyone the domain access policy lets in can read and write every index; the policy works at the level of the domain and URL paths only. Fine-grained access control adds users and roles with permissions per index, document and field, and is what audit logs need to say who did what.',
  remediation: {
    text: 'Enable fine-grained access control with an IAM master role (or the internal user database), with encryption at rest, node-to-node encryption and HTTPS enforced, which it requires.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --advanced-security-options \'{"Enabled":true,"InternalUserDatabaseEnabled":false,"MasterUserOptions":{"MasterUserARN":"<role-arn>"}}\'',
    cloudformation:
      'AdvancedSecurityOptions:\n  Enabled: true\n  MasterUserOptions:\n    MasterUserARN: !GetAtt SearchAdminRole.Arn\nDomainEndpointOptions: { EnforceHTTPS: true }\nNodeToNodeEncryptionOptions: { Enabled: true }\nEncryptionAtRestOptions: { Enabled: true }',
    terraform:
      'resource "aws_opensearch_domain" "this" {\n  # ...\n  advanced_security_options {\n    enabled = true\n    master_user_options {\n      master_user_arn = aws_iam_role.search_admin.arn\n    }\n  }\n}',
  },
  controls: ['aws-fsbp:Opensearch.7'],
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html'],
  evaluate(domain) {
    const who = describeDomain(domain);
    const on = flag(domain.props, 'AdvancedSecurityOptions.Enabled', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} has fine-grained access control enabled.`)
      : fail(
          `${who} has no fine-grained access control: whoever the access policy admits can use every index.`,
        );
  },
});
