/**
 * The wire protocol of each service, by its SigV4 signing name, and the error documents each
 * protocol returns, as AWS writes them.
 * https://smithy.io/2.0/aws/protocols/index.html
 */
import { randomUUID } from 'node:crypto';
import { escapeXml } from './xml.js';

export type Protocol = 'ec2' | 'query' | 'json' | 'rest-json' | 'rest-xml';

export const PROTOCOLS: Record<string, Protocol> = {
  ec2: 'ec2',
  iam: 'query',
  sts: 'query',
  rds: 'query',
  elasticloadbalancing: 'query',
  // Classic Load Balancers sign as `elasticloadbalancing` too; the endpoint tells them by the
  // request's `Version=2012-06-01` and serves them as `elb`.
  elb: 'query',
  autoscaling: 'query',
  redshift: 'query',
  sns: 'query',
  dynamodb: 'json',
  kms: 'json',
  cloudtrail: 'json',
  config: 'json',
  monitoring: 'json',
  organizations: 'json',
  'application-autoscaling': 'json',
  ecs: 'json',
  codepipeline: 'json',
  acm: 'json',
  logs: 'json',
  events: 'json',
  lambda: 'rest-json',
  guardduty: 'rest-json',
  securityhub: 'rest-json',
  backup: 'rest-json',
  eks: 'rest-json',
  s3: 'rest-xml',
  // S3 Control signs as `s3`; the endpoint tells it by its `/v20180820/` paths.
  s3control: 'rest-xml',
  route53: 'rest-xml',
  // IAM Access Analyzer signs as `access-analyzer`.
  'access-analyzer': 'rest-json',
  cloudfront: 'rest-xml',
  elasticfilesystem: 'rest-json',
  elasticache: 'query',
  // OpenSearch Service signs as `es`.
  es: 'rest-json',
  // SQS speaks AWS JSON 1.0 since 2023 (the SDK v3 no longer sends the query protocol).
  sqs: 'json',
  apigateway: 'rest-json',
  secretsmanager: 'json',
};

/** XML namespaces of the query services' responses. */
export const QUERY_NAMESPACES: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  elb: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/',
  autoscaling: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  redshift: 'http://redshift.amazonaws.com/doc/2012-12-01/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  elasticache: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
};

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** JSON protocol content types. */
export const JSON_CONTENT_TYPES: Record<string, string> = {
  dynamodb: 'application/x-amz-json-1.0',
  monitoring: 'application/x-amz-json-1.0',
  sqs: 'application/x-amz-json-1.0',
};

/** SQS's query-protocol error codes, by the JSON protocol's error name. */
const SQS_QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  AccessDeniedException: 'AccessDenied',
};

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The throttling error code each protocol's services use. */
export function throttlingCode(service: string, protocol: Protocol): string {
  if (protocol === 'ec2') return 'RequestLimitExceeded';
  if (protocol === 'query') return 'Throttling';
  if (service === 's3') return 'SlowDown';
  if (protocol === 'rest-json') return 'TooManyRequestsException';
  return 'ThrottlingException';
}

/** The access-denied code each protocol's services use. */
export function deniedCode(protocol: Protocol, service: string): string {
  if (protocol === 'ec2') return 'UnauthorizedOperation';
  // SNS answers `AuthorizationError` (HTTP 403).
  // https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html#API_ListTopics_Errors
  if (service === 'sns') return 'AuthorizationError';
  if (protocol === 'query') return 'AccessDenied';
  // CloudFront's, like S3's, is `AccessDenied`.
  // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetDistributionConfig.html#API_GetDistributionConfig_Errors
  if (service === 's3' || service === 'cloudfront') return 'AccessDenied';
  return 'AccessDeniedException';
}

/** An error response in the service's protocol. */
export function errorResponse(
  service: string,
  protocol: Protocol,
  status: number,
  code: string,
  message: string,
): WireResponse {
  const requestId = randomUUID();
  switch (protocol) {
    case 'ec2':
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
      return {
        status,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'query':
      return {
        status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: `<ErrorResponse xmlns="${QUERY_NAMESPACES[service] ?? ''}">\n  <Error>\n    <Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>\n    <Code>${code}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
      };
    case 'json': {
      const headers: Record<string, string> = {
        'content-type': JSON_CONTENT_TYPES[service] ?? 'application/x-amz-json-1.1',
        'x-amzn-requestid': requestId,
      };
      // CloudWatch speaks JSON 1.0 with the query error codes in a header (awsQueryCompatible).
      if (service === 'monitoring')
        headers['x-amzn-query-error'] = `${code};${status >= 500 ? 'Receiver' : 'Sender'}`;
      // So does SQS, whose query codes differ from the JSON error names; the SDK gives the header's
      // code as the error's `Code`.
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-api-responses.html
      if (service === 'sqs')
        headers['x-amzn-query-error'] =
          `${SQS_QUERY_CODES[code] ?? code};${status >= 500 ? 'Receiver' : 'Sender'}`;
      return { status, headers, body: JSON.stringify({ __type: code, message }) };
    }
    case 'rest-json':
      return {
        status,
        headers: {
          'content-type': 'application/json',
          'x-amzn-errortype': code,
          'x-amzn-requestid': requestId,
        },
        body: JSON.stringify({ Type: status >= 500 ? 'Service' : 'User', message }),
      };
    case 'rest-xml':
      // CloudFront wraps the error in <ErrorResponse> in its namespace, with the error's Type.
      // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RESTResponses.html
      if (service === 'cloudfront')
        return {
          status,
          headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
          body: `<?xml version="1.0"?>\n<ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        };
      // S3 Control wraps the error in <ErrorResponse>, as the query protocol does.
      // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
      if (service === 's3control')
        return {
          status,
          headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
          body: `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></ErrorResponse>`,
        };
      return {
        status,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`,
      };
  }
}
