/**
 * What the CloudTrail fixes share: the trail's name for API calls and its home region, where
 * `UpdateTrail` and `StartLogging` must be called. Not a fix.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html
 */
import type { Resource } from '../../model/index.js';
import type { AwsCall } from '../fix.js';
import { callFor, capturedAt, physicalName } from '../fix-support.js';

/** The trail's ARN when known (unambiguous across regions), else its name. */
export function trailName(trail: Resource): string {
  return trail.arn ?? physicalName(trail, 'TrailName');
}

/** The region a trail is managed from: its home region. */
export function homeRegion(trail: Resource): string {
  const home = trail.observed?.HomeRegion;
  return typeof home === 'string' && home !== '' ? home : trail.region;
}

export function trailCall(trail: Resource, operation: string, input: Record<string, unknown>): AwsCall {
  return callFor(trail, 'cloudtrail', operation, `cloudtrail:${operation}`, input, homeRegion(trail));
}

/** `GetTrail`, whose `Trail` answer holds the settings `UpdateTrail` changes. */
export function getTrail(trail: Resource): AwsCall {
  return trailCall(trail, 'GetTrail', { Name: trailName(trail) });
}

/**
 * `UpdateTrail` back to the captured settings named: `GetTrail` calls log file validation
 * `LogFileValidationEnabled` where `UpdateTrail` takes `EnableLogFileValidation`.
 */
export function restoreTrail(
  trail: Resource,
  captured: unknown,
  settings: ReadonlyArray<readonly [update: string, get: string]>,
): AwsCall | undefined {
  const input: Record<string, unknown> = { Name: trailName(trail) };
  for (const [update, get] of settings) {
    const value = capturedAt(captured, 'Trail', get);
    // UpdateTrail leaves an omitted setting unchanged; a boolean absent from GetTrail is false.
    input[update] = value === true;
  }
  return trailCall(trail, 'UpdateTrail', input);
}
