/**
 * Secrets Manager (JSON 1.1, target `secretsmanager.<Operation>`): secrets created and updated by
 * writes, read back by DescribeSecret and GetSecretValue. A secret is kept as two recordings in the
 * request's region: `secretsmanager/DescribeSecret/<name>` (the DescribeSecret answer, whose
 * `VersionIdsToStages` lists the versions) and `secretsmanager/GetSecretValue/<name>/<version id>`
 * (one per version, as GetSecretValue answers it). Errors are those the API reference lists per
 * operation: ResourceNotFoundException for a secret that does not exist, ResourceExistsException
 * for a second CreateSecret of a name, InvalidRequestException for a secret scheduled for deletion.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { WriteHandler, WriteHandlers, WriteRequest, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const JSON_11 = 'application/x-amz-json-1.1';
// The recorded account (RECORDED_ACCOUNT_ID of ../index.ts), which ARNs of its secrets name.
const ACCOUNT = '111122223333';

interface Described {
  ARN: string;
  Name: string;
  Description?: string;
  CreatedDate: number;
  LastChangedDate: number;
  DeletedDate?: number;
  VersionIdsToStages: Record<string, string[]>;
}

interface Version {
  ARN: string;
  Name: string;
  VersionId: string;
  SecretString?: string;
  SecretBinary?: string;
  VersionStages: string[];
  CreatedDate: number;
}

const describeKey = (name: string) => `secretsmanager/DescribeSecret/${name}`;
const versionKey = (name: string, id: string) => `secretsmanager/GetSecretValue/${name}/${id}`;

/** The secret's name of a SecretId: the name itself, or a full ARN (`...:secret:<name>-AbCdEf`). */
function nameOf(secretId: string): string {
  const arn = /^arn:[^:]+:secretsmanager:[^:]+:\d+:secret:(.+)-[A-Za-z0-9]{6}$/.exec(secretId);
  return arn ? arn[1]! : secretId;
}

/** The secret a SecretId names, or the error AWS answers. */
function find(
  request: WriteRequest,
  state: WriteState,
): { secret: Described } | { error: ReturnType<WriteState['error']> } {
  const id = request.params.SecretId;
  if (typeof id !== 'string' || id === '')
    return { error: state.error(400, 'InvalidParameterException', 'You must provide a SecretId.') };
  const recorded = state.get(describeKey(nameOf(id)));
  const secret = recorded === undefined ? undefined : (JSON.parse(recorded) as Described);
  if (!secret || (id.startsWith('arn:') && secret.ARN !== id))
    return {
      error: state.error(
        400,
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret.",
      ),
    };
  return { secret };
}

const now = () => Date.now() / 1000;

/** The value members of a request: exactly one of SecretString and SecretBinary. */
function valueOf(request: WriteRequest): Pick<Version, 'SecretString' | 'SecretBinary'> | undefined {
  const { SecretString, SecretBinary } = request.params;
  if (typeof SecretString === 'string' && SecretBinary === undefined) return { SecretString };
  if (typeof SecretBinary === 'string' && SecretString === undefined) return { SecretBinary };
  return undefined;
}

/** Stores a new version as AWSCURRENT; the previous AWSCURRENT becomes AWSPREVIOUS, the older one loses its stage. */
function putVersion(
  state: WriteState,
  secret: Described,
  value: Pick<Version, 'SecretString' | 'SecretBinary'>,
  token: unknown,
): Version {
  const id = typeof token === 'string' && token !== '' ? token : randomUUID();
  const stages: Record<string, string[]> = {};
  for (const [v, list] of Object.entries(secret.VersionIdsToStages)) {
    const kept = list.filter((s) => s !== 'AWSCURRENT' && s !== 'AWSPREVIOUS');
    if (list.includes('AWSCURRENT')) kept.push('AWSPREVIOUS');
    // A version without a stage is deprecated: AWS removes it in time; here at once.
    if (kept.length > 0) stages[v] = kept;
    const recorded = state.get(versionKey(secret.Name, v));
    if (recorded !== undefined) {
      const version = JSON.parse(recorded) as Version;
      state.set(versionKey(secret.Name, v), JSON.stringify({ ...version, VersionStages: kept }));
    }
  }
  stages[id] = ['AWSCURRENT'];
  const version: Version = {
    ARN: secret.ARN,
    Name: secret.Name,
    VersionId: id,
    ...value,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: now(),
  };
  state.set(versionKey(secret.Name, id), JSON.stringify(version));
  state.set(
    describeKey(secret.Name),
    JSON.stringify({ ...secret, LastChangedDate: now(), VersionIdsToStages: stages }),
  );
  return version;
}

const createSecret: WriteHandler = (request, state) => {
  const name = request.params.Name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name))
    return state.error(400, 'InvalidParameterException', 'The parameter Name is not valid.');
  const recorded = state.get(describeKey(name));
  if (recorded !== undefined) {
    const existing = JSON.parse(recorded) as Described;
    return existing.DeletedDate !== undefined
      ? state.error(
          400,
          'InvalidRequestException',
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        )
      : state.error(
          400,
          'ResourceExistsException',
          `The operation failed because the secret ${name} already exists.`,
        );
  }
  const suffix = randomBytes(6)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 6);
  const secret: Described = {
    ARN: `arn:aws:secretsmanager:${request.region}:${ACCOUNT}:secret:${name}-${suffix}`,
    Name: name,
    ...(typeof request.params.Description === 'string' ? { Description: request.params.Description } : {}),
    CreatedDate: now(),
    LastChangedDate: now(),
    VersionIdsToStages: {},
  };
  const value = valueOf(request);
  if (!value && (request.params.SecretString !== undefined || request.params.SecretBinary !== undefined))
    return state.error(
      400,
      'InvalidParameterException',
      'You can provide SecretString or SecretBinary, not both.',
    );
  if (!value) {
    // A secret with no value yet: it has no version.
    state.set(describeKey(name), JSON.stringify(secret));
    return ok(JSON.stringify({ ARN: secret.ARN, Name: name }), JSON_11);
  }
  const version = putVersion(state, secret, value, request.params.ClientRequestToken);
  return ok(JSON.stringify({ ARN: secret.ARN, Name: name, VersionId: version.VersionId }), JSON_11);
};

const putSecretValue: WriteHandler = (request, state) => {
  const found = find(request, state);
  if ('error' in found) return found.error;
  const { secret } = found;
  if (secret.DeletedDate !== undefined)
    return state.error(
      400,
      'InvalidRequestException',
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
  const value = valueOf(request);
  if (!value)
    return state.error(
      400,
      'InvalidParameterException',
      'You must provide either SecretString or SecretBinary.',
    );
  const version = putVersion(state, secret, value, request.params.ClientRequestToken);
  return ok(
    JSON.stringify({
      ARN: secret.ARN,
      Name: secret.Name,
      VersionId: version.VersionId,
      VersionStages: ['AWSCURRENT'],
    }),
    JSON_11,
  );
};

const describeSecret: WriteHandler = (request, state) => {
  const found = find(request, state);
  if ('error' in found) return found.error;
  return ok(JSON.stringify(found.secret), JSON_11);
};

const getSecretValue: WriteHandler = (request, state) => {
  const found = find(request, state);
  if ('error' in found) return found.error;
  const { secret } = found;
  if (secret.DeletedDate !== undefined)
    return state.error(
      400,
      'InvalidRequestException',
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
  const { VersionId, VersionStage } = request.params;
  const stage =
    typeof VersionStage === 'string' ? VersionStage : VersionId === undefined ? 'AWSCURRENT' : undefined;
  const id =
    typeof VersionId === 'string'
      ? VersionId
      : Object.entries(secret.VersionIdsToStages).find(([, stages]) => stage && stages.includes(stage))?.[0];
  const recorded = id === undefined ? undefined : state.get(versionKey(secret.Name, id));
  const version = recorded === undefined ? undefined : (JSON.parse(recorded) as Version);
  if (!version || (stage && !version.VersionStages.includes(stage)))
    return state.error(
      400,
      'ResourceNotFoundException',
      `Secrets Manager can't find the specified secret value for ${stage ? `staging label: ${stage}` : `VersionId: ${String(VersionId)}`}`,
    );
  return ok(JSON.stringify(version), JSON_11);
};

export const secretsManagerWrites: WriteHandlers = {
  'secretsmanager:CreateSecret': createSecret,
  'secretsmanager:PutSecretValue': putSecretValue,
  'secretsmanager:DescribeSecret': describeSecret,
  'secretsmanager:GetSecretValue': getSecretValue,
};
