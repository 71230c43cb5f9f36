/**
 * Credential facts of IAM users, as the credential report and `ListAccessKeys` /
 * `GetAccessKeyLastUsed` give them in `observed` (docs/architecture.md, "Conventions for observed"):
 *
 * - `PasswordEnabled`, `MfaActive` (booleans), `PasswordLastUsed` (date, `N/A` when never), `CreateDate`.
 * - `AccessKeys[]`: `{ AccessKeyId, Status: 'Active' | 'Inactive', CreateDate, LastUsedDate? }`.
 *
 * A template has none of these; for access keys it may declare `AWS::IAM::AccessKey` resources
 * whose `UserName` refers to the user.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { asBoolean, type GraphView } from '../rule.js';
import { hasValue, parseDate } from './time.js';

/** Does the user carry credential report facts at all? */
export function hasCredentialFacts(user: Resource): boolean {
  const o = user.observed;
  return !!o && (o.PasswordEnabled !== undefined || o.MfaActive !== undefined || o.AccessKeys !== undefined);
}

/** One access key of a user. */
export interface AccessKeyFact {
  /** The key id, or `key <n>` when the snapshot does not give it. */
  readonly id: string;
  readonly active: boolean;
  readonly created?: Date;
  /** Last use; `undefined` when never used (or not reported, see `lastUsedReported`). */
  readonly lastUsed?: Date;
  /** `LastUsedDate` was given (a date, or `N/A` for never). */
  readonly lastUsedReported: boolean;
  /** A date field that is present but not a date. */
  readonly malformed?: string;
}

function keyFact(raw: unknown, index: number): AccessKeyFact {
  const k = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const id = typeof k.AccessKeyId === 'string' ? k.AccessKeyId : `key ${index + 1}`;
  // Status is Active or Inactive; a key listed without it (a credential report row) is active.
  const active = k.Status === undefined ? true : k.Status === 'Active';
  const created = parseDate(k.CreateDate);
  const lastUsed = parseDate(k.LastUsedDate);
  let malformed: string | undefined;
  if (hasValue(k.CreateDate) && !created) malformed = `CreateDate of ${id} is not a date`;
  if (hasValue(k.LastUsedDate) && !lastUsed) malformed = `LastUsedDate of ${id} is not a date`;
  // One shape for every key (absent facts are `undefined`), built without spreads.
  return { id, active, created, lastUsed, lastUsedReported: k.LastUsedDate !== undefined, malformed };
}

/** The user's access keys from `observed.AccessKeys`; `undefined` when the snapshot has none listed. */
export function observedAccessKeys(user: Resource): AccessKeyFact[] | undefined {
  const list = user.observed?.AccessKeys;
  return Array.isArray(list) ? list.map(keyFact) : undefined;
}

/**
 * `AWS::IAM::AccessKey` resources of a template that belong to the user (their `UserName` is the
 * user's id or name), with their `Status` (CloudFormation's default is `Active`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-accesskey.html
 */
export function declaredAccessKeys(
  user: Resource,
  graph: GraphView,
): { active: number; unknown: number; ids: string[] } {
  let active = 0;
  let unknown = 0;
  const ids: string[] = [];
  for (const key of graph.referencing(user)) {
    if (key.type !== 'AWS::IAM::AccessKey') continue;
    const status = key.props.Status;
    if (isUnresolved(status)) unknown++;
    else if (status === undefined || status === 'Active') {
      active++;
      ids.push(key.id);
    }
  }
  return { active, unknown, ids };
}

/** `PasswordEnabled` as a boolean, or `undefined`. */
export function passwordEnabled(user: Resource): boolean | undefined {
  return asBoolean(user.observed?.PasswordEnabled);
}
