import { defineRule, error, fail, pass, prop } from '../rule.js';
import { flag } from '../rds/values.js';
import { describeDomain, DOMAIN_TYPES } from './domain.js';

/**
 * Compliant: the domain publishes audit logs to CloudWatch Logs
 * (`LogPublishingOptions.AUDIT_LOGS` enabled, with a log group).
 */
export default defineRule({
  id: 'opensearch-domain-audit-logging-enabled',
  title: 'OpenSearch domain publishes audit logs',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  rationale:
    'Audit logs record authentication failures, permission denials and, as configured, the indices and documents users read and change. They are the record an investigation or an auditor asks for; the domain keeps no such history otherwise. Audit logging requires fine-grained access control.',
  remediation: {
    text: 'Create a CloudWatch Logs log group with a resource policy for OpenSearch Service, publish AUDIT_LOGS to it, and choose the audit categories in the security plugin.',
    cli: "aws opensearch update-domain-config --domain-name <domain> --log-publishing-options 'AUDIT_LOGS={CloudWatchLogsLogGroupArn=<log-group-arn>,Enabled=true}'",
    cloudformation:
      'LogPublishingOptions:\n  AUDIT_LOGS:\n    CloudWatchLogsLogGroupArn: !GetAtt SearchAuditLogs.Arn\n    Enabled: true',
    terraform:
      'resource "aws_opensearch_domain" "this" {\n  # ...\n  log_publishing_options {\n    log_type                 = "AUDIT_LOGS"\n    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search_audit.arn\n  }\n}',
  },
  controls: ['aws-fsbp:Opensearch.5', 'aws-fsbp:ES.5', 'pci-dss-v4.0:10.2.1'],
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html'],
  evaluate(domain) {
    const who = describeDomain(domain);
    const audit = prop(domain.props, 'LogPublishingOptions.AUDIT_LOGS');
    if (!audit.known) return error(`${who}: ${audit.reason}.`);
    if (audit.value === undefined) return fail(`${who} does not publish audit logs.`);
    // Publishing needs Enabled: true; an entry without it is not counted as publishing.
    const on = flag(domain.props, 'LogPublishingOptions.AUDIT_LOGS.Enabled', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    if (!on.value)
      return fail(
        `${who} has audit log publishing ${on.defaulted ? 'not enabled (Enabled not set)' : 'disabled'}.`,
      );
    const group = prop(domain.props, 'LogPublishingOptions.AUDIT_LOGS.CloudWatchLogsLogGroupArn');
    if (group.known && group.value === undefined)
      return fail(`${who} enables audit logs but names no log group.`);
    return pass(() => `${who} publishes audit logs to CloudWatch Logs.`);
  },
});
