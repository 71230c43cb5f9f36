/**
 * Who can reach a bucket: its Block Public Access settings (bucket and account level combined, most
 * restrictive wins), its ACL grants, and its bucket policy. Shared by the public-access rules of
 * S3 and by the CloudFront origin rule ("can users bypass the distribution?").
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
import { isUnresolved, UNKNOWN_ACCOUNT, type Resource } from '../../model/index.js';
import {
  asBoolean,
  describeUnresolved,
  isPlanned,
  known,
  prop,
  type Known,
  type RuleContext,
} from '../rule.js';
import { unreadReason } from '../unread.js';
import { describeGrants, publicGrants, readPolicy } from './policy.js';

export const ACCOUNT_BLOCK_TYPE = 'AWS::S3::AccountPublicAccessBlock';
export const BPA_FLAGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;
export type BpaFlag = (typeof BPA_FLAGS)[number];

/**
 * One setting of the account-level block. Its props hold the four flags at the top level, as the
 * s3control API, AWS Config and Terraform's `aws_s3_account_public_access_block` do; the bucket
 * shape (`PublicAccessBlockConfiguration.<flag>`) is read too.
 */
export function accountFlag(account: Resource, flag: BpaFlag): Known {
  const top = known(account.props[flag], flag);
  return top.known && top.value === undefined ? prop(account.props, NESTED_FLAG[flag]) : top;
}

/** `PublicAccessBlockConfiguration.<flag>`, written once rather than on every read. */
const NESTED_FLAG: Readonly<Record<BpaFlag, string>> = {
  BlockPublicAcls: 'PublicAccessBlockConfiguration.BlockPublicAcls',
  IgnorePublicAcls: 'PublicAccessBlockConfiguration.IgnorePublicAcls',
  BlockPublicPolicy: 'PublicAccessBlockConfiguration.BlockPublicPolicy',
  RestrictPublicBuckets: 'PublicAccessBlockConfiguration.RestrictPublicBuckets',
};

/** Whether one Block Public Access setting is in force for a bucket, and from where. */
export type FlagState =
  | { readonly on: true; readonly by: 'bucket' | 'default' | 'account' }
  | { readonly on: false }
  | { readonly on: 'unknown'; readonly reason: string };

export interface EffectiveBlock {
  readonly flags: Readonly<Record<BpaFlag, FlagState>>;
  /** The account-level settings found for the bucket's account, if any. */
  readonly account?: Resource;
  /** The bucket is planned and states no configuration, so S3's default for new buckets (all on) applies. */
  readonly bucketDefault: boolean;
}

/** One setting of a bucket's `PublicAccessBlockConfiguration` (absent when that is not an object). */
function settingOf(config: unknown, flag: BpaFlag): unknown {
  return config !== null && typeof config === 'object'
    ? (config as Record<string, unknown>)[flag]
    : undefined;
}

/** The states that carry no reason, shared by every bucket. */
const ON_BY_DEFAULT: FlagState = { on: true, by: 'default' };
const ON_BY_BUCKET: FlagState = { on: true, by: 'bucket' };
const ON_BY_ACCOUNT: FlagState = { on: true, by: 'account' };
const OFF: FlagState = { on: false };

/**
 * The Block Public Access settings in force for a bucket. "By default, new buckets, access points,
 * and objects don't allow public access": a bucket a template creates without the property gets
 * all four settings. An existing bucket without a configuration
 * (`NoSuchPublicAccessBlockConfiguration`) has none of its own.
 */
export function effectiveBlock(bucket: Resource, ctx: Pick<RuleContext, 'graph'>): EffectiveBlock {
  const config = prop(bucket.props, 'PublicAccessBlockConfiguration');
  const bucketDefault = config.known && config.value === undefined && isPlanned(bucket);
  const account =
    bucket.account === UNKNOWN_ACCOUNT
      ? undefined
      : ctx.graph.accountResource(ACCOUNT_BLOCK_TYPE, bucket.account);
  // Account settings that could not be read may turn on what the bucket leaves off.
  const accountUnread =
    account || bucket.account === UNKNOWN_ACCOUNT
      ? undefined
      : unreadReason(ctx.graph, ACCOUNT_BLOCK_TYPE, bucket.account);
  const flags = {} as Record<BpaFlag, FlagState>;
  for (let i = 0; i < BPA_FLAGS.length; i++) {
    const flag = BPA_FLAGS[i]!;
    if (bucketDefault) {
      flags[flag] = ON_BY_DEFAULT;
      continue;
    }
    // The bucket's own setting, taken from the configuration already read: a value, or an
    // unresolved one (the configuration's, or the setting's own).
    const own = config.known ? settingOf(config.value, flag) : config.unresolved;
    if (asBoolean(own) === true) {
      flags[flag] = ON_BY_BUCKET;
      continue;
    }
    const acct = account ? accountFlag(account, flag) : undefined;
    if (acct?.known && asBoolean(acct.value) === true) flags[flag] = ON_BY_ACCOUNT;
    else if (isUnresolved(own)) {
      const reason = config.known ? describeUnresolved(NESTED_FLAG[flag], own) : config.reason;
      flags[flag] = { on: 'unknown', reason };
    } else if (acct && !acct.known)
      flags[flag] = { on: 'unknown', reason: `account ${account!.id}: ${acct.reason}` };
    else if (accountUnread)
      flags[flag] = {
        on: 'unknown',
        reason: `the account-level Block Public Access settings were not read (${accountUnread})`,
      };
    else flags[flag] = OFF;
  }
  return account ? { flags, account, bucketDefault } : { flags, bucketDefault };
}

// ---------------------------------------------------------------------------------------------
// ACLs

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** Canned ACLs (CloudFormation `AccessControl`) that grant the public groups something. */
const CANNED: Readonly<Record<string, { read: boolean; write: boolean }>> = {
  PublicRead: { read: true, write: false },
  PublicReadWrite: { read: true, write: true },
  // "Any AWS account" is the public as far as S3 is concerned.
  AuthenticatedRead: { read: true, write: false },
};

/** Where grant lists are: read live (GetBucketAcl), or listed by a Terraform configuration or state. */
const GRANT_LISTS = [
  { from: 'observed', path: 'Acl.Grants' },
  { from: 'props', path: 'AccessControlPolicy.Grants' },
] as const;

const READ_PERMISSIONS = new Set(['READ', 'FULL_CONTROL']);
const WRITE_PERMISSIONS = new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']);

/**
 * Whether ACLs are disabled (Object Ownership `BucketOwnerEnforced`): then S3 ignores every ACL.
 * Buckets created since April 2023 get it by default, so a planned bucket without
 * `OwnershipControls` has ACLs disabled; an existing bucket without them is a legacy bucket whose
 * ACLs are in force.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
export function aclsDisabled(bucket: Resource): Known<boolean> {
  const rules = prop(bucket.props, 'OwnershipControls.Rules');
  if (!rules.known) return rules;
  if (rules.value === undefined) return isPlanned(bucket) ? DISABLED : ENABLED;
  if (!Array.isArray(rules.value)) return ENABLED;
  for (let i = 0; i < rules.value.length; i++) {
    const ownership: unknown = (rules.value[i] as Record<string, unknown> | undefined)?.ObjectOwnership;
    if (isUnresolved(ownership)) {
      // The name of the property is written only when it is needed.
      const unknown = known(ownership, `OwnershipControls.Rules.${i}.ObjectOwnership`);
      if (!unknown.known) return unknown;
    }
    if (ownership === 'BucketOwnerEnforced') return DISABLED;
  }
  return ENABLED;
}

const DISABLED: Known<boolean> = { known: true, value: true };
const ENABLED: Known<boolean> = { known: true, value: false };

/** The ACL grants to the public groups, or why they are not known. */
export type AclGrants =
  { readonly known: true; readonly value: string[] } | { readonly known: false; readonly reason: string };

/**
 * The ACL grants to the public groups: from the canned `AccessControl`, the grants read live
 * (`observed.Acl.Grants`, as GetBucketAcl returns them) or those a Terraform configuration or state
 * lists (`AccessControlPolicy.Grants`, the same shape). A bucket a template creates without an ACL
 * gets the private one; for an existing bucket, an ACL that was not read is not known.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
 */
export function publicAclGrants(bucket: Resource, kind: 'read' | 'write'): AclGrants {
  const found: string[] = [];
  const canned = prop(bucket.props, 'AccessControl');
  if (!canned.known) return canned;
  let seen = typeof canned.value === 'string';
  if (typeof canned.value === 'string' && CANNED[canned.value]?.[kind])
    found.push(`canned ACL ${canned.value}`);
  const wanted = kind === 'read' ? READ_PERMISSIONS : WRITE_PERMISSIONS;
  let unknown: string | undefined;
  for (let k = 0; k < GRANT_LISTS.length; k++) {
    const { from, path } = GRANT_LISTS[k]!;
    const grants = prop(bucket[from], path);
    if (!grants.known) return grants;
    if (!Array.isArray(grants.value)) continue;
    seen = true;
    for (let i = 0; i < grants.value.length; i++) {
      const g = grants.value[i] as Record<string, unknown>;
      const uri = prop(g, 'Grantee.URI');
      const permission = prop(g, 'Permission');
      if (!uri.known) {
        unknown ??= `${path}.${i}.${uri.reason}`;
        continue;
      }
      if (!permission.known) {
        unknown ??= `${path}.${i}.${permission.reason}`;
        continue;
      }
      if (
        (uri.value === ALL_USERS || uri.value === AUTHENTICATED_USERS) &&
        typeof permission.value === 'string' &&
        wanted.has(permission.value)
      ) {
        found.push(
          `ACL grant ${permission.value} to ${uri.value === ALL_USERS ? 'AllUsers' : 'AuthenticatedUsers'}`,
        );
      }
    }
  }
  if (found.length > 0) return { known: true, value: found };
  if (unknown) return { known: false, reason: unknown };
  if (!seen && !isPlanned(bucket)) {
    return {
      known: false,
      reason:
        'the ACL of this existing bucket is not in the input (no GetBucketAcl result, canned ACL or grant list)',
    };
  }
  return { known: true, value: found };
}

// ---------------------------------------------------------------------------------------------
// The verdict

/** Actions that read a bucket's data or list it. */
export const READ_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:ListBucket',
  's3:ListBucketVersions',
] as const;
/** Actions that change or delete a bucket's data, or its access control. */
export const WRITE_ACTIONS = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectAcl',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:DeleteBucket',
  's3:RestoreObject',
] as const;

export type PublicAccess =
  /** Anyone can read (or write): `via` names the statements or ACL grants. */
  | { readonly status: 'public'; readonly via: readonly string[] }
  /** Something grants the public access, but Block Public Access stops it (`by` says which setting). */
  | { readonly status: 'blocked'; readonly via: readonly string[]; readonly by: string }
  /** Nothing grants the public access; `notes` say why, for the reason. */
  | { readonly status: 'private'; readonly notes: readonly string[] }
  | { readonly status: 'unknown'; readonly reason: string };

/**
 * `RestrictPublicBuckets (bucket level)`: the setting that stops a grant, as reasons name it. Written
 * only for a reason, of a setting {@link stoppedBy} found on.
 */
function blockedBy(block: EffectiveBlock, flag: BpaFlag): string {
  const { by } = block.flags[flag] as Extract<FlagState, { on: true }>;
  return `${flag} (${by === 'default' ? "S3's default for new buckets" : `${by} level`})`;
}

/** The first of the two settings that is on (the second counts only before deploy), if any. */
function stoppedBy(
  block: EffectiveBlock,
  first: BpaFlag,
  beforeDeploy: BpaFlag,
  planned: boolean,
): BpaFlag | undefined {
  if (block.flags[first].on === true) return first;
  return planned && block.flags[beforeDeploy].on === true ? beforeDeploy : undefined;
}

/**
 * Whether the public can read (or write) the bucket through its policy or ACL, after Block Public
 * Access. `RestrictPublicBuckets` limits a public policy to AWS services and the owner's account;
 * `IgnorePublicAcls` makes S3 ignore public ACLs. For a planned bucket, `BlockPublicPolicy` and
 * `BlockPublicAcls` make S3 reject the public policy or ACL at deploy, so it never takes effect
 * either (an existing bucket keeps what it had before they were turned on). The ACL of an existing
 * bucket that is not in the input is not known. Object ACLs are not in the model and are not weighed.
 */
export function publicAccess(
  bucket: Resource,
  ctx: Pick<RuleContext, 'graph'>,
  kind: 'read' | 'write',
): PublicAccess {
  const block = effectiveBlock(bucket, ctx);
  const planned = isPlanned(bucket);
  const unknown: string[] = [];
  const publicVia: string[] = [];
  const blockedVia: string[] = [];
  const blockers: string[] = [];
  const notes: string[] = [];
  const what = kind === 'read' ? 'reads' : 'writes';

  // What the policy says matters only when RestrictPublicBuckets (or, before deploy, BlockPublicPolicy)
  // does not already stop any public grant in it.
  const policyStopper = stoppedBy(block, 'RestrictPublicBuckets', 'BlockPublicPolicy', planned);
  const policy = readPolicy(bucket.props.PolicyDocument);
  if (!policy.known) {
    if (policyStopper) {
      notes.push(
        `its bucket policy is not known, but ${blockedBy(block, policyStopper)} stops any public grant in it`,
      );
    } else unknown.push(policy.reason);
  } else if (!policy.present) {
    notes.push('it has no bucket policy');
  } else {
    const found = publicGrants(policy, kind === 'read' ? READ_ACTIONS : WRITE_ACTIONS, bucket);
    if (found.grants.size > 0) {
      const via = `bucket policy ${describeGrants(found.grants)} to everyone, with no condition pinning it to fixed sources`;
      const restrict = block.flags.RestrictPublicBuckets;
      if (policyStopper) {
        blockedVia.push(via);
        blockers.push(blockedBy(block, policyStopper));
      } else if (restrict.on === 'unknown') unknown.push(restrict.reason);
      else publicVia.push(via);
    } else {
      if (!policyStopper) unknown.push(...found.unknown);
      notes.push(
        found.deniedBy.length > 0
          ? `its bucket policy allows ${what} to everyone but ${found.deniedBy.join(', and ')}`
          : `no bucket policy statement allows ${what} to everyone without a condition pinning it to fixed sources (statements read one at a time)`,
      );
    }
  }

  const disabled = aclsDisabled(bucket);
  if (!disabled.known) unknown.push(disabled.reason);
  else if (disabled.value) {
    notes.push(
      bucket.props.OwnershipControls === undefined
        ? "ACLs are disabled (S3's default for new buckets)"
        : 'ACLs are disabled (BucketOwnerEnforced)',
    );
  } else {
    const acl = publicAclGrants(bucket, kind);
    // "IgnorePublicAcls ... causes Amazon S3 to ignore all public ACLs on this bucket"; before deploy,
    // BlockPublicAcls makes S3 reject a public ACL.
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html
    const by = stoppedBy(block, 'IgnorePublicAcls', 'BlockPublicAcls', planned);
    if (!acl.known) {
      if (by) notes.push(`its ACL is not known, but ${blockedBy(block, by)} stops any public grant in it`);
      else unknown.push(acl.reason);
    } else if (acl.value.length > 0) {
      const ignore = block.flags.IgnorePublicAcls;
      if (by) {
        blockedVia.push(...acl.value);
        blockers.push(blockedBy(block, by));
      } else if (ignore.on === 'unknown') unknown.push(ignore.reason);
      else publicVia.push(...acl.value);
    } else notes.push('its ACL grants the public groups nothing');
  }

  if (publicVia.length > 0) return { status: 'public', via: publicVia };
  if (unknown.length > 0) return { status: 'unknown', reason: [...new Set(unknown)].join('; ') };
  if (blockedVia.length > 0)
    return { status: 'blocked', via: blockedVia, by: [...new Set(blockers)].join(', ') };
  return { status: 'private', notes };
}
