/**
 * A local AWS endpoint for tests and the benchmark: an HTTP server on 127.0.0.1 (port 0) that the
 * real SDK clients reach through endpoint configuration. It answers the EC2 and query protocols
 * (XML), JSON 1.0/1.1, REST-JSON and REST-XML from recorded responses, serving listings page by page
 * with the protocol's own tokens (EC2 `nextToken`, IAM `Marker` + `IsTruncated`, JSON `NextToken`),
 * can forward S3 to s3rver and DynamoDB to dynalite, and injects faults: throttling, 5xx, access
 * denied for chosen services, latency and per-API rate limits. Every request is logged.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FixtureStore } from './fixtures.js';
import { DEFAULT_WRITES, writeState, type WriteHandlers } from './writes.js';
import {
  deniedCode,
  EC2_NAMESPACE,
  errorResponse,
  JSON_CONTENT_TYPES,
  PROTOCOLS,
  QUERY_NAMESPACES,
  throttlingCode,
  type Protocol,
  type WireResponse,
} from './protocols.js';
import { children, escapeXml, root, text, xmlToObject, type XmlElement } from './xml.js';

export interface Faults {
  /** Share of requests answered with the protocol's throttling error (0.2 = 20%). */
  throttleRate?: number;
  /** Share answered with a 500/503. */
  serverErrorRate?: number;
  /**
   * Services (signing names, `ec2`, `kms`), operations (`s3:GetBucketPolicy`) or one resource's calls
   * (`acm:DescribeCertificate/<arn>`: the operation, a slash and any request parameter value) that answer
   * AccessDenied, as a policy scoped by resource would.
   */
  deny?: string[];
  /** Delay before every answer. */
  latencyMs?: number;
  /** Extra delay before the answers of these operations (`ec2:DescribeVolumes`): slow replies. */
  slow?: Record<string, number>;
  /** Requests per second each operation accepts (`ec2:DescribeInstances`, or `*`); more are throttled. */
  rateLimits?: Record<string, number>;
  /** Seed of the fault dice, so a run is reproducible in distribution. */
  seed?: number;
}

export interface LoggedRequest {
  service: string;
  operation: string;
  region: string;
  /**
   * The decoded input, close to the SDK input: form parameters of the query and EC2 protocols
   * (without `Action` and `Version`), the JSON body, or a REST call's path resource, query and body.
   */
  params: Record<string, unknown>;
  status: number;
  fault?: 'throttle' | 'server-error' | 'denied' | 'rate-limit';
  /** Milliseconds since the endpoint started, when the answer was sent. */
  at: number;
}

export interface AwsEndpointOptions {
  fixtures: FixtureStore;
  faults?: Faults;
  /** Items per page of a recorded listing (smaller than AWS's, so tests cross pages). */
  pageSize?: number;
  /** Forward S3 requests that s3rver implements (list, location, website, CORS) to this base URL. */
  s3rver?: string;
  /** Forward DynamoDB requests to dynalite at this base URL (others fall back to recordings). */
  dynalite?: string;
  /**
   * Handlers of write operations that change the recorded state (see writes.ts); default
   * `DEFAULT_WRITES`. Their changes go into `fixtures`, so later reads see them.
   */
  writes?: WriteHandlers;
}

export interface AwsEndpoint {
  url: string;
  log: LoggedRequest[];
  faults: Faults;
  /** The most requests of each service that were being answered at one time. */
  peakInFlight: Record<string, number>;
  close(): Promise<void>;
}

interface ParsedRequest {
  service: string;
  region: string;
  protocol: Protocol;
  operation: string;
  params: Record<string, unknown>;
  /** The resource a REST call is about (bucket, function name). */
  key?: string;
  /** S3 sub-resource (`versioning`). */
  subresource?: string;
  method: string;
  path: string;
  body: Buffer;
  headers: IncomingMessage['headers'];
}

/** mulberry32: small seeded PRNG for fault dice. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** S3 sub-resources, the operation each is, and the error S3 returns when the bucket has none. */
const S3_SUBRESOURCES: Record<string, { operation: string; notFound?: [number, string] }> = {
  location: { operation: 'GetBucketLocation' },
  versioning: { operation: 'GetBucketVersioning' },
  encryption: {
    operation: 'GetBucketEncryption',
    notFound: [404, 'ServerSideEncryptionConfigurationNotFoundError'],
  },
  logging: { operation: 'GetBucketLogging' },
  publicAccessBlock: {
    operation: 'GetPublicAccessBlock',
    notFound: [404, 'NoSuchPublicAccessBlockConfiguration'],
  },
  policy: { operation: 'GetBucketPolicy', notFound: [404, 'NoSuchBucketPolicy'] },
  policyStatus: { operation: 'GetBucketPolicyStatus', notFound: [404, 'NoSuchBucketPolicy'] },
  acl: { operation: 'GetBucketAcl' },
  lifecycle: {
    operation: 'GetBucketLifecycleConfiguration',
    notFound: [404, 'NoSuchLifecycleConfiguration'],
  },
  replication: {
    operation: 'GetBucketReplication',
    notFound: [404, 'ReplicationConfigurationNotFoundError'],
  },
  notification: { operation: 'GetBucketNotificationConfiguration' },
  website: { operation: 'GetBucketWebsite', notFound: [404, 'NoSuchWebsiteConfiguration'] },
  ownershipControls: {
    operation: 'GetBucketOwnershipControls',
    notFound: [404, 'OwnershipControlsNotFoundError'],
  },
  tagging: { operation: 'GetBucketTagging', notFound: [404, 'NoSuchTagSet'] },
  cors: { operation: 'GetBucketCors', notFound: [404, 'NoSuchCORSConfiguration'] },
  'object-lock': {
    operation: 'GetObjectLockConfiguration',
    notFound: [404, 'ObjectLockConfigurationNotFoundError'],
  },
};

/** Sub-resources s3rver implements. */
const S3RVER_SUBRESOURCES = new Set(['', 'location', 'website', 'cors']);

/** REST routes (REST-JSON, and REST-XML other than S3): method, path pattern, operation; the first group names the resource. */
const REST_ROUTES: Array<[service: string, method: string, path: RegExp, operation: string]> = [
  ['lambda', 'GET', /^\/2015-03-31\/functions\/?$/, 'ListFunctions'],
  ['lambda', 'GET', /^\/2015-03-31\/functions\/([^/]+)\/policy\/?$/, 'GetPolicy'],
  ['lambda', 'GET', /^\/2019-09-30\/functions\/([^/]+)\/concurrency\/?$/, 'GetFunctionConcurrency'],
  // https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctionEventInvokeConfigs.html
  [
    'lambda',
    'GET',
    /^\/2019-09-25\/functions\/([^/]+)\/event-invoke-config\/list\/?$/,
    'ListFunctionEventInvokeConfigs',
  ],
  ['route53', 'GET', /^\/2013-04-01\/healthcheck\/?$/, 'ListHealthChecks'],
  ['route53', 'GET', /^\/2013-04-01\/healthcheck\/([^/]+)\/status\/?$/, 'GetHealthCheckStatus'],
  ['guardduty', 'GET', /^\/detector\/?$/, 'ListDetectors'],
  ['guardduty', 'GET', /^\/detector\/([^/]+)\/?$/, 'GetDetector'],
  ['eks', 'GET', /^\/clusters\/?$/, 'ListClusters'],
  ['eks', 'GET', /^\/clusters\/([^/]+)\/?$/, 'DescribeCluster'],
  ['securityhub', 'GET', /^\/accounts\/?$/, 'DescribeHub'],
  ['securityhub', 'POST', /^\/findings\/?$/, 'GetFindings'],
  ['guardduty', 'POST', /^\/detector\/([^/]+)\/findings\/statistics\/?$/, 'GetFindingsStatistics'],
  ['backup', 'GET', /^\/backup\/plans\/?$/, 'ListBackupPlans'],
  ['backup', 'GET', /^\/backup\/plans\/([^/]+)\/?$/, 'GetBackupPlan'],
  ['backup', 'GET', /^\/backup\/plans\/([^/]+)\/selections\/?$/, 'ListBackupSelections'],
  ['backup', 'GET', /^\/backup\/plans\/[^/]+\/selections\/([^/]+)\/?$/, 'GetBackupSelection'],
  ['backup', 'GET', /^\/backup-vaults\/?$/, 'ListBackupVaults'],
  ['backup', 'GET', /^\/backup-vaults\/([^/]+)\/access-policy\/?$/, 'GetBackupVaultAccessPolicy'],
  ['backup', 'GET', /^\/resources\/?$/, 'ListProtectedResources'],
  // https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html
  ['access-analyzer', 'GET', /^\/analyzer\/?$/, 'ListAnalyzers'],
  ['s3control', 'GET', /^\/v20180820\/configuration\/publicAccessBlock\/?$/, 'GetPublicAccessBlock'],
  ['s3control', 'PUT', /^\/v20180820\/configuration\/publicAccessBlock\/?$/, 'PutPublicAccessBlock'],
  ['s3control', 'DELETE', /^\/v20180820\/configuration\/publicAccessBlock\/?$/, 'DeletePublicAccessBlock'],
  // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListDistributions.html
  ['cloudfront', 'GET', /^\/2020-05-31\/distribution\/?$/, 'ListDistributions'],
  ['cloudfront', 'GET', /^\/2020-05-31\/distribution\/([^/]+)\/config\/?$/, 'GetDistributionConfig'],
  // https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_ListDomainNames.html
  ['es', 'GET', /^\/2021-01-01\/domain\/?$/, 'ListDomainNames'],
  ['es', 'POST', /^\/2021-01-01\/opensearch\/domain-info\/?$/, 'DescribeDomains'],
  // https://docs.aws.amazon.com/apigateway/latest/api/API_GetRestApis.html
  ['apigateway', 'GET', /^\/restapis\/?$/, 'GetRestApis'],
  ['apigateway', 'GET', /^\/restapis\/([^/]+)\/stages\/?$/, 'GetStages'],
  ['apigateway', 'GET', /^\/domainnames\/?$/, 'GetDomainNames'],
  // https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html
  ['elasticfilesystem', 'GET', /^\/2015-02-01\/file-systems\/?$/, 'DescribeFileSystems'],
  [
    'elasticfilesystem',
    'GET',
    /^\/2015-02-01\/file-systems\/([^/]+)\/backup-policy\/?$/,
    'DescribeBackupPolicy',
  ],
];

/** Recorded-less calls that answer an error, as AWS does when the thing is not configured. */
const NOT_FOUND: Record<string, [number, string, string]> = {
  'iam:GetAccountPasswordPolicy': [
    404,
    'NoSuchEntity',
    'The Password Policy with domain name 000000000000 cannot be found.',
  ],
  'lambda:GetPolicy': [404, 'ResourceNotFoundException', 'The resource you requested does not exist.'],
  'iam:GetCredentialReport': [410, 'ReportNotPresent', 'Credential report not present.'],
  'securityhub:DescribeHub': [401, 'InvalidAccessException', 'Account is not subscribed to AWS Security Hub'],
  'backup:GetBackupVaultAccessPolicy': [
    404,
    'ResourceNotFoundException',
    'Backup vault has no access policy',
  ],
  's3control:GetPublicAccessBlock': [
    404,
    'NoSuchPublicAccessBlockConfiguration',
    'The public access block configuration was not found',
  ],
  'cloudfront:GetDistributionConfig': [
    404,
    'NoSuchDistribution',
    'The specified distribution does not exist.',
  ],
  // https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html#API_GetTopicAttributes_Errors
  'sns:GetTopicAttributes': [404, 'NotFound', 'Topic does not exist'],
  // A file system without a backup policy (automatic backups off).
  // https://docs.aws.amazon.com/efs/latest/ug/API_DescribeBackupPolicy.html#API_DescribeBackupPolicy_Errors
  'elasticfilesystem:DescribeBackupPolicy': [404, 'PolicyNotFound', 'Backup policy not found'],
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html#API_GetQueueAttributes_Errors
  'sqs:GetQueueAttributes': [400, 'QueueDoesNotExist', 'The specified queue does not exist.'],
};

/**
 * Calls about one thing whose answer is a listing of its own, served page by page from the keyed
 * recording: a function's event invoke configurations, the rules of one event bus.
 */
const PAGED_PER_RESOURCE = new Set([
  'lambda:ListFunctionEventInvokeConfigs',
  'events:ListRules',
  'dynamodb:ListTagsOfResource',
]);

/** Query-protocol services that page with `NextToken` (the others, IAM-style, with `Marker` + `IsTruncated`). */
const NEXT_TOKEN_QUERY = new Set(['autoscaling', 'sns']);

/**
 * Listings that page although the request names no page size: SNS returns up to 100 topics or
 * subscriptions a call and takes only `NextToken`.
 * https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html
 */
const PAGED_WITHOUT_SIZE = new Set(['sns:ListTopics', 'sns:ListSubscriptions']);

/**
 * Query-protocol lists whose members carry their own name instead of `member`, by list element:
 * RDS's `EventSubscriptionsList` holds `EventSubscription` elements.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeEventSubscriptions.html
 */
const NAMED_MEMBERS: Record<string, string> = {
  EventSubscriptionsList: 'EventSubscription',
  // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReplicationGroups.html
  ReplicationGroups: 'ReplicationGroup',
  CacheClusters: 'CacheCluster',
};

/**
 * Query-protocol services that take `Marker` and answer `NextMarker`, with no `IsTruncated`: Elastic
 * Load Balancing, both versions ("NextMarker: The marker to use when requesting the next set of
 * results").
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_DescribeLoadBalancers.html
 */
const NEXT_MARKER_QUERY = new Set(['elasticloadbalancing', 'elb']);

/**
 * Query-protocol services that take `Marker` and answer `Marker`, with no `IsTruncated`: ElastiCache.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html
 */
const MARKER_ONLY_QUERY = new Set(['elasticache']);

/** Pagination of JSON listings: request token, response token, and the "more" flag where there is one. */
const JSON_TOKENS: Record<string, [string, string, string?]> = {
  'kms:ListKeys': ['Marker', 'NextMarker', 'Truncated'],
  'kms:ListAliases': ['Marker', 'NextMarker', 'Truncated'],
  'lambda:ListFunctions': ['Marker', 'NextMarker'],
  'lambda:ListFunctionEventInvokeConfigs': ['Marker', 'NextMarker'],
  'dynamodb:ListTables': ['ExclusiveStartTableName', 'LastEvaluatedTableName'],
  'route53:ListHealthChecks': ['marker', 'NextMarker', 'IsTruncated'],
  'guardduty:ListDetectors': ['nextToken', 'nextToken'],
  'eks:ListClusters': ['nextToken', 'nextToken'],
  'ecs:ListClusters': ['nextToken', 'nextToken'],
  'ecs:ListServices': ['nextToken', 'nextToken'],
  'codepipeline:ListPipelines': ['nextToken', 'nextToken'],
  'codepipeline:ListPipelineExecutions': ['nextToken', 'nextToken'],
  'backup:ListBackupPlans': ['nextToken', 'NextToken'],
  'backup:ListBackupSelections': ['nextToken', 'NextToken'],
  'backup:ListBackupVaults': ['nextToken', 'NextToken'],
  'backup:ListProtectedResources': ['nextToken', 'NextToken'],
  'logs:DescribeLogGroups': ['nextToken', 'nextToken'],
  'logs:DescribeMetricFilters': ['nextToken', 'nextToken'],
  'logs:DescribeDeliverySources': ['nextToken', 'nextToken'],
  'logs:DescribeDeliveries': ['nextToken', 'nextToken'],
  'access-analyzer:ListAnalyzers': ['nextToken', 'nextToken'],
  // API Gateway pages with `position` in the query and in the answer.
  'apigateway:GetRestApis': ['position', 'position'],
  'apigateway:GetDomainNames': ['position', 'position'],
  'elasticfilesystem:DescribeFileSystems': ['Marker', 'NextMarker'],
};

function signingScope(headers: IncomingMessage['headers']): { service: string; region: string } {
  const auth = String(headers.authorization ?? '');
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return m ? { region: m[1]!, service: m[2]! } : { region: 'us-east-1', service: 'unknown' };
}

function parseRequest(
  method: string,
  url: URL,
  body: Buffer,
  headers: IncomingMessage['headers'],
): ParsedRequest {
  const scope = signingScope(headers);
  const region = scope.region;
  // S3 Control signs as `s3` but has its own paths; the account it is about is a header.
  const control = scope.service === 's3' && url.pathname.startsWith('/v20180820/');
  const service = control ? 's3control' : scope.service;
  const protocol = PROTOCOLS[service] ?? 'json';
  const base = { service, region, protocol, method, path: url.pathname, body, headers };
  if (protocol === 'ec2' || protocol === 'query') {
    const form = new URLSearchParams(method === 'GET' ? url.search : body.toString('utf8'));
    const params = Object.fromEntries(form);
    // Classic Load Balancers sign as `elasticloadbalancing`, like version 2, but call API 2012-06-01
    // (same operation names, another namespace): served as `elb`, with recordings of their own.
    const classic = service === 'elasticloadbalancing' && params.Version === '2012-06-01';
    return { ...base, ...(classic ? { service: 'elb' } : {}), operation: params.Action ?? 'Unknown', params };
  }
  if (protocol === 'json') {
    const target = String(headers['x-amz-target'] ?? '');
    const params = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    return { ...base, operation: target.slice(target.lastIndexOf('.') + 1), params };
  }
  const query = Object.fromEntries(url.searchParams);
  const decoded = decodeRestBody(protocol, body);
  if (service === 's3') {
    const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
    if (!bucket) return { ...base, operation: 'ListBuckets', params: query };
    const sub = Object.keys(query).find((k) => k in S3_SUBRESOURCES) ?? '';
    const operation = s3Operation(method, sub);
    const rest = Object.fromEntries(Object.entries(query).filter(([k]) => k !== sub));
    // PutBucketPolicy's body is the policy's JSON text itself (the SDK input's `Policy`), not XML.
    const payload = sub === 'policy' && method === 'PUT' ? { Policy: body.toString('utf8') } : decoded;
    return {
      ...base,
      operation,
      params: { ...rest, Bucket: bucket, ...payload },
      key: bucket,
      subresource: sub,
    };
  }
  for (const [routeService, routeMethod, pattern, operation] of REST_ROUTES) {
    const m = routeService === service && routeMethod === method ? pattern.exec(url.pathname) : null;
    if (!m) continue;
    const key = m[1] ? decodeURIComponent(m[1]) : control ? String(headers['x-amz-account-id'] ?? '') : '';
    // S3 Control's account is a header; the log shows it as the SDK input's `AccountId`.
    const account = control && key ? { AccountId: key } : {};
    return { ...base, operation, params: { ...account, ...query, ...decoded }, ...(key ? { key } : {}) };
  }
  return { ...base, operation: `${method} ${url.pathname}`, params: { ...query, ...decoded } };
}

/** A REST request body as input parameters: the XML document's root element, or the JSON object. */
function decodeRestBody(protocol: Protocol, body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const raw = body.toString('utf8');
  try {
    if (protocol === 'rest-json') return JSON.parse(raw) as Record<string, unknown>;
    if (protocol === 'rest-xml' && raw.trimStart().startsWith('<')) return xmlToObject(raw);
  } catch {
    // Not a document (an object's bytes): the log keeps the parameters of the path and query only.
  }
  return {};
}

/**
 * The S3 operation of a bucket request: a sub-resource's read for GET (`versioning` →
 * `GetBucketVersioning`), its write for PUT and DELETE (`PutBucketVersioning`, `DeleteBucketPolicy`).
 */
function s3Operation(method: string, sub: string): string {
  if (!sub) {
    if (method === 'PUT') return 'CreateBucket';
    if (method === 'DELETE') return 'DeleteBucket';
    if (method === 'HEAD') return 'HeadBucket';
    return 'ListObjects';
  }
  const read = S3_SUBRESOURCES[sub]!.operation;
  if (method === 'PUT') return read.replace(/^Get/, 'Put');
  if (method === 'DELETE') return read.replace(/^Get/, 'Delete');
  return read;
}

/** Form parameters without the protocol's envelope, for the request log. */
function logParams(request: ParsedRequest): Record<string, unknown> {
  if (request.protocol !== 'ec2' && request.protocol !== 'query') return request.params;
  const { Action: _action, Version: _version, ...rest } = request.params;
  return rest;
}

/** Request parameters that ask for a page of a given size. */
const PAGE_SIZE_PARAMS = [
  'MaxResults',
  'MaxItems',
  'MaxRecords',
  'Limit',
  'PageSize',
  'MaxBuckets',
  'maxResults',
  // CloudWatch Logs' DescribeLogGroups, DescribeMetricFilters ...
  'limit',
];

const encodeToken = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64');
const decodeToken = (token: unknown): number => {
  if (typeof token !== 'string' || !token) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw new Error(`bad token ${token}`);
  return Number(m[1]);
};

/** The parts of a recorded XML listing that paging needs, found once per recorded document. */
interface XmlListing {
  container: XmlElement;
  /** The container's children, in order; lists are the ones whose children are all members. */
  parts: Array<{ element: XmlElement; isList: boolean }>;
  /** Every member of every list, in document order. */
  members: Array<{ list: XmlElement; item: XmlElement }>;
  /** Whether the document says whether it is truncated (query listings without a member list). */
  saysTruncated: boolean;
}

/**
 * Parsed listings by fixture store and recorded document: a large listing (thousands of instances)
 * is served in many pages, and parsing it again for each page would make the endpoint, not the
 * client, the bottleneck. Kept while the store is.
 */
const xmlListings = new WeakMap<FixtureStore, Map<string, XmlListing | null>>();

function xmlListing(store: FixtureStore, xml: string, protocol: Protocol): XmlListing | null {
  let listings = xmlListings.get(store);
  if (!listings) xmlListings.set(store, (listings = new Map()));
  const cached = listings.get(xml);
  if (cached !== undefined) return cached;
  const doc = root(xml);
  const container =
    protocol === 'ec2'
      ? doc
      : children(xml, doc.innerStart, doc.innerEnd).find((c) => c.name.endsWith('Result'));
  let listing: XmlListing | null = null;
  if (container) {
    const parts = children(xml, container.innerStart, container.innerEnd).map((element) => {
      const memberName = protocol === 'ec2' ? 'item' : (NAMED_MEMBERS[element.name] ?? 'member');
      const kids = children(xml, element.innerStart, element.innerEnd);
      return { element, kids, isList: kids.length > 0 && kids.every((k) => k.name === memberName) };
    });
    listing = {
      container,
      parts: parts.map(({ element, isList }) => ({ element, isList })),
      members: parts
        .filter((p) => p.isList)
        .flatMap((p) => p.kids.map((item) => ({ list: p.element, item }))),
      saysTruncated: /IsTruncated/.test(text(xml, container)),
    };
  }
  listings.set(xml, listing);
  return listing;
}

/**
 * Indexes every recorded XML listing (`<service>/<Operation>`, with or without a region in front)
 * before the first request, as a service has its data indexed before anyone asks. Otherwise the
 * first page of a listing of thousands of instances parses the whole recording, and the endpoint,
 * one thread for every service, answers nothing else meanwhile. A recording that is not a listing
 * is left to fail, or not, when it is served.
 */
function indexListings(store: FixtureStore): void {
  for (const [key, body] of store.responses) {
    const parts = key.split('/');
    // `<region>/<service>/…` recordings: a first part that names no service is the region.
    const [service, operation, rest] = parts[0]! in PROTOCOLS ? parts : parts.slice(1);
    const protocol = PROTOCOLS[service!];
    if (!operation || rest !== undefined || (protocol !== 'ec2' && protocol !== 'query')) continue;
    if (!body.trimStart().startsWith('<')) continue;
    try {
      xmlListing(store, body, protocol);
    } catch {
      // Not a well-formed listing: serving it says so.
    }
  }
}

/**
 * Serves one page of a recorded XML listing (EC2 `<item>` sets, query `<member>` lists); a query
 * service's token is IAM's `Marker` + `IsTruncated`, `NextToken`, or ELB's `Marker` in and
 * `NextMarker` out.
 */
function pageXml(
  store: FixtureStore,
  xml: string,
  protocol: Protocol,
  params: Record<string, unknown>,
  pageSize: number,
  token: 'Marker' | 'NextToken' | 'NextMarker' | 'MarkerOnly' = 'Marker',
): string {
  const listing = xmlListing(store, xml, protocol);
  if (!listing) return xml;
  const { container, parts, members } = listing;
  const nextToken = token === 'NextToken';
  const tokenParam = protocol === 'ec2' || nextToken ? 'NextToken' : 'Marker';
  const asked = Number(
    params.MaxResults ?? params.MaxItems ?? params.MaxRecords ?? params.PageSize ?? Infinity,
  );
  const size = Math.min(pageSize, Number.isFinite(asked) && asked > 0 ? asked : Infinity);
  const offset = decodeToken(params[tokenParam]);
  const page = members.slice(offset, offset + size);
  const more = offset + size < members.length;
  const hasLists = parts.some((p) => p.isList);
  // Rebuild the container: each list keeps only this page's members; the token goes last.
  let inner = '';
  let cursor = container.innerStart;
  for (const { element, isList } of parts) {
    inner += xml.slice(cursor, element.start);
    cursor = element.end;
    if (isList) {
      const kept = page.filter((m) => m.list === element).map((m) => xml.slice(m.item.start, m.item.end));
      inner += `<${element.name}>${kept.join('')}</${element.name}>`;
    } else if (!['nextToken', 'NextToken', 'Marker', 'NextMarker', 'IsTruncated'].includes(element.name)) {
      inner += xml.slice(element.start, element.end);
    }
  }
  inner += xml.slice(cursor, container.innerEnd);
  if (protocol === 'ec2') {
    if (more) inner += `<nextToken>${encodeToken(offset + size)}</nextToken>`;
  } else if (nextToken) {
    if (more) inner += `<NextToken>${encodeToken(offset + size)}</NextToken>`;
  } else if (token === 'NextMarker') {
    if (more) inner += `<NextMarker>${encodeToken(offset + size)}</NextMarker>`;
  } else if (token === 'MarkerOnly') {
    if (more) inner += `<Marker>${encodeToken(offset + size)}</Marker>`;
  } else if (hasLists || listing.saysTruncated) {
    inner += `<IsTruncated>${more}</IsTruncated>`;
    if (more) inner += `<Marker>${encodeToken(offset + size)}</Marker>`;
  }
  return xml.slice(0, container.innerStart) + inner + xml.slice(container.innerEnd);
}

/**
 * Serves one page of a recorded CloudFront listing: the root element (`DistributionList`) holds the
 * members in `Items` with their count in `Quantity`; a page starts after the member whose `Id` is
 * the request's `Marker`, and `NextMarker` is the `Id` of the page's last member ("which is also the
 * ID of the last distribution on that page"), with `IsTruncated`.
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListDistributions.html
 */
function pageCloudFront(xml: string, params: Record<string, unknown>, pageSize: number): string {
  const doc = root(xml);
  const parts = children(xml, doc.innerStart, doc.innerEnd);
  const items = parts.find((p) => p.name === 'Items');
  const members = items ? children(xml, items.innerStart, items.innerEnd) : [];
  const ids = members.map((m) => {
    const id = children(xml, m.innerStart, m.innerEnd).find((c) => c.name === 'Id');
    return id ? text(xml, id) : undefined;
  });
  const marker = typeof params.Marker === 'string' ? params.Marker : '';
  const asked = Number(params.MaxItems ?? Infinity);
  const size = Math.min(pageSize, Number.isFinite(asked) && asked > 0 ? asked : Infinity);
  const after = marker ? ids.indexOf(marker) : -1;
  const offset = after >= 0 ? after + 1 : decodeToken(marker);
  const page = members.slice(offset, offset + size);
  const more = offset + size < members.length;
  const last = offset + page.length - 1;
  const next = ids[last] ?? encodeToken(offset + size);
  const paging = new Set(['Marker', 'NextMarker', 'MaxItems', 'IsTruncated', 'Quantity', 'Items']);
  let inner = `<Marker>${escapeXml(marker)}</Marker>`;
  if (more) inner += `<NextMarker>${escapeXml(next)}</NextMarker>`;
  inner += `<MaxItems>${Number.isFinite(asked) ? asked : 100}</MaxItems><IsTruncated>${more}</IsTruncated>`;
  inner += `<Quantity>${page.length}</Quantity>`;
  if (page.length > 0) inner += `<Items>${page.map((m) => xml.slice(m.start, m.end)).join('')}</Items>`;
  for (const part of parts) if (!paging.has(part.name)) inner += xml.slice(part.start, part.end);
  return xml.slice(0, doc.innerStart) + inner + xml.slice(doc.innerEnd);
}

/**
 * DescribeDomains as OpenSearch Service answers it: the recorded domains the request names, in the
 * order asked; a name with no domain is left out.
 * https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DescribeDomains.html
 */
function describeDomains(recorded: string | undefined, names: unknown[]): string {
  const all = recorded
    ? ((JSON.parse(recorded) as { DomainStatusList?: Array<{ DomainName?: string }> }).DomainStatusList ?? [])
    : [];
  const byName = new Map(all.map((d) => [d.DomainName, d]));
  return JSON.stringify({ DomainStatusList: names.flatMap((n) => byName.get(String(n)) ?? []) });
}

/** Serves one page of a recorded JSON listing (every top-level array, together). */
function pageJson(
  body: string,
  tokens: [string, string, string?],
  params: Record<string, unknown>,
  pageSize: number,
): string {
  const value = JSON.parse(body) as Record<string, unknown>;
  const [inToken, outToken, moreKey] = tokens;
  const lists = Object.keys(value).filter((k) => Array.isArray(value[k]));
  if (lists.length === 0) return body;
  const all = lists.flatMap((key) => (value[key] as unknown[]).map((item) => ({ key, item })));
  const asked = Number(params.MaxResults ?? params.Limit ?? params.limit ?? params.MaxItems ?? Infinity);
  const size = Math.min(pageSize, Number.isFinite(asked) && asked > 0 ? asked : Infinity);
  const offset = decodeToken(params[inToken]);
  const page = all.slice(offset, offset + size);
  const out: Record<string, unknown> = { ...value };
  for (const key of lists) out[key] = page.filter((x) => x.key === key).map((x) => x.item);
  delete out[outToken];
  const more = offset + size < all.length;
  if (more) out[outToken] = encodeToken(offset + size);
  if (moreKey) out[moreKey] = more;
  return JSON.stringify(out);
}

/**
 * `GetMetricData` as CloudWatch answers it: one result per query of the request (the recorded one with
 * that `Id`, datapoints inside [StartTime, EndTime), or an empty `Complete` one), paged with
 * `NextToken` when a page size is set. Timestamps are epoch seconds in JSON 1.0.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
 */
function metricData(recorded: string | undefined, params: Record<string, unknown>, pageSize: number): string {
  const known = new Map<string, Record<string, unknown>>();
  const parsed = recorded
    ? (JSON.parse(recorded) as { MetricDataResults?: Array<Record<string, unknown>> })
    : {};
  for (const r of parsed.MetricDataResults ?? []) known.set(String(r.Id), r);
  const start = Number(params.StartTime);
  const end = Number(params.EndTime);
  const queries = Array.isArray(params.MetricDataQueries)
    ? (params.MetricDataQueries as Array<{ Id: string }>)
    : [];
  const results = queries.map((q) => {
    const r = known.get(q.Id);
    const timestamps = (r?.Timestamps as number[] | undefined) ?? [];
    const values = (r?.Values as number[] | undefined) ?? [];
    const keep = timestamps.map((t) => t >= start && t < end);
    return {
      Id: q.Id,
      Label: r?.Label ?? q.Id,
      Timestamps: timestamps.filter((_, i) => keep[i]),
      Values: values.filter((_, i) => keep[i]),
      StatusCode: r?.StatusCode ?? 'Complete',
    };
  });
  const offset = decodeToken(params.NextToken);
  const page = results.slice(offset, offset + pageSize);
  const out: Record<string, unknown> = { MetricDataResults: page, Messages: [] };
  if (offset + pageSize < results.length) out.NextToken = encodeToken(offset + pageSize);
  return JSON.stringify(out);
}

/** A success response with no recording: the protocol's empty answer. */
function emptySuccess(request: ParsedRequest): string {
  const { operation, service, protocol } = request;
  const id = randomUUID();
  if (protocol === 'ec2')
    return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_NAMESPACE}"><requestId>${id}</requestId></${operation}Response>`;
  if (protocol === 'query') {
    return `<${operation}Response xmlns="${QUERY_NAMESPACES[service] ?? ''}"><${operation}Result/><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${operation}Response>`;
  }
  if (protocol === 'rest-xml')
    return `<?xml version="1.0" encoding="UTF-8"?>\n${EMPTY_REST_XML[`${service}:${operation}`] ?? ''}`;
  return '{}';
}

/**
 * REST-XML answers whose payload is a document that is never absent: an account without any
 * distributions still gets an (empty) `DistributionList`.
 */
const EMPTY_REST_XML: Record<string, string> = {
  'cloudfront:ListDistributions':
    '<DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>0</Quantity></DistributionList>',
};

function contentType(request: ParsedRequest): string {
  if (request.protocol === 'json') return JSON_CONTENT_TYPES[request.service] ?? 'application/x-amz-json-1.1';
  if (request.protocol === 'rest-json') return 'application/json';
  return 'text/xml;charset=UTF-8';
}

/** Recordings of one region (`<region>/<service>/…`) win over region-less ones (`<service>/…`). */
function regional(fixtures: FixtureStore, region: string): { get(key: string): string | undefined } {
  return { get: (key) => fixtures.get(`${region}/${key}`) ?? fixtures.get(key) };
}

function serveRecorded(
  request: ParsedRequest,
  store: FixtureStore,
  pageSize: number,
  s3rver: boolean,
): WireResponse {
  const { service, operation, protocol } = request;
  const fixtures = regional(store, request.region);
  const requestId = randomUUID();
  const ok = (body: string): WireResponse => ({
    status: 200,
    headers: {
      'content-type': contentType(request),
      'x-amzn-requestid': requestId,
      'x-amz-request-id': requestId,
    },
    body: body.replace(/\{\{requestId\}\}/g, requestId),
  });
  if (service === 's3' && request.key !== undefined) {
    const sub = request.subresource ?? '';
    const recorded = fixtures.get(`s3/${request.key}/${sub || 'objects'}`);
    if (recorded !== undefined) return ok(recorded);
    // With s3rver, the buckets are s3rver's: a sub-resource it lacks is simply not configured.
    if (!s3rver && !fixtures.get(`s3/${request.key}/location`) && sub !== '') {
      return errorResponse(service, protocol, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    }
    const notFound = S3_SUBRESOURCES[sub]?.notFound;
    if (notFound)
      return errorResponse(
        service,
        protocol,
        notFound[0],
        notFound[1],
        `The ${sub} configuration does not exist`,
      );
    return ok(emptySuccess(request));
  }
  if (service === 'monitoring' && operation === 'GetMetricData') {
    return ok(metricData(fixtures.get('monitoring/GetMetricData'), request.params, pageSize));
  }
  if (service === 'es' && operation === 'DescribeDomains') {
    const names = Array.isArray(request.params.DomainNames) ? request.params.DomainNames : [];
    if (names.length === 0 || names.length > 5)
      return errorResponse(service, protocol, 400, 'ValidationException', 'DomainNames takes 1 to 5 names');
    return ok(describeDomains(fixtures.get('es/DescribeDomains'), names));
  }
  // A recording about one thing (a user's keys, a function's policy): keyed by the resource or a parameter value.
  const keys = [request.key, ...Object.values(request.params)].filter(
    (v): v is string => typeof v === 'string',
  );
  // A URL (an SQS queue URL) is also recorded under its host and path: a file path cannot hold `//`.
  for (const key of [...keys]) if (/^https?:\/\//.test(key)) keys.push(key.replace(/^https?:\/\//, ''));
  for (const key of keys) {
    const recorded = fixtures.get(`${service}/${operation}/${key}`);
    if (recorded === undefined) continue;
    if (!PAGED_PER_RESOURCE.has(`${service}:${operation}`)) return ok(recorded);
    const tokens = JSON_TOKENS[`${service}:${operation}`] ?? ['NextToken', 'NextToken'];
    return ok(pageJson(recorded, tokens, request.params, pageSize));
  }
  // The public snapshots of an account (`--restorable-by-user-ids all`) are a recording of their own
  // (`ec2/DescribeSnapshots/all`); without one, the account has none, not every snapshot it lists.
  if (service === 'ec2' && operation === 'DescribeSnapshots' && keys.includes('all')) {
    return ok(emptySuccess(request));
  }
  // `events/ListRules` is the default bus's listing; another bus has rules only if recorded
  // (`events/ListRules/<bus>`).
  const bus = request.params.EventBusName;
  if (
    service === 'events' &&
    operation === 'ListRules' &&
    typeof bus === 'string' &&
    !/(^|\/)default$/.test(bus)
  ) {
    return ok(emptySuccess(request));
  }
  const recorded = fixtures.get(`${service}/${operation}`);
  if (recorded !== undefined) {
    // Only calls that page (they send a page size or a token, or the API has neither to send on a
    // first page) get pages; others get the whole answer.
    const tokens = JSON_TOKENS[`${service}:${operation}`] ?? ['NextToken', 'NextToken'];
    const paging =
      PAGED_WITHOUT_SIZE.has(`${service}:${operation}`) ||
      [...PAGE_SIZE_PARAMS, 'NextToken', 'Marker', tokens[0]].some((p) => request.params[p] !== undefined);
    if (!paging) return ok(recorded);
    if (protocol === 'ec2' || protocol === 'query') {
      const token = NEXT_TOKEN_QUERY.has(service)
        ? 'NextToken'
        : NEXT_MARKER_QUERY.has(service)
          ? 'NextMarker'
          : MARKER_ONLY_QUERY.has(service)
            ? 'MarkerOnly'
            : 'Marker';
      return ok(pageXml(store, recorded, protocol, request.params, pageSize, token));
    }
    if (protocol === 'json' || protocol === 'rest-json')
      return ok(pageJson(recorded, tokens, request.params, pageSize));
    if (service === 'cloudfront') return ok(pageCloudFront(recorded, request.params, pageSize));
    return ok(recorded);
  }
  const notFound = NOT_FOUND[`${service}:${operation}`];
  if (notFound) return errorResponse(service, protocol, notFound[0], notFound[1], notFound[2]);
  return ok(emptySuccess(request));
}

function forward(base: string, request: ParsedRequest, search: string): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(request.path + search, base);
    const headers = { ...request.headers, host: target.host };
    const req = httpRequest(target, { method: request.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (typeof v === 'string' && !['content-length', 'connection', 'transfer-encoding'].includes(k))
            out[k] = v;
        }
        resolve({
          status: res.statusCode ?? 500,
          headers: out,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `deny` names this operation on one of the request's parameter values (`op/<value>`). */
function deniedResource(deny: string[] | undefined, op: string, request: ParsedRequest): boolean {
  const scoped = deny?.filter((d) => d.startsWith(`${op}/`));
  if (!scoped?.length) return false;
  // A list parameter (OpenSearch's `DomainNames`) names each of its values.
  const values = [request.key, ...Object.values(request.params).flat()].filter((v) => typeof v === 'string');
  return scoped.some((d) => values.includes(d.slice(op.length + 1)));
}

export async function startAwsEndpoint(options: AwsEndpointOptions): Promise<AwsEndpoint> {
  const faults: Faults = options.faults ?? {};
  const log: LoggedRequest[] = [];
  const pageSize = options.pageSize ?? 1000;
  const writes = options.writes ?? DEFAULT_WRITES;
  let dice = seeded(faults.seed ?? 1);
  let seedUsed = faults.seed ?? 1;
  const windows = new Map<string, { second: number; count: number }>();
  indexListings(options.fixtures);
  const startedAt = performance.now();

  const answer = async (
    request: ParsedRequest,
    search: string,
  ): Promise<[WireResponse, LoggedRequest['fault']]> => {
    const { service, operation, protocol } = request;
    if ((faults.seed ?? 1) !== seedUsed) {
      seedUsed = faults.seed ?? 1;
      dice = seeded(seedUsed);
    }
    if (faults.latencyMs) await sleep(faults.latencyMs);
    const op = `${service}:${operation}`;
    const slow = faults.slow?.[op];
    if (slow) await sleep(slow);
    const limit = faults.rateLimits?.[op] ?? faults.rateLimits?.['*'];
    if (limit !== undefined) {
      const second = Math.floor(Date.now() / 1000);
      let window = windows.get(op);
      if (!window || window.second !== second) windows.set(op, (window = { second, count: 0 }));
      if (++window.count > limit) {
        const status = protocol === 'ec2' || service === 's3' ? 503 : protocol === 'rest-json' ? 429 : 400;
        return [
          errorResponse(service, protocol, status, throttlingCode(service, protocol), 'Rate exceeded'),
          'rate-limit',
        ];
      }
    }
    if (
      faults.deny?.includes(service) ||
      faults.deny?.includes(op) ||
      deniedResource(faults.deny, op, request)
    ) {
      const message = `User: arn:aws:iam::000000000000:user/collector is not authorized to perform: ${op}`;
      return [errorResponse(service, protocol, 403, deniedCode(protocol, service), message), 'denied'];
    }
    if (faults.throttleRate && dice() < faults.throttleRate) {
      const status = protocol === 'ec2' || service === 's3' ? 503 : protocol === 'rest-json' ? 429 : 400;
      return [
        errorResponse(service, protocol, status, throttlingCode(service, protocol), 'Rate exceeded'),
        'throttle',
      ];
    }
    if (faults.serverErrorRate && dice() < faults.serverErrorRate) {
      const code =
        protocol === 'ec2'
          ? 'InternalError'
          : protocol === 'query'
            ? 'InternalFailure'
            : service === 's3'
              ? 'InternalError'
              : 'InternalServerException';
      return [
        errorResponse(service, protocol, 500, code, 'We encountered an internal error. Please try again.'),
        'server-error',
      ];
    }
    const write = writes[op];
    if (write) return [write(request, writeState(request, options.fixtures)), undefined];
    if (service === 's3' && options.s3rver && S3RVER_SUBRESOURCES.has(request.subresource ?? '')) {
      return [await forward(options.s3rver, request, search), undefined];
    }
    if (service === 'dynamodb' && options.dynalite && ['ListTables', 'DescribeTable'].includes(operation)) {
      return [await forward(options.dynalite, request, search), undefined];
    }
    return [serveRecorded(request, options.fixtures, pageSize, options.s3rver !== undefined), undefined];
  };

  const inFlight = new Map<string, number>();
  const peakInFlight: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let request: ParsedRequest;
      try {
        request = parseRequest(req.method ?? 'GET', url, Buffer.concat(chunks), req.headers);
      } catch (error) {
        res.writeHead(400).end(String(error));
        return;
      }
      const { service } = request;
      const now = (inFlight.get(service) ?? 0) + 1;
      inFlight.set(service, now);
      peakInFlight[service] = Math.max(peakInFlight[service] ?? 0, now);
      // Counted out as the answer is written, before the client can read it and send again.
      const answered = (): void => void inFlight.set(service, inFlight.get(service)! - 1);
      answer(request, url.search).then(
        ([response, fault]) => {
          const entry: LoggedRequest = {
            service: request.service,
            operation: request.operation,
            region: request.region,
            params: logParams(request),
            status: response.status,
            at: Math.round(performance.now() - startedAt),
          };
          if (fault) entry.fault = fault;
          log.push(entry);
          res.writeHead(response.status, {
            ...response.headers,
            'content-length': Buffer.byteLength(response.body),
          });
          answered();
          res.end(response.body);
        },
        (error: unknown) => {
          log.push({
            service: request.service,
            operation: request.operation,
            region: request.region,
            params: logParams(request),
            status: 500,
            at: Math.round(performance.now() - startedAt),
          });
          answered();
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    faults,
    peakInFlight,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
