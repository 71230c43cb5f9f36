import { defineRule, error, fail, pass } from '../rule.js';
import { flag } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/** Compliant: Redshift may apply major version upgrades in the maintenance window (the default). */
export default defineRule({
  id: 'redshift-cluster-version-upgrade-enabled',
  title: 'Redshift cluster accepts engine version upgrades',
  category: 'security',
  severity: 'medium',
  resourceTypes: [CLUSTER],
  rationale:
    'Redshift delivers fixes, including security fixes, as new engine versions applied in the maintenance window. With AllowVersionUpgrade off the cluster stays on its version and misses them; a maintenance track (current or trailing) is the way to control timing without falling behind.',
  remediation: {
    text: 'Allow version upgrades, and pick the current or trailing maintenance track and a maintenance window that suit the workload.',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --allow-version-upgrade',
    cloudformation: 'AllowVersionUpgrade: true',
    terraform: 'resource "aws_redshift_cluster" "this" {\n  # ...\n  allow_version_upgrade = true\n}',
  },
  controls: ['aws-fsbp:Redshift.6'],
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html#rs-maintenance-tracks',
  ],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    // "Default value is True".
    const on = flag(cluster.props, 'AllowVersionUpgrade', true);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} accepts engine version upgrades${on.defaulted ? ' (the default)' : ''}.`)
      : fail(`${who} has AllowVersionUpgrade off, so it misses engine fixes.`);
  },
});
