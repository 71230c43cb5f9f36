/**
 * S3 Control account-level Block Public Access (REST-XML under `/v20180820/`, the account in the
 * `x-amz-account-id` header), stored as the recording the collector's `GetPublicAccessBlock` reads:
 * `s3control/GetPublicAccessBlock/<account>`, region-less because the setting is the account's,
 * whatever region is asked. Without a recording the read answers
 * `NoSuchPublicAccessBlockConfiguration` (server.ts NOT_FOUND).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
 */
import type { WireResponse } from '../protocols.js';
import type { WriteHandler, WriteHandlers, WriteRequest, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const S3_CONTROL_NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

const recordingOf = (account: string) => `s3control/GetPublicAccessBlock/${account}`;

/** The account of the request (its `x-amz-account-id` header), or S3's error for a missing one. */
function accountOf(request: WriteRequest, state: WriteState): string | WireResponse {
  const account = request.key ?? '';
  return account === ''
    ? state.error(400, 'InvalidRequest', 'Missing required header for this request: x-amz-account-id')
    : account;
}

const putPublicAccessBlock: WriteHandler = (request, state) => {
  const account = accountOf(request, state);
  if (typeof account !== 'string') return account;
  const config = request.params.PublicAccessBlockConfiguration;
  if (
    config === null ||
    typeof config !== 'object' ||
    !Object.entries(config).every(([k, v]) => FLAGS.includes(k) && (v === 'true' || v === 'false'))
  ) {
    return state.error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate');
  }
  const flags = config as Record<string, string>;
  // A flag the request leaves out is stored as false, as S3 replaces the whole configuration.
  const inner = FLAGS.map((f) => `<${f}>${flags[f] ?? 'false'}</${f}>`).join('');
  state.fixtures.responses.delete(`${request.region}/${recordingOf(account)}`);
  state.fixtures.set(
    recordingOf(account),
    `<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="${S3_CONTROL_NAMESPACE}">${inner}</PublicAccessBlockConfiguration>`,
  );
  return ok('');
};

const deletePublicAccessBlock: WriteHandler = (request, state) => {
  const account = accountOf(request, state);
  if (typeof account !== 'string') return account;
  state.fixtures.responses.delete(recordingOf(account));
  state.fixtures.responses.delete(`${request.region}/${recordingOf(account)}`);
  return ok('');
};

export const s3ControlWrites: WriteHandlers = {
  's3control:PutPublicAccessBlock': putPublicAccessBlock,
  's3control:DeletePublicAccessBlock': deletePublicAccessBlock,
};
