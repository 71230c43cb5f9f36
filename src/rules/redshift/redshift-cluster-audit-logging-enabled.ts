import { defineRule, error, fail, pass, prop } from '../rule.js';
import { text } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/**
 * Compliant: audit logging is on, to S3 (`LoggingProperties.BucketName`) or CloudWatch Logs
 * (`LoggingProperties.LogDestinationType: cloudwatch`). The live collector maps DescribeLoggingStatus
 * into `LoggingProperties` and `observed.LoggingEnabled`; a live cluster whose logging status could
 * not be read is an error, not a failure.
 */
export default defineRule({
  id: 'redshift-cluster-audit-logging-enabled',
  title: 'Redshift cluster has audit logging enabled',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [CLUSTER],
  rationale:
    'Audit logging records connection attempts, user changes and (with the user activity log) every query run against the warehouse. Without it there is no answer to who read or exported which data, which security investigations and most compliance regimes need; the system tables keep only a few days of history.',
  remediation: {
    text: 'Turn on audit logging to CloudWatch Logs (or an S3 bucket that Redshift may write to), with connection, user and user-activity logs; for the last also set enable_user_activity_logging in the parameter group.',
    cli: 'aws redshift enable-logging --cluster-identifier <cluster> --log-destination-type cloudwatch --log-exports connectionlog userlog useractivitylog',
    cloudformation:
      'LoggingProperties:\n  LogDestinationType: cloudwatch\n  LogExports: [connectionlog, userlog, useractivitylog]',
    terraform:
      'resource "aws_redshift_logging" "this" {\n  cluster_identifier   = aws_redshift_cluster.this.id\n  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "userlog", "useractivitylog"]\n}',
  },
  controls: ['aws-fsbp:Redshift.4', 'pci-dss-v4.0:10.2.1'],
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html'],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    const logging = prop(cluster.props, 'LoggingProperties');
    if (!logging.known) return error(`${who}: ${logging.reason}.`);
    if (logging.value !== undefined) {
      const bucket = prop(cluster.props, 'LoggingProperties.BucketName');
      const destination = text(cluster.props, 'LoggingProperties.LogDestinationType');
      if (destination.known && destination.value?.toLowerCase() === 'cloudwatch') {
        return pass(() => `${who} sends its audit logs to CloudWatch Logs.`);
      }
      if (!bucket.known || bucket.value !== undefined)
        return pass(() => `${who} writes its audit logs to S3.`);
      if (!destination.known) return error(`${who}: ${destination.reason}.`);
    }
    const enabled = cluster.observed?.LoggingEnabled;
    if (enabled === true) return pass(() => `${who} has audit logging enabled.`);
    if (cluster.origin.source === 'aws' && typeof enabled !== 'boolean') {
      return error(`${who}: its audit logging status (DescribeLoggingStatus) was not collected.`);
    }
    return fail(`${who} has audit logging off: connections, user changes and queries are not recorded.`);
  },
});
