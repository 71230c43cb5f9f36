import { defineRule, error, fail, pass } from '../rule.js';
import { text } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/** Compliant: the cluster's admin user is not named `awsuser`, the console's default. */
export default defineRule({
  id: 'redshift-cluster-admin-username-not-default',
  title: 'Redshift cluster admin user has a custom name',
  category: 'security',
  severity: 'low',
  resourceTypes: [CLUSTER],
  rationale:
    'awsuser is the admin name the console suggests, so it is the first one tried by anyone guessing credentials for a reachable cluster. A custom name means an attacker needs both the name and the password. The admin name cannot be changed: it takes a new cluster restored from a snapshot.',
  remediation: {
    text: 'Restore the cluster from a snapshot with a custom admin user name (and the password managed in Secrets Manager), then switch clients to it.',
    cli: 'aws redshift restore-from-cluster-snapshot --cluster-identifier <new-cluster> --snapshot-identifier <snapshot> --master-username <custom-admin> --manage-master-password',
    cloudformation: 'MasterUsername: dwadmin\nManageMasterPassword: true',
    terraform:
      'resource "aws_redshift_cluster" "this" {\n  # ...\n  master_username       = "dwadmin"\n  manage_master_password = true\n}',
  },
  controls: ['aws-fsbp:Redshift.8'],
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-8'],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    const user = text(cluster.props, 'MasterUsername');
    if (!user.known) return error(`${who}: ${user.reason}.`);
    if (user.value === undefined) return error(`${who} names no admin user.`);
    return user.value.toLowerCase() === 'awsuser'
      ? fail(`${who} uses the default admin user name awsuser.`)
      : pass(() => `${who} uses a custom admin user name.`);
  },
});
