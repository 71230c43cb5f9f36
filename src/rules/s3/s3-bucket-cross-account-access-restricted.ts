import { z } from 'zod';
import { UNKNOWN_ACCOUNT } from '../../model/index.js';
import { defineRule, error, fail, pass } from '../rule.js';
import { describeBucket } from './refs.js';
import {
  conditionAccounts,
  coversAction,
  effectOf,
  isUnknown,
  principalAccounts,
  readPolicy,
  restrictingKey,
} from './policy.js';

/** Security Hub S3.6's `blacklistedactionpatterns` (not customisable there). */
const SECURITY_HUB_ACTIONS = [
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:PutEncryptionConfiguration',
  's3:PutObjectAcl',
];

/**
 * Compliant: no bucket policy statement allows another AWS account (or everyone, unless a condition
 * pins the grant to fixed sources) to perform the listed actions, which change who can reach the
 * bucket or how it is encrypted. A grant to everyone whose condition names accounts
 * (`aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, ...) is a grant to those
 * accounts. Data access for partner accounts is not this rule's concern.
 */
export default defineRule({
  id: 's3-bucket-cross-account-access-restricted',
  title: 'S3 bucket policy lets no other account change its access or encryption',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'Sharing data with a partner account is common; letting that account rewrite the bucket policy or ACLs, or replace the encryption settings, hands it control of the bucket: it can open the bucket to the internet, lock the owner out, or re-encrypt data with a key only it holds. A compromise of the other account then becomes a compromise of this bucket.',
  remediation: {
    text: 'Remove the listed actions from statements that name other accounts (or everyone); grant partners only the data actions they need (s3:GetObject, s3:PutObject) and keep policy, ACL and encryption changes with the owning account.',
    cli: 'aws s3api get-bucket-policy --bucket <bucket> --query Policy --output text > policy.json\n# edit policy.json, then:\naws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json',
  },
  controls: ['aws-fsbp:S3.6'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-6',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html',
  ],
  params: z.object({
    blockedActions: z
      .array(z.string())
      .default(SECURITY_HUB_ACTIONS)
      .describe('Actions no other account may be allowed (Security Hub S3.6 checks these five).'),
  }),
  evaluate(bucket, ctx) {
    const policy = readPolicy(bucket.props.PolicyDocument);
    if (!policy.known) return error(`${describeBucket(bucket)}: ${policy.reason}.`);
    if (!policy.present)
      return pass(
        () => `${describeBucket(bucket)} has no bucket policy, so it grants nothing to other accounts.`,
      );
    const own = bucket.account === UNKNOWN_ACCOUNT ? undefined : bucket.account;
    const violations: string[] = [];
    const unknown: string[] = [...policy.unreadable];
    for (const s of policy.statements) {
      const effect = effectOf(s);
      if (effect === 'Deny') continue;
      const actions: string[] = [];
      for (const action of ctx.params.blockedActions) {
        const covers = coversAction(s, action);
        if (covers === true) actions.push(action);
        else if (isUnknown(covers)) unknown.push(covers.unknown);
      }
      if (actions.length === 0) continue;
      if (isUnknown(effect)) {
        unknown.push(effect.unknown);
        continue;
      }
      const principals = principalAccounts(s);
      const restricted = restrictingKey(s, 'positive');
      // A grant to everyone pinned by a condition to named accounts is a grant to those accounts.
      const pinned = principals.everyone
        ? conditionAccounts(s)
        : { accounts: [], ownAccount: false, unknown: [] };
      const others = own ? principals.accounts.filter((a) => a !== own) : [];
      const pinnedOthers = own ? pinned.accounts.filter((a) => a !== own) : [];
      const grantees = [
        ...(principals.everyone && typeof restricted !== 'string' ? ['everyone'] : []),
        ...others.map((a) => `account ${a}`),
        ...pinnedOthers.map((a) => `account ${a} (named by its condition)`),
      ];
      if (grantees.length > 0) {
        violations.push(`statement ${s.label} allows ${actions.join(', ')} to ${grantees.join(', ')}`);
        continue;
      }
      const named = [...principals.accounts, ...pinned.accounts];
      if (!own && named.length > 0) {
        unknown.push(
          `statement ${s.label} allows ${actions.join(', ')} to account ${[...new Set(named)].join(', ')}, and the bucket's own account is not known`,
        );
      }
      if (principals.everyone && isUnknown(restricted)) unknown.push(restricted.unknown);
      unknown.push(...principals.unknown, ...pinned.unknown);
    }
    if (violations.length > 0) {
      return fail(
        `${describeBucket(bucket)} lets other accounts change its access or encryption: ${violations.join('; ')}.`,
      );
    }
    if (unknown.length > 0) return error(`${describeBucket(bucket)}: ${[...new Set(unknown)].join('; ')}.`);
    return pass(
      () =>
        `${describeBucket(bucket)} allows none of ${ctx.params.blockedActions.join(', ')} to other accounts.`,
    );
  },
});
