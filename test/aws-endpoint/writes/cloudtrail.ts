/**
 * CloudTrail (JSON 1.1) trail settings, kept in the region's `DescribeTrails` recording
 * (`cloudtrail/DescribeTrails`, `trailList`) that the collector lists, and logging in a per-trail
 * `GetTrailStatus` recording (`cloudtrail/GetTrailStatus/<trail ARN>`, the key the collector's call
 * is answered from). `GetTrail`, which the fixes' captures read, answers from the same listing.
 * A trail is changed only from its home region, as CloudTrail requires.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrail.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StartLogging.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html
 */
import type { WireResponse } from '../protocols.js';
import type { WriteHandler, WriteHandlers, WriteRequest, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const JSON_11 = 'application/x-amz-json-1.1';
const TRAILS = 'cloudtrail/DescribeTrails';

type Trail = Record<string, unknown>;

function trails(state: WriteState): Trail[] {
  const recorded = state.get(TRAILS);
  if (recorded === undefined) return [];
  const list = (JSON.parse(recorded) as { trailList?: unknown }).trailList;
  return Array.isArray(list) ? (list as Trail[]) : [];
}

/** The trail a `Name` (name or ARN) designates, or the error CloudTrail answers. */
function findTrail(
  request: WriteRequest,
  state: WriteState,
  param: string,
): { trail: Trail; all: Trail[] } | WireResponse {
  const name = request.params[param];
  if (typeof name !== 'string' || name === '') {
    return state.error(400, 'InvalidTrailNameException', 'Trail name cannot be blank.');
  }
  const all = trails(state);
  const trail = all.find((t) => t.Name === name || t.TrailARN === name);
  const account = String(all[0]?.TrailARN ?? '').split(':')[4] ?? '';
  if (!trail) {
    // A trail ARN of another region: the trail exists there, and is managed only from there.
    const arnRegion = name.startsWith('arn:') ? name.split(':')[3] : undefined;
    if (arnRegion !== undefined && arnRegion !== request.region) {
      return state.error(
        400,
        'InvalidHomeRegionException',
        `This operation must be called from the trail's home region, ${arnRegion}`,
      );
    }
    return state.error(400, 'TrailNotFoundException', `Unknown trail: ${name} for the user: ${account}`);
  }
  if (typeof trail.HomeRegion === 'string' && trail.HomeRegion !== request.region) {
    return state.error(
      400,
      'InvalidHomeRegionException',
      `This operation must be called from the trail's home region, ${trail.HomeRegion}`,
    );
  }
  return { trail, all };
}

const isResponse = (v: object): v is WireResponse => 'status' in v;

/** UpdateTrail's inputs that are booleans of the trail, by the name `DescribeTrails` gives them. */
const FLAGS: Array<[input: string, field: string]> = [
  ['IncludeGlobalServiceEvents', 'IncludeGlobalServiceEvents'],
  ['IsMultiRegionTrail', 'IsMultiRegionTrail'],
  ['EnableLogFileValidation', 'LogFileValidationEnabled'],
  ['IsOrganizationTrail', 'IsOrganizationTrail'],
];

/** UpdateTrail's string inputs kept as they are. */
const TEXTS = [
  'S3BucketName',
  'S3KeyPrefix',
  'SnsTopicName',
  'CloudWatchLogsLogGroupArn',
  'CloudWatchLogsRoleArn',
  'KmsKeyId',
];

/** The members of UpdateTrail's answer, in the order of the API reference. */
const ANSWER = [
  'Name',
  'S3BucketName',
  'S3KeyPrefix',
  'SnsTopicName',
  'SnsTopicARN',
  'IncludeGlobalServiceEvents',
  'IsMultiRegionTrail',
  'TrailARN',
  'LogFileValidationEnabled',
  'CloudWatchLogsLogGroupArn',
  'CloudWatchLogsRoleArn',
  'KmsKeyId',
  'IsOrganizationTrail',
];

const updateTrail: WriteHandler = (request, state) => {
  const found = findTrail(request, state, 'Name');
  if (isResponse(found)) return found;
  const { trail, all } = found;
  const updated: Trail = { ...trail };
  for (const [input, field] of FLAGS) {
    const value = request.params[input];
    if (value !== undefined) updated[field] = value === true;
  }
  for (const input of TEXTS) {
    const value = request.params[input];
    if (typeof value === 'string') updated[input] = value;
  }
  if (updated.IsMultiRegionTrail === true && updated.IncludeGlobalServiceEvents === false) {
    return state.error(
      400,
      'InvalidParameterCombinationException',
      'Multi-Region trail must include global service events.',
    );
  }
  state.set(TRAILS, JSON.stringify({ trailList: all.map((t) => (t === trail ? updated : t)) }));
  const answer = Object.fromEntries(
    ANSWER.filter((k) => updated[k] !== undefined).map((k) => [k, updated[k]]),
  );
  return ok(JSON.stringify(answer), JSON_11);
};

const getTrail: WriteHandler = (request, state) => {
  const found = findTrail(request, state, 'Name');
  if (isResponse(found)) return found;
  return ok(JSON.stringify({ Trail: found.trail }), JSON_11);
};

/** StartLogging / StopLogging: the trail's status, as its `GetTrailStatus` answers it from now on. */
function logging(on: boolean): WriteHandler {
  return (request, state) => {
    const found = findTrail(request, state, 'Name');
    if (isResponse(found)) return found;
    const key = `cloudtrail/GetTrailStatus/${String(found.trail.TrailARN)}`;
    const recorded = state.get(key) ?? state.get('cloudtrail/GetTrailStatus');
    const status = recorded === undefined ? {} : (JSON.parse(recorded) as Record<string, unknown>);
    const now = Date.now() / 1000;
    state.set(
      key,
      JSON.stringify({
        ...status,
        IsLogging: on,
        ...(on ? { StartLoggingTime: now } : { StopLoggingTime: now }),
      }),
    );
    return ok('{}', JSON_11);
  };
}

export const cloudtrailWrites: WriteHandlers = {
  'cloudtrail:UpdateTrail': updateTrail,
  'cloudtrail:GetTrail': getTrail,
  'cloudtrail:StartLogging': logging(true),
  'cloudtrail:StopLogging': logging(false),
};
