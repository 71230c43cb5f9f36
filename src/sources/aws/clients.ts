/**
 * SDK clients, one per (account, region, service), built from one configuration: the credentials
 * of the account, adaptive retries, timeouts and the endpoint override. Endpoint settings the SDK
 * reads itself (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, a profile's `endpoint_url`) apply
 * unchanged; `--endpoint-url` overrides them for every service.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ServiceId } from './collector.js';

/** A handler of the SDK's middleware stack, as the runner sees it (arguments and output untouched). */
export type SdkHandler = (args: never) => Promise<unknown>;

/** The part of an SDK client the runner uses. */
export interface SdkClient {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
  middlewareStack: {
    add(
      middleware: (next: SdkHandler) => SdkHandler,
      options: { step: 'deserialize'; priority: 'low'; name: string },
    ): void;
  };
}

interface ClientClass {
  new (config: never): SdkClient;
}

/**
 * How to load each service's client class, and its IAM action prefix. Loaded on first use: a
 * collection thread (unit-threads.ts) loads only the clients of the services it is given, and each
 * SDK client package takes a noticeable time to load.
 */
export const SERVICES: Readonly<Record<ServiceId, { load: () => Promise<ClientClass>; prefix: string }>> = {
  ec2: { load: async () => (await import('@aws-sdk/client-ec2')).EC2Client, prefix: 'ec2' },
  iam: { load: async () => (await import('@aws-sdk/client-iam')).IAMClient, prefix: 'iam' },
  s3: { load: async () => (await import('@aws-sdk/client-s3')).S3Client, prefix: 's3' },
  // S3 Control's actions are in the `s3` namespace (`s3:GetAccountPublicAccessBlock`).
  s3control: { load: async () => (await import('@aws-sdk/client-s3-control')).S3ControlClient, prefix: 's3' },
  sts: { load: async () => (await import('@aws-sdk/client-sts')).STSClient, prefix: 'sts' },
  dynamodb: {
    load: async () => (await import('@aws-sdk/client-dynamodb')).DynamoDBClient,
    prefix: 'dynamodb',
  },
  'application-autoscaling': {
    load: async () => (await import('@aws-sdk/client-application-auto-scaling')).ApplicationAutoScalingClient,
    prefix: 'application-autoscaling',
  },
  rds: { load: async () => (await import('@aws-sdk/client-rds')).RDSClient, prefix: 'rds' },
  lambda: { load: async () => (await import('@aws-sdk/client-lambda')).LambdaClient, prefix: 'lambda' },
  kms: { load: async () => (await import('@aws-sdk/client-kms')).KMSClient, prefix: 'kms' },
  cloudtrail: {
    load: async () => (await import('@aws-sdk/client-cloudtrail')).CloudTrailClient,
    prefix: 'cloudtrail',
  },
  config: {
    load: async () => (await import('@aws-sdk/client-config-service')).ConfigServiceClient,
    prefix: 'config',
  },
  cloudwatch: {
    load: async () => (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient,
    prefix: 'cloudwatch',
  },
  elbv2: {
    load: async () =>
      (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client,
    prefix: 'elasticloadbalancing',
  },
  autoscaling: {
    load: async () => (await import('@aws-sdk/client-auto-scaling')).AutoScalingClient,
    prefix: 'autoscaling',
  },
  organizations: {
    load: async () => (await import('@aws-sdk/client-organizations')).OrganizationsClient,
    prefix: 'organizations',
  },
  guardduty: {
    load: async () => (await import('@aws-sdk/client-guardduty')).GuardDutyClient,
    prefix: 'guardduty',
  },
  securityhub: {
    load: async () => (await import('@aws-sdk/client-securityhub')).SecurityHubClient,
    prefix: 'securityhub',
  },
  codepipeline: {
    load: async () => (await import('@aws-sdk/client-codepipeline')).CodePipelineClient,
    prefix: 'codepipeline',
  },
  backup: { load: async () => (await import('@aws-sdk/client-backup')).BackupClient, prefix: 'backup' },
  ecs: { load: async () => (await import('@aws-sdk/client-ecs')).ECSClient, prefix: 'ecs' },
  eks: { load: async () => (await import('@aws-sdk/client-eks')).EKSClient, prefix: 'eks' },
  route53: { load: async () => (await import('@aws-sdk/client-route-53')).Route53Client, prefix: 'route53' },
  redshift: {
    load: async () => (await import('@aws-sdk/client-redshift')).RedshiftClient,
    prefix: 'redshift',
  },
  cloudfront: {
    load: async () => (await import('@aws-sdk/client-cloudfront')).CloudFrontClient,
    prefix: 'cloudfront',
  },
  acm: { load: async () => (await import('@aws-sdk/client-acm')).ACMClient, prefix: 'acm' },
  // Classic Load Balancers: the 2012-06-01 API, signed as `elasticloadbalancing` like version 2.
  elb: {
    load: async () => (await import('@aws-sdk/client-elastic-load-balancing')).ElasticLoadBalancingClient,
    prefix: 'elasticloadbalancing',
  },
  logs: {
    load: async () => (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient,
    prefix: 'logs',
  },
  sns: { load: async () => (await import('@aws-sdk/client-sns')).SNSClient, prefix: 'sns' },
  'access-analyzer': {
    load: async () => (await import('@aws-sdk/client-accessanalyzer')).AccessAnalyzerClient,
    prefix: 'access-analyzer',
  },
  events: {
    load: async () => (await import('@aws-sdk/client-eventbridge')).EventBridgeClient,
    prefix: 'events',
  },
  efs: { load: async () => (await import('@aws-sdk/client-efs')).EFSClient, prefix: 'elasticfilesystem' },
  elasticache: {
    load: async () => (await import('@aws-sdk/client-elasticache')).ElastiCacheClient,
    prefix: 'elasticache',
  },
  // OpenSearch Service keeps the Elasticsearch Service's signing name and IAM prefix, `es`.
  opensearch: {
    load: async () => (await import('@aws-sdk/client-opensearch')).OpenSearchClient,
    prefix: 'es',
  },
  sqs: { load: async () => (await import('@aws-sdk/client-sqs')).SQSClient, prefix: 'sqs' },
  apigateway: {
    load: async () => (await import('@aws-sdk/client-api-gateway')).APIGatewayClient,
    prefix: 'apigateway',
  },
  secretsmanager: {
    load: async () => (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient,
    prefix: 'secretsmanager',
  },
};

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** Settings shared by every client of a collection. */
export interface ClientSettings {
  /** `--endpoint-url`: one endpoint for every service (a local test server, LocalStack). */
  endpoint?: string;
  /** SDK attempts per call (adaptive mode) before the runner's own backoff takes over. */
  maxAttempts: number;
  /** Milliseconds to wait for a connection, and for a response once connected. */
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** Sockets per client; the runner's limiter keeps in-flight calls below it. */
  maxSockets: number;
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
  maxAttempts: 5,
  connectionTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  maxSockets: 50,
};

const ignore = (): void => undefined;

/** A logger that drops everything and has no `info` (see `clientConfig`). */
const QUIET_LOGGER = { debug: ignore, warn: ignore, error: ignore, trace: ignore };

/**
 * The configuration of one SDK client: region, credentials, adaptive retries, timeouts and the
 * endpoint override. `service` is a `ServiceId`, or the package short name of a client loaded on
 * demand (the change executor's `s3-control` is this pool's `s3control`).
 */
export function clientConfig(
  service: string,
  region: string,
  credentials: Credentials,
  settings: ClientSettings,
): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region,
    credentials,
    // Adaptive mode adds client-side rate limiting on top of the standard exponential backoff.
    // https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
    retryMode: 'adaptive',
    maxAttempts: settings.maxAttempts,
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      httpAgent: { keepAlive: true, maxSockets: settings.maxSockets },
      httpsAgent: { keepAlive: true, maxSockets: settings.maxSockets },
    },
  };
  // The SDK's default logger is a no-op that still has `info`, so its logger middleware walks every
  // output through the sensitive-data filter (`logger?.info?.(filter(output))`) only to drop it:
  // several percent of the client's CPU on large pages. Without `info` the filter is not run.
  config.logger = QUIET_LOGGER;
  if (settings.endpoint) config.endpoint = settings.endpoint;
  if (service === 's3') {
    // A custom endpoint rarely serves virtual-hosted bucket names; buckets in other regions redirect.
    if (settings.endpoint) config.forcePathStyle = true;
    config.followRegionRedirects = true;
  }
  // S3 Control puts the account id in front of the host (`<account>.s3-control.<region>…`), which
  // an IP or `localhost` endpoint cannot serve: a configured endpoint (`--endpoint-url`, or the SDK's
  // environment settings) gets every request as given.
  // https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
  const controlEndpoint =
    service === 's3control' || service === 's3-control'
      ? (settings.endpoint ?? process.env.AWS_ENDPOINT_URL_S3_CONTROL ?? process.env.AWS_ENDPOINT_URL)
      : undefined;
  if (controlEndpoint) {
    const url = new URL(controlEndpoint);
    config.endpointProvider = () => ({ url });
  }
  return config;
}

/** Builds and caches clients; `destroy()` closes their sockets at the end of a collection. */
export class ClientPool {
  private readonly clients = new Map<string, Promise<SdkClient>>();
  private readonly built: SdkClient[] = [];

  constructor(private readonly settings: ClientSettings) {}

  get(service: ServiceId, account: string, region: string, credentials: Credentials): Promise<SdkClient> {
    const key = `${account}|${region}|${service}`;
    let client = this.clients.get(key);
    if (!client) {
      client = SERVICES[service].load().then((Client) => {
        const built = new Client(clientConfig(service, region, credentials, this.settings) as never);
        this.built.push(built);
        return built;
      });
      this.clients.set(key, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.built) client.destroy();
    this.built.length = 0;
    this.clients.clear();
  }
}
