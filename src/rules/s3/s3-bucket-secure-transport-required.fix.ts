import { isUnresolved, parseArn, type Resource } from '../../model/index.js';
import { defineFix, type FixStep } from '../fix.js';
import {
  callFor,
  capturedAt,
  foldSource,
  freeLogicalId,
  logicalIdOf,
  refuseNotLive,
} from '../fix-support.js';
import { readPolicy } from './policy.js';
import { bucketName } from './scope.js';

const SID = 'DenyInsecureTransport';
const BUCKET_POLICY = 'AWS::S3::BucketPolicy';

/** Whether any value inside is unresolved (an intrinsic a live policy cannot hold). */
function hasUnresolved(value: unknown): boolean {
  if (isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(hasUnresolved);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasUnresolved);
  return false;
}

/** A `Sid` no statement of the policy uses yet. */
function freeSid(statements: readonly unknown[]): string {
  const used = new Set(statements.map((s) => (s as { Sid?: unknown } | null)?.Sid));
  for (let n = 1; ; n++) {
    const sid = n === 1 ? SID : `${SID}${n}`;
    if (!used.has(sid)) return sid;
  }
}

/** The deny statement: every S3 action, everyone, the bucket and all its objects, without TLS. */
function denyStatement(sid: string, resources: unknown[]): Record<string, unknown> {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** The policy document as an object: a live source may keep `GetBucketPolicy`'s JSON text. */
function documentOf(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

function statementsOf(doc: Record<string, unknown> | undefined): unknown[] {
  const list = doc?.Statement;
  return list === undefined ? [] : Array.isArray(list) ? list : [list];
}

function partitionOf(bucket: Resource): string {
  if (!bucket.arn) return 'aws';
  const arn = parseArn(bucket.arn);
  return arn.ok ? arn.value.partition : 'aws';
}

/**
 * Adds a statement denying every request made without TLS to the bucket policy, keeping every
 * statement already there: the new policy is the current one plus the deny. The executor refuses
 * to apply when the policy changed since the snapshot, so the merge is made on what is in force.
 * https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
 */
export default defineFix({
  rule: 's3-bucket-secure-transport-required',
  title: 'Add a statement denying requests over plain HTTP to the bucket policy',
  actions: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  plan(bucket) {
    const refused = refuseNotLive(bucket);
    if (refused) return refused;
    const Bucket = bucketName(bucket);
    const read = readPolicy(bucket.props.PolicyDocument);
    if (!read.known)
      return { cannot: `the current policy of bucket ${Bucket} cannot be read: ${read.reason}` };
    if (read.unreadable.length > 0 || hasUnresolved(bucket.props.PolicyDocument)) {
      return {
        cannot: `the current policy of bucket ${Bucket} holds values that are not known, so it cannot be merged`,
      };
    }
    const current = documentOf(bucket.props.PolicyDocument);
    const statements = statementsOf(current);
    const arn = `arn:${partitionOf(bucket)}:s3:::${Bucket}`;
    const merged = {
      ...(current ?? {}),
      Version: current?.Version ?? '2012-10-17',
      Statement: [...statements, denyStatement(freeSid(statements), [arn, `${arn}/*`])],
    };
    const step: FixStep = {
      description: read.present
        ? `Add a statement denying requests without TLS to the policy of bucket ${Bucket}, keeping its ${statements.length} statement(s)`
        : `Give bucket ${Bucket} a policy denying requests without TLS`,
      call: callFor(bucket, 's3', 'PutBucketPolicy', 's3:PutBucketPolicy', {
        Bucket,
        Policy: JSON.stringify(merged),
      }),
      capture: callFor(bucket, 's3', 'GetBucketPolicy', 's3:GetBucketPolicy', { Bucket }),
      undo: (captured) => {
        const previous = capturedAt(captured, 'Policy');
        // NoSuchBucketPolicy: the bucket had no policy, so the undo removes the one we created.
        return typeof previous === 'string' && previous !== ''
          ? {
              call: callFor(bucket, 's3', 'PutBucketPolicy', 's3:PutBucketPolicy', {
                Bucket,
                Policy: previous,
              }),
            }
          : { call: callFor(bucket, 's3', 'DeleteBucketPolicy', 's3:DeleteBucketPolicy', { Bucket }) };
      },
    };
    return { steps: [step] };
  },
  template(bucket, { graph }) {
    const logicalId = logicalIdOf(bucket);
    const resources = [{ 'Fn::GetAtt': [logicalId, 'Arn'] }, { 'Fn::Sub': `\${${logicalId}.Arn}/*` }];
    const source = foldSource(bucket, 'PolicyDocument');
    const doc = bucket.props.PolicyDocument;
    if (source && source.type === BUCKET_POLICY) {
      // The template's own AWS::S3::BucketPolicy declares the policy: append to its Statement list.
      if (isUnresolved(doc))
        return { cannot: `the PolicyDocument of ${source.logicalId} is computed at deploy` };
      const list = (doc as Record<string, unknown> | undefined)?.Statement;
      if (list !== undefined && !Array.isArray(list)) {
        return {
          cannot: `the PolicyDocument.Statement of ${source.logicalId} is ${isUnresolved(list) ? 'computed at deploy' : 'a single statement, not a list'}`,
        };
      }
      // The path is the bucket's folded property; the writer edits the BucketPolicy that declares it.
      return {
        patches: [
          {
            op: 'append',
            path: ['PolicyDocument', 'Statement'],
            value: denyStatement(freeSid(list ?? []), resources),
          },
        ],
      };
    }
    if (doc !== undefined) {
      return { cannot: `the policy of bucket ${logicalId} is not an ${BUCKET_POLICY} of this template` };
    }
    const policyId = freeLogicalId(bucket, `${logicalId}TlsOnlyPolicy`, (id) => graph.get(id) !== undefined);
    return {
      patches: [
        {
          op: 'add-resource',
          logicalId: policyId,
          type: BUCKET_POLICY,
          properties: {
            Bucket: { Ref: logicalId },
            PolicyDocument: { Version: '2012-10-17', Statement: [denyStatement(SID, resources)] },
          },
        },
      ],
    };
  },
});
