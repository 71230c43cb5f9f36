import type { Resource } from '../../model/index.js';
import { isUnresolved } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, prop, type GraphView } from '../rule.js';
import { clusterOwns, DB_CLUSTER, DB_INSTANCE, describeDb, replicaSource } from './instance.js';
import { flag, referencedNames, names } from './values.js';

const SECRET = 'AWS::SecretsManager::Secret';
const ROTATION = 'AWS::SecretsManager::RotationSchedule';
/** `{{resolve:secretsmanager:<secret-id>:SecretString:<key>...}}`; the id may be an ARN (with colons). */
const DYNAMIC_REFERENCE =
  /\{\{resolve:secretsmanager:(arn:[^:]+:secretsmanager:[^:]+:[^:]+:secret:[^:}]+|[^:}]+)/;

/** The Secrets Manager secret a dynamic reference in MasterUserPassword points to, if any. */
function referencedSecret(db: Resource, graph: GraphView): Resource | 'unknown' | undefined {
  const value = db.props.MasterUserPassword;
  if (typeof value === 'string') {
    const id = DYNAMIC_REFERENCE.exec(value)?.[1];
    return id === undefined ? undefined : (graph.resolve(id, SECRET, db) ?? 'unknown');
  }
  if (isUnresolved(value)) {
    // A password passed in through a parameter or an import counts as set by hand: nothing in
    // the snapshot says it comes from, or is rotated in, Secrets Manager.
    if (!JSON.stringify(value.expression).includes('resolve:secretsmanager')) return undefined;
    for (const name of referencedNames(value)) {
      const secret = graph.get(name, SECRET, db);
      if (secret) return secret;
    }
    return 'unknown';
  }
  return undefined;
}

function rotated(secret: Resource, graph: GraphView): boolean {
  if (secret.observed?.RotationEnabled === true) return true;
  return graph.byType(ROTATION).some((r) => names(r.props.SecretId, secret));
}

/**
 * Compliant: the master user password is managed by RDS in Secrets Manager
 * (ManageMasterUserPassword, which RDS rotates), or kept in a Secrets Manager secret that has a
 * rotation schedule. Read replicas and cluster members (no master user of their own) are not
 * applicable.
 */
export default defineRule({
  id: 'rds-instance-master-password-managed',
  title: 'RDS master user password is kept and rotated in Secrets Manager',
  category: 'security',
  severity: 'medium',
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  rationale:
    'A master password set by hand ends up in templates, tickets and scripts and is never changed, because changing it means finding every copy. With ManageMasterUserPassword, RDS generates the password, stores it in Secrets Manager encrypted with KMS and rotates it (every 7 days by default); applications read it from the secret, so rotation breaks nothing and nobody needs to know it.',
  remediation: {
    text: 'Turn on RDS management of the master password (RDS creates and rotates the secret), and point applications at the secret instead of a copied password.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --manage-master-user-password --apply-immediately',
    cloudformation: 'ManageMasterUserPassword: true\n# and remove MasterUserPassword',
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  manage_master_user_password = true\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html',
  ],
  evaluate(db, ctx) {
    const who = describeDb(db);
    if (db.type === DB_INSTANCE) {
      const owned = clusterOwns(db, 'master user password');
      if (owned) return owned;
      const source = replicaSource(db);
      if (!source.known) return error(`${who}: ${source.reason}.`);
      if (source.value !== undefined) {
        return notApplicable(() => `${who} is a read replica of ${source.value} and shares its master user.`);
      }
    }
    const managed = flag(db.props, 'ManageMasterUserPassword', false);
    if (!managed.known) return error(`${who}: ${managed.reason}.`);
    const secretInfo = prop(db.props, 'MasterUserSecret');
    if (
      managed.value ||
      (secretInfo.known && secretInfo.value !== undefined) ||
      db.observed?.MasterUserSecret
    ) {
      return pass(() => `${who} has its master password managed and rotated by RDS in Secrets Manager.`);
    }
    const secret = referencedSecret(db, ctx.graph);
    if (secret === 'unknown') {
      return error(
        `${who} reads its master password from a Secrets Manager secret that is not in the snapshot, so its rotation is not known.`,
      );
    }
    if (secret) {
      return rotated(secret, ctx.graph)
        ? pass(
            () =>
              `${who} reads its master password from secret ${label(secret)}, which has rotation configured.`,
          )
        : fail(`${who} reads its master password from secret ${label(secret)}, which is never rotated.`);
    }
    return fail(
      `${who} has a master password set by hand, not managed in Secrets Manager, so it is never rotated.`,
    );
  },
});
