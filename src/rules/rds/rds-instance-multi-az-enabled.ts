import { defineRule, error, fail, pass } from '../rule.js';
import { clusterOwns, DB_INSTANCE, describeDb, replicaSource } from './instance.js';
import { flag } from './values.js';

/**
 * Compliant: the DB instance is a Multi-AZ deployment (a synchronous standby in another
 * Availability Zone). Members of a DB cluster are not applicable: the cluster's instances spread
 * over Availability Zones instead.
 */
export default defineRule({
  id: 'rds-instance-multi-az-enabled',
  title: 'RDS DB instance is a Multi-AZ deployment',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'A Multi-AZ instance keeps a synchronous standby in a second Availability Zone and fails over to it automatically (typically in one to two minutes) when the primary, its storage or its zone fails, and during maintenance. A Single-AZ instance is down until it is repaired or restored. Multi-AZ is not a backup: a dropped table is dropped on the standby too, which is what automated backups and point-in-time restore are for.',
  remediation: {
    text: 'Convert the instance to Multi-AZ (no downtime; the standby is built from a snapshot). For read scaling and cross-region recovery add read replicas; they do not fail over automatically.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --multi-az --apply-immediately',
    cloudformation: 'MultiAZ: true',
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  multi_az = true\n}',
  },
  controls: ['aws-fsbp:RDS.5', 'cis-aws-v5.0:2.2.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html',
  ],
  evaluate(db) {
    const owned = clusterOwns(db, 'Availability Zone placement');
    if (owned) return owned;
    const who = describeDb(db);
    // CloudFormation: MultiAZ defaults to false.
    const multiAz = flag(db.props, 'MultiAZ', false);
    if (!multiAz.known) return error(`${who}: ${multiAz.reason}.`);
    if (multiAz.value) return pass(() => `${who} is Multi-AZ: it fails over automatically to a standby.`);
    const source = replicaSource(db);
    const what = source.known && source.value !== undefined ? ` (a read replica of ${source.value})` : '';
    return fail(
      `${who}${what} is Single-AZ${multiAz.defaulted ? ' (MultiAZ not set)' : ''}: an Availability Zone failure takes it down with no automatic failover.`,
    );
  },
});
