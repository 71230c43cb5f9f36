import { defineRule, error, fail, pass } from '../rule.js';
import { DB_CLUSTER, describeDb } from './instance.js';
import { flag } from './values.js';

/** Compliant: deletion protection is on for the DB cluster (Aurora or Multi-AZ DB cluster). */
export default defineRule({
  id: 'rds-cluster-deletion-protection-enabled',
  title: 'RDS DB cluster has deletion protection enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [DB_CLUSTER],
  rationale:
    "A cluster's deletion protection makes delete-db-cluster (and a stack update that would delete it) fail until someone turns it off on purpose. Without it, deleting the cluster removes its storage volume, and its automated backups unless they are retained or a final snapshot is taken.",
  remediation: {
    text: 'Turn on deletion protection for the cluster (no downtime).',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --deletion-protection --apply-immediately',
    cloudformation: 'DeletionProtection: true',
    terraform: 'resource "aws_rds_cluster" "this" {\n  # ...\n  deletion_protection = true\n}',
  },
  controls: ['aws-fsbp:RDS.7'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection',
  ],
  evaluate(cluster) {
    const who = describeDb(cluster);
    const on = flag(cluster.props, 'DeletionProtection', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} has deletion protection enabled.`)
      : fail(
          `${who} has deletion protection ${on.defaulted ? 'not configured (off by default)' : 'disabled'}.`,
        );
  },
});
