/**
 * S3 writes: the bucket settings the fixes change, stored as the recordings the collector reads
 * (`s3/<bucket>/<subresource>`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
 */
import { escapeXml } from '../xml.js';
import type { WriteHandler, WriteHandlers, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

function bucketOf(params: Record<string, unknown>): string {
  return String(params.Bucket ?? '');
}

/** A bucket exists when its location was recorded (or a test recorded any of its settings). */
function exists(state: WriteState, bucket: string): boolean {
  return state.fixtures.get(`s3/${bucket}/location`) !== undefined;
}

const putBucketVersioning: WriteHandler = (request, state) => {
  const bucket = bucketOf(request.params);
  if (!exists(state, bucket)) return state.error(404, 'NoSuchBucket', 'The specified bucket does not exist');
  const config = (request.params.VersioningConfiguration ?? {}) as Record<string, unknown>;
  const status = String(config.Status ?? '');
  if (status !== 'Enabled' && status !== 'Suspended') {
    return state.error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate');
  }
  const mfa =
    config.MFADelete === undefined ? '' : `<MfaDelete>${escapeXml(String(config.MFADelete))}</MfaDelete>`;
  // Bucket recordings are region-less: S3 answers for a bucket whatever region the client signs for.
  state.fixtures.set(
    `s3/${bucket}/versioning`,
    `<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration xmlns="${S3_NAMESPACE}"><Status>${status}</Status>${mfa}</VersioningConfiguration>`,
  );
  return ok('');
};

export const s3Writes: WriteHandlers = {
  's3:PutBucketVersioning': putBucketVersioning,
};
