import { defineRule, error, fail, pass } from '../rule.js';
import { text } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/** Compliant: the cluster's first database is not named `dev`, Redshift's default. */
export default defineRule({
  id: 'redshift-cluster-database-name-not-default',
  title: 'Redshift cluster database has a custom name',
  category: 'security',
  severity: 'low',
  resourceTypes: [CLUSTER],
  rationale:
    'dev is the database Redshift creates when no name is given, so it is what scripts and attackers try first; a database literally named dev also invites people to treat production as a development playground. A custom name costs nothing at creation, but changing it later means a new cluster.',
  remediation: {
    text: 'Create the cluster with a database name that says what it holds; for an existing cluster, create a new database and move the data, or restore into a new cluster.',
    cli: 'aws redshift create-cluster --cluster-identifier <cluster> --db-name analytics ...',
    cloudformation: 'DBName: analytics',
    terraform: 'resource "aws_redshift_cluster" "this" {\n  # ...\n  database_name = "analytics"\n}',
  },
  controls: ['aws-fsbp:Redshift.9'],
  references: ['https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html'],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    // CreateCluster: "Default: dev".
    const db = text(cluster.props, 'DBName');
    if (!db.known) return error(`${who}: ${db.reason}.`);
    if (db.value === undefined || db.value.toLowerCase() === 'dev') {
      return fail(
        `${who} uses the default database name dev${db.value === undefined ? ' (DBName not set)' : ''}.`,
      );
    }
    return pass(() => `${who} uses the database name ${db.value}.`);
  },
});
