/**
 * EBS encryption by default, a per-region account setting, kept in the recordings the collector
 * reads: `ec2/GetEbsEncryptionByDefault` (Enable/DisableEbsEncryptionByDefault flip
 * `ebsEncryptionByDefault`) and `ec2/GetEbsDefaultKmsKeyId` (ModifyEbsDefaultKmsKeyId stores the
 * key as an ARN, ResetEbsDefaultKmsKeyId puts back the AWS managed key `alias/aws/ebs`).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableEbsEncryptionByDefault.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyEbsDefaultKmsKeyId.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ResetEbsDefaultKmsKeyId.html
 */
import { randomUUID } from 'node:crypto';
import { EC2_NAMESPACE } from '../protocols.js';
import { escapeXml } from '../xml.js';
import type { WriteHandler, WriteHandlers, WriteRequest, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const SETTING = 'ec2/GetEbsEncryptionByDefault';
const KEY = 'ec2/GetEbsDefaultKmsKeyId';

function document(operation: string, inner: string, requestId: string = randomUUID()): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_NAMESPACE}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`;
}

/** The account of the recordings (the caller's), for the ARNs EC2 answers. */
function accountOf(state: WriteState): string {
  const identity = state.get('sts/GetCallerIdentity') ?? '';
  return /<Account>(\d{12})<\/Account>/.exec(identity)?.[1] ?? '000000000000';
}

/** The ARN of the AWS managed key EC2 uses when no default key is set. */
export function awsManagedEbsKey(region: string, account: string): string {
  return `arn:aws:kms:${region}:${account}:alias/aws/ebs`;
}

/** A key as EC2 stores it: an ARN (a key id or alias given alone is made one in this region). */
function keyArn(request: WriteRequest, state: WriteState, key: string): string {
  if (key.startsWith('arn:')) return key;
  const account = accountOf(state);
  return key.startsWith('alias/')
    ? `arn:aws:kms:${request.region}:${account}:${key}`
    : `arn:aws:kms:${request.region}:${account}:key/${key}`;
}

/** Records the setting as `GetEbsEncryptionByDefault` answers it, and answers the write. */
function setEncryption(operation: string, enabled: boolean): WriteHandler {
  return (_request, state) => {
    const current = state.get(SETTING);
    const element = `<ebsEncryptionByDefault>${enabled}</ebsEncryptionByDefault>`;
    state.set(
      SETTING,
      current?.includes('<ebsEncryptionByDefault>')
        ? current.replace(/<ebsEncryptionByDefault>[^<]*<\/ebsEncryptionByDefault>/, element)
        : document('GetEbsEncryptionByDefault', `${element}<sseType>sse-ebs</sseType>`, '{{requestId}}'),
    );
    return ok(document(operation, element));
  };
}

function setKey(state: WriteState, operation: string, arn: string) {
  const element = `<kmsKeyId>${escapeXml(arn)}</kmsKeyId>`;
  const current = state.get(KEY);
  state.set(
    KEY,
    current?.includes('<kmsKeyId>')
      ? current.replace(/<kmsKeyId>[^<]*<\/kmsKeyId>/, element)
      : document('GetEbsDefaultKmsKeyId', element, '{{requestId}}'),
  );
  return ok(document(operation, element));
}

const modifyEbsDefaultKmsKeyId: WriteHandler = (request, state) => {
  const key = request.params.KmsKeyId;
  if (typeof key !== 'string' || key === '') {
    return state.error(400, 'MissingParameter', 'The request must contain the parameter KmsKeyId');
  }
  return setKey(state, 'ModifyEbsDefaultKmsKeyId', keyArn(request, state, key));
};

const resetEbsDefaultKmsKeyId: WriteHandler = (request, state) =>
  setKey(state, 'ResetEbsDefaultKmsKeyId', awsManagedEbsKey(request.region, accountOf(state)));

export const ec2EbsWrites: WriteHandlers = {
  'ec2:EnableEbsEncryptionByDefault': setEncryption('EnableEbsEncryptionByDefault', true),
  'ec2:DisableEbsEncryptionByDefault': setEncryption('DisableEbsEncryptionByDefault', false),
  'ec2:ModifyEbsDefaultKmsKeyId': modifyEbsDefaultKmsKeyId,
  'ec2:ResetEbsDefaultKmsKeyId': resetEbsDefaultKmsKeyId,
};
