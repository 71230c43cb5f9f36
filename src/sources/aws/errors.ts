/**
 * Classifies SDK errors into what the runner does with them: retry (throttling, 5xx, timeouts),
 * or record a coverage gap of the right kind (access denied, region not enabled, service not in
 * the region, anything else).
 */
import type { CoverageGapKind } from '../../model/index.js';

export type ErrorClass =
  | 'throttled'
  | 'server'
  | 'timeout'
  | 'access-denied'
  | 'region-disabled'
  | 'service-unavailable'
  | 'not-configured'
  | 'client';

export interface ClassifiedError {
  class: ErrorClass;
  code: string;
  message: string;
  status?: number;
}

// Throttling codes across protocols.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'RequestThrottled',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedException',
  'AllAccessDisabled',
  'Forbidden',
]);

// An opt-in region that is not enabled: EC2 says OptInRequired; other services reject the token
// because STS credentials are not valid there.
// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
const REGION_DISABLED = new Set(['OptInRequired', 'InvalidClientTokenId', 'UnrecognizedClientException']);

// The service has no endpoint in the region (DNS does not resolve) or says it is not offered there.
const UNAVAILABLE_NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_CODES = new Set(['UnknownEndpoint', 'InvalidAction', 'UnsupportedOperation']);

const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);
const NETWORK_RETRY = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

export function classifyError(error: unknown, notConfigured: readonly string[] = []): ClassifiedError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = String(e.Code ?? (typeof e.code === 'string' ? e.code : undefined) ?? e.name ?? 'Error');
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const out = (cls: ErrorClass): ClassifiedError =>
    status === undefined ? { class: cls, code, message } : { class: cls, code, message, status };
  if (notConfigured.includes(code)) return out('not-configured');
  if (THROTTLING.has(code) || status === 429) return out('throttled');
  if (DENIED.has(code)) return out('access-denied');
  if (REGION_DISABLED.has(code)) return out('region-disabled');
  if (UNAVAILABLE_NETWORK.has(code) || UNAVAILABLE_CODES.has(code)) return out('service-unavailable');
  if (TIMEOUT.has(code)) return out('timeout');
  if (NETWORK_RETRY.has(code)) return out('server');
  if (status !== undefined && status >= 500) return out('server');
  if (status === 403) return out('access-denied');
  return out('client');
}

/** Errors worth another round after the SDK's own attempts are spent. */
export function isRetryable(error: ClassifiedError): boolean {
  return error.class === 'throttled' || error.class === 'server' || error.class === 'timeout';
}

/** The coverage gap kind for an error that ended a call. */
export function gapKindOf(error: ClassifiedError): CoverageGapKind {
  switch (error.class) {
    case 'access-denied':
      return 'access-denied';
    case 'region-disabled':
      return 'region-disabled';
    case 'throttled':
      return 'throttled';
    default:
      // `service-unavailable` (no endpoint in the region) has no kind of its own yet.
      return 'api-error';
  }
}
