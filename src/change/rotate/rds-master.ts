/**
 * `cloudrounds rotate rds-master --db D`: moves the master password of an RDS instance (or, for an
 * Aurora member, of its cluster, where the master user lives) to RDS-managed credentials in Secrets
 * Manager, which RDS then rotates itself. One journalled call: ModifyDBInstance / ModifyDBCluster with
 * ManageMasterUserPassword=true.
 *
 * Honest about reversal: turning management on replaces the current master password with one RDS
 * generates, which nobody knew before; turning it off again requires setting a new password, which
 * cloudrounds will not invent. So the undo is "irreversible" with the command that does it by hand.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
 */
import { InputError } from '../../model/index.js';
import type { AwsCall } from '../../rules/fix.js';
import type { ChangeJournal } from '../../store/changes/index.js';
import './actions.js';
import { AwsCallError, type Dispatcher } from '../dispatch.js';
import { applyPlan, type ApplyResult, type ChangePlan } from '../executor.js';

export { RDS_MASTER_ACTIONS } from './actions.js';

export interface RdsMasterOptions {
  db: string;
  account: string;
  region: string;
  /** A customer managed KMS key for the secret; default the `aws/secretsmanager` key. */
  kmsKeyId?: string;
  apply: boolean;
  dispatcher: Dispatcher;
  journal?: ChangeJournal;
}

export interface RdsMasterReport {
  db: string;
  /** `instance`, or `cluster` when the instance is an Aurora member. */
  target: { kind: 'instance' | 'cluster'; id: string };
  /** True when RDS manages the master password already: nothing to do. */
  alreadyManaged: boolean;
  secretArn?: string;
  plan?: ChangePlan;
  result?: ApplyResult;
  notes: string[];
}

const rds = (o: RdsMasterOptions, operation: string, input: Record<string, unknown>): AwsCall => ({
  client: 'rds',
  operation,
  input,
  action: `rds:${operation}`,
  account: o.account,
  region: o.region,
});

interface Described {
  DBClusterIdentifier?: string;
  MasterUserSecret?: { SecretArn?: string; SecretStatus?: string };
  Engine?: string;
}

async function describe(
  o: RdsMasterOptions,
  kind: 'instance' | 'cluster',
  id: string,
): Promise<Described | undefined> {
  const out =
    kind === 'instance'
      ? await o.dispatcher.send(rds(o, 'DescribeDBInstances', { DBInstanceIdentifier: id }))
      : await o.dispatcher.send(rds(o, 'DescribeDBClusters', { DBClusterIdentifier: id }));
  const list = (kind === 'instance' ? out.DBInstances : out.DBClusters) as Described[] | undefined;
  return list?.[0];
}

/** Plans (default) or applies the move to RDS-managed master credentials. */
export async function rotateRdsMaster(o: RdsMasterOptions): Promise<RdsMasterReport> {
  let instance: Described | undefined;
  try {
    instance = await describe(o, 'instance', o.db);
  } catch (error) {
    if (error instanceof AwsCallError && /NotFound/.test(error.error.code)) instance = undefined;
    else throw error;
  }
  if (!instance) throw new InputError(`no RDS instance ${o.db} in ${o.account}/${o.region}`);
  const clusterId = instance.DBClusterIdentifier;
  const target = clusterId
    ? { kind: 'cluster' as const, id: clusterId }
    : { kind: 'instance' as const, id: o.db };
  const current = clusterId ? await describe(o, 'cluster', clusterId) : instance;
  const report: RdsMasterReport = { db: o.db, target, alreadyManaged: false, notes: [] };
  if (clusterId)
    report.notes.push(`${o.db} is a member of Aurora cluster ${clusterId}: the master user is the cluster's`);
  const secret = current?.MasterUserSecret?.SecretArn;
  if (secret) {
    report.alreadyManaged = true;
    report.secretArn = secret;
    report.notes.push(`RDS already manages the master password in ${secret}`);
    return report;
  }
  const input: Record<string, unknown> = {
    [clusterId ? 'DBClusterIdentifier' : 'DBInstanceIdentifier']: target.id,
    ManageMasterUserPassword: true,
    // Applied at once: the setting is not a maintenance-window change.
    ApplyImmediately: true,
    ...(o.kmsKeyId ? { MasterUserSecretKmsKeyId: o.kmsKeyId } : {}),
  };
  const operation = clusterId ? 'ModifyDBCluster' : 'ModifyDBInstance';
  const manual =
    `aws rds ${clusterId ? 'modify-db-cluster --db-cluster-identifier' : 'modify-db-instance --db-instance-identifier'} ${target.id} ` +
    '--no-manage-master-user-password --master-user-password <a new password> --apply-immediately';
  report.notes.push(
    'the current master password stops working: RDS sets a generated one, kept in Secrets Manager and rotated every 7 days; clients must read it from the secret',
  );
  report.plan = {
    kind: 'rotate',
    title: `Move the master password of RDS ${target.kind} ${target.id} to RDS-managed credentials in Secrets Manager`,
    steps: [
      {
        description: `Turn on ManageMasterUserPassword for ${target.kind} ${target.id}${o.kmsKeyId ? ` (secret encrypted with ${o.kmsKeyId})` : ''}`,
        call: rds(o, operation, input),
        capture: clusterId
          ? rds(o, 'DescribeDBClusters', { DBClusterIdentifier: target.id })
          : rds(o, 'DescribeDBInstances', { DBInstanceIdentifier: target.id }),
        undo: () => ({
          irreversible: `the previous master password is replaced by RDS and was never known to cloudrounds; to stop RDS management, set a new password by hand: ${manual}`,
        }),
        resource: {
          type: clusterId ? 'AWS::RDS::DBCluster' : 'AWS::RDS::DBInstance',
          id: target.id,
          account: o.account,
          region: o.region,
        },
      },
    ],
  };
  if (!o.apply) {
    report.result = await applyPlan(report.plan);
    return report;
  }
  if (!o.journal) throw new Error('rotateRdsMaster: applying needs a journal');
  report.result = await applyPlan(report.plan, {
    dryRun: false,
    dispatcher: o.dispatcher,
    journal: o.journal,
  });
  if (!report.result.dryRun && report.result.status === 'applied') {
    const after = await describe(o, target.kind, target.id);
    if (after?.MasterUserSecret?.SecretArn) report.secretArn = after.MasterUserSecret.SecretArn;
  }
  return report;
}
