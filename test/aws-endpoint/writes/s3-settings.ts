/**
 * S3 bucket settings the fixes change besides versioning: Block Public Access and default
 * encryption, stored as the recordings the collector reads (`s3/<bucket>/publicAccessBlock`,
 * `s3/<bucket>/encryption`). The request body arrives as the parsed XML document; it is written
 * back as the XML the Get operation answers.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
 */
import { escapeXml } from '../xml.js';
import type { WriteHandler, WriteHandlers, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A parsed XML element (as the endpoint decodes bodies) written back as XML. */
function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function document(name: string, value: unknown): string {
  const inner = toXml(name, value).replace(`<${name}>`, `<${name} xmlns="${S3_NAMESPACE}">`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`;
}

/** A handler that stores the body's `root` element as the bucket's `sub` recording. */
function putSetting(
  root: string,
  sub: string,
  check: (config: Record<string, unknown>) => boolean,
): WriteHandler {
  return (request, state: WriteState) => {
    const bucket = String(request.params.Bucket ?? '');
    if (state.fixtures.get(`s3/${bucket}/location`) === undefined) {
      return state.error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    }
    const config = request.params[root];
    if (config === null || typeof config !== 'object' || !check(config as Record<string, unknown>)) {
      return state.error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate');
    }
    // Bucket recordings are region-less: S3 answers for a bucket whatever region the client signs for.
    state.fixtures.set(`s3/${bucket}/${sub}`, document(root, config));
    return ok('');
  };
}

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

export const s3SettingsWrites: WriteHandlers = {
  's3:PutPublicAccessBlock': putSetting('PublicAccessBlockConfiguration', 'publicAccessBlock', (c) =>
    Object.entries(c).every(([k, v]) => FLAGS.includes(k) && (v === 'true' || v === 'false')),
  ),
  's3:PutBucketEncryption': putSetting(
    'ServerSideEncryptionConfiguration',
    'encryption',
    (c) => c.Rule !== undefined && Object.keys(c).every((k) => k === 'Rule'),
  ),
};
