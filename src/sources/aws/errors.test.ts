import { describe, expect, it } from 'vitest';
import { classifyError, gapKindOf, isRetryable } from './errors.js';

const sdkError = (name: string, status?: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

describe('classifyError', () => {
  it.each([
    ['Throttling', 400, 'throttled'],
    ['RequestLimitExceeded', 503, 'throttled'],
    ['ThrottlingException', 400, 'throttled'],
    ['TooManyRequestsException', 429, 'throttled'],
    ['SlowDown', 503, 'throttled'],
    ['AccessDenied', 403, 'access-denied'],
    ['UnauthorizedOperation', 403, 'access-denied'],
    ['AccessDeniedException', 400, 'access-denied'],
    ['OptInRequired', 401, 'region-disabled'],
    ['UnrecognizedClientException', 400, 'region-disabled'],
    ['InternalError', 500, 'server'],
    ['ServiceUnavailable', 503, 'server'],
    ['TimeoutError', undefined, 'timeout'],
    ['ENOTFOUND', undefined, 'service-unavailable'],
    ['ValidationException', 400, 'client'],
  ])('%s (%s) is %s', (name, status, expected) => {
    expect(classifyError(sdkError(name, status)).class).toBe(expected);
  });

  it('honours the codes a call declares as "not configured"', () => {
    expect(classifyError(sdkError('NoSuchBucketPolicy', 404), ['NoSuchBucketPolicy']).class).toBe(
      'not-configured',
    );
  });

  it('retries throttling, 5xx and timeouts only, and maps the rest to gap kinds', () => {
    expect(isRetryable(classifyError(sdkError('Throttling', 400)))).toBe(true);
    expect(isRetryable(classifyError(sdkError('AccessDenied', 403)))).toBe(false);
    expect(gapKindOf(classifyError(sdkError('RequestLimitExceeded', 503)))).toBe('throttled');
    expect(gapKindOf(classifyError(sdkError('UnauthorizedOperation', 403)))).toBe('access-denied');
    expect(gapKindOf(classifyError(sdkError('OptInRequired', 401)))).toBe('region-disabled');
    expect(gapKindOf(classifyError(sdkError('InternalError', 500)))).toBe('api-error');
  });
});
