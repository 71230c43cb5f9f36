import { defineRule, error, fail, pass } from '../rule.js';
import { DB_INSTANCE, describeDb } from './instance.js';
import { flag } from './values.js';

/** Compliant: RDS applies minor engine versions automatically in the maintenance window. */
export default defineRule({
  id: 'rds-instance-auto-minor-version-upgrade-enabled',
  title: 'RDS DB instance applies minor engine upgrades automatically',
  category: 'security',
  severity: 'medium',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'Minor engine versions carry security fixes and bug fixes without incompatible changes. With automatic minor version upgrades RDS installs them in the maintenance window; without, the instance stays on a version with known vulnerabilities until someone upgrades it by hand, or until RDS forces the upgrade when the version reaches end of support.',
  remediation: {
    text: 'Turn on automatic minor version upgrades and choose a maintenance window that suits the workload.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --auto-minor-version-upgrade --preferred-maintenance-window sun:04:00-sun:04:30',
    cloudformation: 'AutoMinorVersionUpgrade: true',
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  auto_minor_version_upgrade = true\n}',
  },
  controls: ['aws-fsbp:RDS.13', 'cis-aws-v5.0:2.2.2'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades',
  ],
  evaluate(db) {
    const who = describeDb(db);
    // CloudFormation and CreateDBInstance default AutoMinorVersionUpgrade to true.
    const on = flag(db.props, 'AutoMinorVersionUpgrade', true);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(
          () => `${who} applies minor engine upgrades automatically${on.defaulted ? ' (the default)' : ''}.`,
        )
      : fail(
          `${who} has automatic minor version upgrades disabled, so security fixes wait for a manual upgrade.`,
        );
  },
});
