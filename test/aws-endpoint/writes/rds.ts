/**
 * RDS writes, made in the recordings the reads answer from: the listing `rds/DescribeDBInstances`
 * (what the collector pages through) and the one-instance answer `rds/DescribeDBInstances/<id>`
 * (what a describe by identifier gets), both kept in step; likewise `rds/DescribeDBClusters`.
 *
 * - ModifyDBInstance: `ManageMasterUserPassword=true` adds the `MasterUserSecret` RDS creates
 *   (`cloudrounds rotate rds-master`); `DeletionProtection` applies at once; `BackupRetentionPeriod`
 *   applies at once between two positive periods, and turning backups on or off waits in
 *   `PendingModifiedValues` for the maintenance window unless `ApplyImmediately=true`. A cluster
 *   member's retention belongs to the cluster (`InvalidParameterCombination`).
 *   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
 * - ModifyDBCluster: `DeletionProtection` and `BackupRetentionPeriod` (1 to 35).
 *   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html
 */
import { randomUUID } from 'node:crypto';
import type { FixtureStore } from '../fixtures.js';
import { children, escapeXml, text, type XmlElement } from '../xml.js';
import type { WriteHandler, WriteHandlers, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

interface Kind {
  describe: 'DescribeDBInstances' | 'DescribeDBClusters';
  list: 'DBInstances' | 'DBClusters';
  element: 'DBInstance' | 'DBCluster';
  idMember: 'DBInstanceIdentifier' | 'DBClusterIdentifier';
}

const INSTANCE: Kind = {
  describe: 'DescribeDBInstances',
  list: 'DBInstances',
  element: 'DBInstance',
  idMember: 'DBInstanceIdentifier',
};
const CLUSTER: Kind = {
  describe: 'DescribeDBClusters',
  list: 'DBClusters',
  element: 'DBCluster',
  idMember: 'DBClusterIdentifier',
};

function child(xml: string, parent: XmlElement, name: string): XmlElement | undefined {
  return children(xml, parent.innerStart, parent.innerEnd).find((c) => c.name === name);
}

/** The `<DBInstance>` / `<DBCluster>` of `id` in a Describe answer. */
function findIn(xml: string, kind: Kind, id: string): XmlElement | undefined {
  const top = children(xml)[0];
  const result = top && child(xml, top, `${kind.describe}Result`);
  const list = result && child(xml, result, kind.list);
  if (!list) return undefined;
  return children(xml, list.innerStart, list.innerEnd).find((e) => {
    const name = child(xml, e, kind.idMember);
    return name !== undefined && text(xml, name) === id;
  });
}

/** The value of a member of the element, or undefined. */
function member(xml: string, element: XmlElement, name: string): string | undefined {
  const e = child(xml, element, name);
  return e ? text(xml, e) : undefined;
}

/** The element's XML with member `name` set to `value` (replaced in place, or added last). */
function withMember(element: string, name: string, value: string): string {
  const own = children(element)[0]!;
  const existing = child(element, own, name);
  const node = `<${name}>${escapeXml(value)}</${name}>`;
  if (existing) return element.slice(0, existing.start) + node + element.slice(existing.end);
  return element.slice(0, own.innerEnd) + node + element.slice(own.innerEnd);
}

/** The element with `name` set inside its `PendingModifiedValues` (created when absent). */
function withPending(element: string, name: string, value: string): string {
  const own = children(element)[0]!;
  const pending = child(element, own, 'PendingModifiedValues');
  if (!pending || pending.innerStart === pending.end) {
    const node = `<PendingModifiedValues><${name}>${escapeXml(value)}</${name}></PendingModifiedValues>`;
    return pending
      ? element.slice(0, pending.start) + node + element.slice(pending.end)
      : element.slice(0, own.innerEnd) + node + element.slice(own.innerEnd);
  }
  const inner = withMember(
    `<PendingModifiedValues>${text(element, pending)}</PendingModifiedValues>`,
    name,
    value,
  );
  return element.slice(0, pending.start) + inner + element.slice(pending.end);
}

/**
 * Applies `edit` to the resource in every recording that holds it (the listing and the
 * one-resource answer); the edited element, or undefined when no recording has it.
 */
function modifyRecorded(
  state: WriteState,
  kind: Kind,
  id: string,
  edit: (element: string) => string,
): string | undefined {
  let edited: string | undefined;
  for (const key of [`rds/${kind.describe}`, `rds/${kind.describe}/${id}`]) {
    const xml = state.get(key);
    const found = xml === undefined ? undefined : findIn(xml, kind, id);
    if (xml === undefined || !found) continue;
    const next = edit(xml.slice(found.start, found.end));
    state.set(key, xml.slice(0, found.start) + next + xml.slice(found.end));
    edited ??= next;
  }
  return edited;
}

/** The resource as it is recorded now, or undefined. */
function recorded(state: WriteState, kind: Kind, id: string): string | undefined {
  for (const key of [`rds/${kind.describe}/${id}`, `rds/${kind.describe}`]) {
    const xml = state.get(key);
    const found = xml === undefined ? undefined : findIn(xml, kind, id);
    if (xml !== undefined && found) return xml.slice(found.start, found.end);
  }
  return undefined;
}

function answer(operation: string, element: string): ReturnType<WriteHandler> {
  return ok(
    `<${operation}Response xmlns="${NS}"><${operation}Result>${element}</${operation}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`,
  );
}

/** A boolean query parameter (`true`/`false`), or undefined when absent. */
function flag(value: unknown): boolean | undefined {
  return value === undefined ? undefined : String(value) === 'true';
}

/** A retention period in range, the error RDS answers, or undefined when absent. */
function retention(value: unknown, min: number): number | { error: string } | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 35) {
    return { error: `Invalid backup retention period: ${String(value)}. Valid values are ${min} to 35.` };
  }
  return n;
}

const modifyDBInstance: WriteHandler = (request, state) => {
  const id = String(request.params.DBInstanceIdentifier ?? '');
  const current = recorded(state, INSTANCE, id);
  if (current === undefined) return state.error(404, 'DBInstanceNotFound', `DBInstance ${id} not found.`);
  const own = children(current)[0]!;
  const period = retention(request.params.BackupRetentionPeriod, 0);
  if (typeof period === 'object') return state.error(400, 'InvalidParameterValue', period.error);
  if (period !== undefined && member(current, own, 'DBClusterIdentifier') !== undefined) {
    return state.error(
      400,
      'InvalidParameterCombination',
      'The requested DB Instance will be a member of a DB Cluster. Set backup retention period for the DB Cluster.',
    );
  }
  const applyNow = flag(request.params.ApplyImmediately) === true;
  const protection = flag(request.params.DeletionProtection);
  // The secret RDS creates, the same in every recording of the instance.
  const secret =
    flag(request.params.ManageMasterUserPassword) === true
      ? `<MasterUserSecret><SecretArn>arn:aws:secretsmanager:${request.region}:111122223333:secret:rds!db-${randomUUID()}</SecretArn><SecretStatus>creating</SecretStatus><KmsKeyId>${escapeXml(String(request.params.MasterUserSecretKmsKeyId ?? 'alias/aws/secretsmanager'))}</KmsKeyId></MasterUserSecret>`
      : undefined;
  const edited = modifyRecorded(state, INSTANCE, id, (element) => {
    let next = element;
    if (secret && !next.includes('<MasterUserSecret>')) {
      next = next.replace(/<\/DBInstance>$/, `${secret}</DBInstance>`);
    }
    if (protection !== undefined) next = withMember(next, 'DeletionProtection', String(protection));
    if (period !== undefined) {
      // CreateDBInstance's default is 1 day: a recording without the member has backups on.
      const before = Number(member(current, own, 'BackupRetentionPeriod') ?? 1);
      const outage = (before === 0) !== (period === 0);
      next =
        outage && !applyNow
          ? withPending(next, 'BackupRetentionPeriod', String(period))
          : withMember(next, 'BackupRetentionPeriod', String(period));
    }
    return next;
  });
  return answer('ModifyDBInstance', edited ?? current);
};

const modifyDBCluster: WriteHandler = (request, state) => {
  const id = String(request.params.DBClusterIdentifier ?? '');
  const current = recorded(state, CLUSTER, id);
  if (current === undefined) return state.error(404, 'DBClusterNotFoundFault', `DBCluster ${id} not found.`);
  const period = retention(request.params.BackupRetentionPeriod, 1);
  if (typeof period === 'object') return state.error(400, 'InvalidParameterValue', period.error);
  const protection = flag(request.params.DeletionProtection);
  const edited = modifyRecorded(state, CLUSTER, id, (element) => {
    let next = element;
    if (protection !== undefined) next = withMember(next, 'DeletionProtection', String(protection));
    if (period !== undefined) next = withMember(next, 'BackupRetentionPeriod', String(period));
    return next;
  });
  return answer('ModifyDBCluster', edited ?? current);
};

/** ModifyDBInstance as `cloudrounds rotate rds-master` uses it (the same handler as {@link rdsWrites}). */
export const rdsRotationWrites: WriteHandlers = {
  'rds:ModifyDBInstance': modifyDBInstance,
};

export const rdsWrites: WriteHandlers = {
  'rds:ModifyDBInstance': modifyDBInstance,
  'rds:ModifyDBCluster': modifyDBCluster,
};

/**
 * Records a DB instance or cluster (`members`: its Describe answer's members, in order) in the
 * region's listing and as its one-resource answer, for tests whose account has none.
 */
export function recordDb(
  fixtures: FixtureStore,
  options: { region: string; kind: 'instance' | 'cluster'; id: string; members: Record<string, string> },
): void {
  const kind = options.kind === 'instance' ? INSTANCE : CLUSTER;
  const element = `<${kind.element}><${kind.idMember}>${escapeXml(options.id)}</${kind.idMember}>${Object.entries(
    options.members,
  )
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('')}</${kind.element}>`;
  const document = (inner: string) =>
    `<${kind.describe}Response xmlns="${NS}"><${kind.describe}Result><${kind.list}>${inner}</${kind.list}></${kind.describe}Result><ResponseMetadata><RequestId>{{requestId}}</RequestId></ResponseMetadata></${kind.describe}Response>`;
  const listingKey = `${options.region}/rds/${kind.describe}`;
  const listing = fixtures.get(listingKey);
  const top = listing === undefined ? undefined : children(listing)[0];
  const result = top && child(listing!, top, `${kind.describe}Result`);
  const list = result && child(listing!, result, kind.list);
  // A list written `<DBInstances/>` is opened; any other recording without one is replaced.
  fixtures.set(
    listingKey,
    listing === undefined || !list
      ? document(element)
      : list.innerStart === list.end
        ? `${listing.slice(0, list.start)}<${kind.list}>${element}</${kind.list}>${listing.slice(list.end)}`
        : listing.slice(0, list.innerEnd) + element + listing.slice(list.innerEnd),
  );
  fixtures.set(`${options.region}/rds/${kind.describe}/${options.id}`, document(element));
}
