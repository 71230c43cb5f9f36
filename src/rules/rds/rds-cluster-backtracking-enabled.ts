import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { DB_CLUSTER, describeDb, engineOf } from './instance.js';
import { count, text } from './values.js';

/**
 * Compliant: an Aurora MySQL cluster has a backtrack window (BacktrackWindow > 0 seconds). Other
 * engines, and Aurora Serverless v1, do not support backtracking and are not applicable.
 */
export default defineRule({
  id: 'rds-cluster-backtracking-enabled',
  title: 'Aurora MySQL cluster has backtracking enabled',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [DB_CLUSTER],
  rationale:
    'Backtracking rewinds an Aurora MySQL cluster in place to a point in the backtrack window (up to 72 hours) in minutes, without restoring a new cluster, which makes undoing a bad DELETE or a failed migration fast. Point-in-time restore still works without it but creates a new cluster and takes far longer for a large database. Backtracking can only be turned on when the cluster is created or restored.',
  remediation: {
    text: 'Restore the cluster (from a snapshot or to a point in time) with a backtrack window, for example 24 hours, and move the application to it; set BacktrackWindow on new Aurora MySQL clusters.',
    cli: 'aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier <cluster> --db-cluster-identifier <new-cluster> --use-latest-restorable-time --backtrack-window 86400',
    cloudformation: 'BacktrackWindow: 86400',
    terraform: 'resource "aws_rds_cluster" "this" {\n  # ...\n  backtrack_window = 86400\n}',
  },
  controls: ['aws-fsbp:RDS.14'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html',
  ],
  evaluate(cluster) {
    const who = describeDb(cluster);
    const engine = engineOf(cluster);
    if (!engine.known) return error(`${who}: ${engine.reason}.`);
    // "aurora" is the Aurora MySQL 5.6-compatible engine name.
    if (engine.value !== 'aurora-mysql' && engine.value !== 'aurora') {
      return notApplicable(
        () => `${who} runs ${engine.value ?? 'an unnamed engine'}; backtracking is an Aurora MySQL feature.`,
      );
    }
    const mode = text(cluster.props, 'EngineMode');
    if (!mode.known) return error(`${who}: ${mode.reason}.`);
    if (mode.value === 'serverless')
      return notApplicable(() => `${who} is Aurora Serverless v1, which does not support backtracking.`);
    const window = count(cluster.props, 'BacktrackWindow', 0);
    if (!window.known) return error(`${who}: ${window.reason}.`);
    if (window.value <= 0)
      return fail(`${who} has backtracking off (BacktrackWindow ${window.defaulted ? 'not set' : '0'}).`);
    return pass(() => `${who} can backtrack ${Math.round((window.value / 3600) * 10) / 10} hours.`);
  },
});
