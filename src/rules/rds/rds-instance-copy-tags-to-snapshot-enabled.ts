import { defineRule, error, fail, pass } from '../rule.js';
import { clusterOwns, DB_INSTANCE, describeDb } from './instance.js';
import { flag } from './values.js';

/**
 * Compliant: the DB instance copies its tags to its snapshots. Members of a DB cluster are not
 * applicable (the cluster's setting applies to cluster snapshots).
 */
export default defineRule({
  id: 'rds-instance-copy-tags-to-snapshot-enabled',
  title: 'RDS DB instance copies its tags to snapshots',
  category: 'compliance',
  severity: 'low',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'Tags carry ownership, data classification, cost allocation and the keys that tag-based IAM policies and backup selections use. Snapshots taken without them are untraceable and unprotected by tag-based access control, which matters most for the copies that outlive the database.',
  remediation: {
    text: 'Turn on copying tags to snapshots (applies to snapshots taken from then on).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --copy-tags-to-snapshot',
    cloudformation: 'CopyTagsToSnapshot: true',
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  copy_tags_to_snapshot = true\n}',
  },
  controls: ['aws-fsbp:RDS.17'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags',
  ],
  evaluate(db) {
    const owned = clusterOwns(db, 'copy-tags-to-snapshot setting');
    if (owned) return owned;
    const who = describeDb(db);
    // CopyTagsToSnapshot defaults to false.
    const on = flag(db.props, 'CopyTagsToSnapshot', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} copies its tags to snapshots.`)
      : fail(
          `${who} does not copy its tags to snapshots${on.defaulted ? ' (CopyTagsToSnapshot not set)' : ''}.`,
        );
  },
});
