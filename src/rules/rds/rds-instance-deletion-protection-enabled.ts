import { defineRule, error, fail, pass } from '../rule.js';
import { clusterOwns, DB_INSTANCE, describeDb } from './instance.js';
import { flag } from './values.js';

/**
 * Compliant: deletion protection is on for the DB instance. Members of a DB cluster are not
 * applicable (deletion protection is a cluster setting; see rds-cluster-deletion-protection-enabled).
 */
export default defineRule({
  id: 'rds-instance-deletion-protection-enabled',
  title: 'RDS DB instance has deletion protection enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'With deletion protection on, a delete-db-instance call, a console click or a CloudFormation stack update that replaces or removes the database fails until someone turns the protection off on purpose. Without it one mistaken command deletes the database, and its automated backups with it unless a final snapshot or retained backups were requested.',
  remediation: {
    text: 'Turn on deletion protection (no downtime). In CloudFormation also set DeletionPolicy: Snapshot on the resource.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --deletion-protection --apply-immediately',
    cloudformation: 'DeletionProtection: true',
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  deletion_protection = true\n}',
  },
  controls: ['aws-fsbp:RDS.8'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection',
  ],
  evaluate(db) {
    const owned = clusterOwns(db, 'deletion protection');
    if (owned) return owned;
    const who = describeDb(db);
    // CloudFormation and CreateDBInstance default DeletionProtection to false.
    const on = flag(db.props, 'DeletionProtection', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} has deletion protection enabled.`)
      : fail(
          `${who} has deletion protection ${on.defaulted ? 'not configured (off by default)' : 'disabled'}.`,
        );
  },
});
