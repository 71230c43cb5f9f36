import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { clusterOwns, DB_INSTANCE, describeDb, engineFamily, engineOf } from './instance.js';
import { flag } from './values.js';

/** Engines that support IAM database authentication. */
const SUPPORTED = new Set(['mysql', 'mariadb', 'postgres']);

/**
 * Compliant: IAM database authentication is enabled on a MySQL, MariaDB or PostgreSQL DB
 * instance. Other engines and members of a DB cluster (RDS.12 checks the cluster) are not
 * applicable.
 */
export default defineRule({
  id: 'rds-instance-iam-authentication-enabled',
  title: 'RDS DB instance accepts IAM database authentication',
  category: 'security',
  severity: 'medium',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'With IAM database authentication, applications and people sign in with short-lived tokens (15 minutes) issued to their IAM role instead of a long-lived database password kept in configuration files; access is granted and revoked in IAM, appears in CloudTrail, and connections must use TLS.',
  remediation: {
    text: 'Enable IAM database authentication, create the database users with the AWS authentication plugin (MySQL/MariaDB) or the rds_iam role (PostgreSQL), and grant rds-db:connect to the roles that use them.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --enable-iam-database-authentication --apply-immediately',
    cloudformation: 'EnableIAMDatabaseAuthentication: true',
    terraform:
      'resource "aws_db_instance" "this" {\n  # ...\n  iam_database_authentication_enabled = true\n}',
  },
  controls: ['aws-fsbp:RDS.10'],
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
  evaluate(db) {
    const owned = clusterOwns(db, 'IAM authentication setting');
    if (owned) return owned;
    const who = describeDb(db);
    const engine = engineOf(db);
    if (!engine.known) return error(`${who}: ${engine.reason}.`);
    if (engine.value !== undefined && !SUPPORTED.has(engineFamily(engine.value))) {
      return notApplicable(
        () => `${who} runs ${engine.value}, which does not support IAM database authentication.`,
      );
    }
    const on = flag(db.props, 'EnableIAMDatabaseAuthentication', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} accepts IAM database authentication.`)
      : fail(
          `${who} accepts only database passwords (IAM database authentication ${on.defaulted ? 'not configured' : 'disabled'}).`,
        );
  },
});
