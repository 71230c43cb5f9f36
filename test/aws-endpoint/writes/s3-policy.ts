/**
 * S3 bucket policies, stored as the recordings the collector reads: `s3/<bucket>/policy` (the JSON
 * text `GetBucketPolicy` answers) and `s3/<bucket>/policyStatus` (`GetBucketPolicyStatus`). The
 * request body of PutBucketPolicy is the policy's JSON text itself, not an XML document; the server
 * hands it over as the `Policy` parameter, as the SDK input names it. Both writes answer 204.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html
 */
import type { WireResponse } from '../protocols.js';
import type { WriteHandler, WriteHandlers, WriteState } from '../writes.js';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const noContent = (): WireResponse => ({ status: 204, headers: {}, body: '' });

function bucketOf(params: Record<string, unknown>): string {
  return String(params.Bucket ?? '');
}

function missingBucket(state: WriteState, bucket: string): WireResponse | undefined {
  return state.fixtures.get(`s3/${bucket}/location`) === undefined
    ? state.error(404, 'NoSuchBucket', 'The specified bucket does not exist')
    : undefined;
}

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Whether a principal is everyone (`"*"` or `{"AWS": "*"}`). */
function everyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  return list((principal as Record<string, unknown>).AWS).includes('*');
}

/**
 * `IsPublic` of a policy, simplified: an unconditional Allow to everyone makes it public; a
 * condition is taken as restricting (S3 checks the condition's keys and values, which this
 * endpoint does not).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
function isPublic(statements: readonly Record<string, unknown>[]): boolean {
  return statements.some((s) => s.Effect === 'Allow' && everyone(s.Principal) && s.Condition === undefined);
}

/** The statements of a policy text, or the MalformedPolicy message S3 gives. */
function parsePolicy(text: unknown, bucket: string): Record<string, unknown>[] | string {
  if (typeof text !== 'string' || !text.trimStart().startsWith('{')) {
    return "Policies must be valid JSON and the first byte must be '{'";
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return "Policies must be valid JSON and the first byte must be '{'";
  }
  const statements = list((doc as Record<string, unknown>).Statement);
  if (statements.length === 0) return 'Missing required field Statement';
  const out: Record<string, unknown>[] = [];
  for (const s of statements) {
    if (s === null || typeof s !== 'object') return 'Statement is not an object';
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') return 'Invalid effect';
    if (st.Principal === undefined && st.NotPrincipal === undefined) {
      return 'Missing required field Principal';
    }
    if (st.Action === undefined && st.NotAction === undefined) return 'Missing required field Action';
    const resources = list(st.Resource ?? st.NotResource);
    if (resources.length === 0) return 'Missing required field Resource';
    // A bucket policy may only name the bucket and its objects.
    if (
      !resources.every(
        (r) =>
          typeof r === 'string' && /^arn:[^:]+:s3:::/.test(r) && r.split(':::')[1]!.split('/')[0] === bucket,
      )
    ) {
      return 'Policy has invalid resource';
    }
    out.push(st);
  }
  return out;
}

/** Whether the bucket's own Block Public Access setting refuses public policies. */
function blocksPublicPolicy(state: WriteState, bucket: string): boolean {
  const block = state.fixtures.get(`s3/${bucket}/publicAccessBlock`);
  return block !== undefined && /<BlockPublicPolicy>true<\/BlockPublicPolicy>/.test(block);
}

const putBucketPolicy: WriteHandler = (request, state) => {
  const bucket = bucketOf(request.params);
  const missing = missingBucket(state, bucket);
  if (missing) return missing;
  const statements = parsePolicy(request.params.Policy, bucket);
  if (typeof statements === 'string') return state.error(400, 'MalformedPolicy', statements);
  const open = isPublic(statements);
  if (open && blocksPublicPolicy(state, bucket)) {
    return state.error(403, 'AccessDenied', 'Access Denied');
  }
  // Bucket recordings are region-less: S3 answers for a bucket whatever region the client signs for.
  state.fixtures.set(`s3/${bucket}/policy`, String(request.params.Policy));
  state.fixtures.set(
    `s3/${bucket}/policyStatus`,
    `<?xml version="1.0" encoding="UTF-8"?>\n<PolicyStatus xmlns="${S3_NAMESPACE}"><IsPublic>${open}</IsPublic></PolicyStatus>`,
  );
  return noContent();
};

/** Removes the policy; S3 answers 204 whether or not the bucket had one. */
const deleteBucketPolicy: WriteHandler = (request, state) => {
  const bucket = bucketOf(request.params);
  const missing = missingBucket(state, bucket);
  if (missing) return missing;
  // Without a policy, GetBucketPolicy and GetBucketPolicyStatus answer NoSuchBucketPolicy.
  state.fixtures.responses.delete(`s3/${bucket}/policy`);
  state.fixtures.responses.delete(`s3/${bucket}/policyStatus`);
  return noContent();
};

export const s3PolicyWrites: WriteHandlers = {
  's3:PutBucketPolicy': putBucketPolicy,
  's3:DeleteBucketPolicy': deleteBucketPolicy,
};
