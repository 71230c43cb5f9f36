/**
 * What a trail records and whom it covers, read from its CloudFormation-shaped props (and the
 * `GetTrailStatus` facts in `observed` when a live source has them).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
 */
import { UNKNOWN_ACCOUNT, type Resource } from '../../model/index.js';
import { follow, type Link } from '../cloudwatch/references.js';
import { memberAccountId, ORG_ACCOUNT } from '../config/accounts.js';
import { asBoolean, known, label, prop, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';

export const TRAIL = 'AWS::CloudTrail::Trail';

/** A fact about a trail, or why it is not known. */
export type Fact<T> =
  { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

/** A boolean property with its CloudFormation default when absent. */
export function flag(trail: Resource, name: string, absent: boolean): Fact<boolean> {
  const value = prop(trail.props, name);
  if (!value.known) return value;
  if (value.value === undefined) return { known: true, value: absent };
  const b = asBoolean(value.value);
  return b === undefined
    ? { known: false, reason: `${name} is ${JSON.stringify(value.value)}, not a boolean` }
    : { known: true, value: b };
}

/** `IsMultiRegionTrail` (CloudFormation default: false). */
export function multiRegion(trail: Resource): Fact<boolean> {
  return flag(trail, 'IsMultiRegionTrail', false);
}

/**
 * Whether the trail is logging: `observed.IsLogging` (GetTrailStatus) wins over the `IsLogging`
 * prop. An absent prop is taken as logging (CloudFormation requires it; Terraform's
 * `enable_logging` defaults to true); an unresolved one, such as a live status that was not read,
 * is not known.
 */
export function logging(trail: Resource): Fact<boolean> {
  const live = trail.observed?.IsLogging;
  if (typeof live === 'boolean') return { known: true, value: live };
  const value = prop(trail.props, 'IsLogging');
  if (!value.known) return value;
  return { known: true, value: asBoolean(value.value) !== false };
}

/** True when the trail is known to be stopped (see {@link logging}). */
export function stopped(trail: Resource): boolean {
  const on = logging(trail);
  return on.known && !on.value;
}

/** Which management events a trail records. */
export type ManagementEvents = 'all' | 'read' | 'write' | 'none';

/**
 * Management events recorded, from `AdvancedEventSelectors` (which replace basic selectors when
 * set), else `EventSelectors`, else the default: all management events, read and write.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html
 */
export function managementEvents(trail: Resource): Fact<ManagementEvents> {
  const advanced = prop(trail.props, 'AdvancedEventSelectors');
  if (!advanced.known) return advanced;
  if (Array.isArray(advanced.value) && advanced.value.length > 0) return fromAdvanced(advanced.value);
  const basic = prop(trail.props, 'EventSelectors');
  if (!basic.known) return basic;
  if (!Array.isArray(basic.value) || basic.value.length === 0) return { known: true, value: 'all' };
  let read = false;
  let write = false;
  for (let i = 0; i < basic.value.length; i++) {
    const selector = known(basic.value[i], `EventSelectors[${i}]`);
    if (!selector.known) return selector;
    const s = (selector.value ?? {}) as Record<string, unknown>;
    const include = known(s.IncludeManagementEvents, `EventSelectors[${i}].IncludeManagementEvents`);
    const type = known(s.ReadWriteType, `EventSelectors[${i}].ReadWriteType`);
    if (!include.known) return include;
    if (!type.known) return type;
    // IncludeManagementEvents defaults to true, ReadWriteType to All.
    if (asBoolean(include.value) === false) continue;
    const rw = type.value ?? 'All';
    if (rw === 'All' || rw === 'ReadOnly') read = true;
    if (rw === 'All' || rw === 'WriteOnly') write = true;
  }
  return { known: true, value: combine(read, write) };
}

function fromAdvanced(selectors: readonly unknown[]): Fact<ManagementEvents> {
  let read = false;
  let write = false;
  for (let i = 0; i < selectors.length; i++) {
    const selector = known(selectors[i], `AdvancedEventSelectors[${i}]`);
    if (!selector.known) return selector;
    const fields = (selector.value as { FieldSelectors?: unknown } | undefined)?.FieldSelectors;
    if (!Array.isArray(fields)) continue;
    let management = false;
    let readOnly: string | undefined;
    for (const f of fields) {
      const field = known(f, `AdvancedEventSelectors[${i}].FieldSelectors`);
      if (!field.known) return field;
      const { Field, Equals } = (field.value ?? {}) as { Field?: unknown; Equals?: unknown };
      const equals = Array.isArray(Equals) ? Equals : [];
      if (Field === 'eventCategory' && equals.includes('Management')) management = true;
      if (Field === 'readOnly' && equals.length === 1) readOnly = String(equals[0]);
    }
    if (!management) continue;
    if (readOnly !== 'false') read = true;
    if (readOnly !== 'true') write = true;
  }
  return { known: true, value: combine(read, write) };
}

function combine(read: boolean, write: boolean): ManagementEvents {
  if (read && write) return 'all';
  if (read) return 'read';
  if (write) return 'write';
  return 'none';
}

/** How a reason says what a trail records. */
export function managementText(events: ManagementEvents): string {
  switch (events) {
    case 'all':
      return 'read and write management events';
    case 'read':
      return 'only read-only management events';
    case 'write':
      return 'only write management events';
    case 'none':
      return 'no management events (data events only)';
  }
}

/**
 * Whether the trail records the account's activity: a trail of the account itself, or an
 * organisation trail (`IsOrganizationTrail`) of the management account that lists the account
 * as a member (`AWS::Organizations::Account` resources of the trail's account). Templates have no
 * account: there a trail covers the resources of its own file (`near`).
 */
export function coversAccount(
  trail: Resource,
  accountId: string,
  graph: GraphView,
  near?: Resource,
): boolean {
  if (accountId === UNKNOWN_ACCOUNT) return near !== undefined && trail.origin.file === near.origin.file;
  if (trail.account === accountId) return true;
  if (asBoolean(trail.props.IsOrganizationTrail) !== true) return false;
  return trailIndex(graph).members.get(trail.account)?.has(accountId) ?? false;
}

/**
 * True when the trail is known to be the kind CloudTrail.1 and CIS 3.1 ask for: multi-region,
 * logging, and recording read and write management events.
 */
export function recordsAllManagementEverywhere(trail: Resource): boolean {
  const multi = multiRegion(trail);
  const on = logging(trail);
  const events = managementEvents(trail);
  return multi.known && multi.value && on.known && on.value && events.known && events.value === 'all';
}

interface TrailIndex {
  /** Member account ids (`AWS::Organizations::Account`) by the account that lists them. */
  readonly members: ReadonlyMap<string, ReadonlySet<string>>;
  /** The trails that record all management events everywhere, in snapshot order. */
  readonly full: readonly Resource[];
  readonly fullByAccount: ReadonlyMap<string, readonly Resource[]>;
  /** The full trails that are organisation trails. */
  readonly fullOrganisation: readonly Resource[];
  /** Answers of {@link coveringTrails}, by account (and file for templates). */
  readonly covering: Map<string, readonly Resource[]>;
}

const trailIndexes = new WeakMap<GraphView, TrailIndex>();

/**
 * Trails and organisation members, read once per graph: the trail rules run for every trail and
 * account of the organisation and would otherwise read every trail and member for each.
 */
function trailIndex(graph: GraphView): TrailIndex {
  let index = trailIndexes.get(graph);
  if (index) return index;
  const members = new Map<string, Set<string>>();
  for (const m of graph.byType(ORG_ACCOUNT)) {
    const id = memberAccountId(m);
    if (id === undefined) continue;
    const set = members.get(m.account);
    if (set) set.add(id);
    else members.set(m.account, new Set([id]));
  }
  const full = graph.byType(TRAIL).filter(recordsAllManagementEverywhere);
  const fullByAccount = new Map<string, Resource[]>();
  for (const t of full) {
    const list = fullByAccount.get(t.account);
    if (list) list.push(t);
    else fullByAccount.set(t.account, [t]);
  }
  const fullOrganisation = full.filter((t) => asBoolean(t.props.IsOrganizationTrail) === true);
  index = { members, full, fullByAccount, fullOrganisation, covering: new Map() };
  trailIndexes.set(graph, index);
  return index;
}

/**
 * The trails that record all management events in every region for the account, in snapshot
 * order: the trails for which {@link recordsAllManagementEverywhere} and {@link coversAccount}
 * hold (`near` places template resources, which have no account).
 */
export function coveringTrails(accountId: string, graph: GraphView, near?: Resource): readonly Resource[] {
  const index = trailIndex(graph);
  const key = accountId === UNKNOWN_ACCOUNT ? `${accountId} ${near?.origin.file ?? ''}` : accountId;
  let trails = index.covering.get(key);
  if (trails) return trails;
  if (accountId === UNKNOWN_ACCOUNT) {
    trails = index.full.filter((t) => coversAccount(t, accountId, graph, near));
  } else {
    const own = index.fullByAccount.get(accountId) ?? [];
    const organisation = index.fullOrganisation.filter(
      (t) => t.account !== accountId && coversAccount(t, accountId, graph, near),
    );
    trails =
      organisation.length === 0
        ? own
        : index.full.filter((t) => t.account === accountId || organisation.includes(t));
  }
  index.covering.set(key, trails);
  return trails;
}

/**
 * The first trail other than `except` that records all management events in every region for
 * the account (`near` places template resources, which have no account).
 */
export function coveringTrail(
  accountId: string,
  graph: GraphView,
  near?: Resource,
  except?: Resource,
): Resource | undefined {
  return coveringTrails(accountId, graph, near).find((t) => t !== except);
}

/**
 * Why a trail that covers the account may be missing from the snapshot: the trail listing failed in
 * a region of the account (a multi-region trail lives in its home region, which can be any), or in
 * an account whose organisation lists it as a member (where an organisation trail would live).
 * `undefined` when every place such a trail could be was read.
 */
export function coveringTrailUnread(accountId: string, graph: GraphView): string | undefined {
  const own = unreadReason(graph, TRAIL, accountId);
  if (own !== undefined) return own;
  for (const [management, members] of trailIndex(graph).members) {
    if (management === accountId || !members.has(accountId)) continue;
    const unread = unreadReason(graph, TRAIL, management);
    if (unread !== undefined) return unread;
  }
  return undefined;
}

export const BUCKET = 'AWS::S3::Bucket';

/** How a reason names the trail's bucket when it is not in the snapshot. */
export function bucketText(link: Link): string {
  return link.kind === 'found' ? label(link.resource) : link.kind === 'outside' ? link.ref : 'its bucket';
}

/** The bucket the trail delivers to (`S3BucketName`: a bucket name, or a Ref to a template bucket). */
export function trailBucket(trail: Resource, graph: GraphView): Link {
  return follow(trail.props.S3BucketName, 'S3BucketName', BUCKET, graph, trail);
}
