/**
 * SDK clients, one per (account, region, service), built from one configuration: the credentials
 * of the account, adaptive retries, timeouts and the endpoint override. Endpoint settings the SDK
 * reads itself (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, a profile's `endpoint_url`) apply
 * unchanged; `--endpoint-url` overrides them for every service.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ServiceId } from './collector.js';

/** The part of an SDK client the runner uses. */
export interface SdkClient {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}

interface ClientClass {
  new (config: never): SdkClient;
}

/** Client class and IAM action prefix of each service. */
export const SERVICES: Readonly<Record<ServiceId, { client: ClientClass; prefix: string }>> = {
  ec2: { client: EC2Client, prefix: 'ec2' },
  iam: { client: IAMClient, prefix: 'iam' },
  s3: { client: S3Client, prefix: 's3' },
  // S3 Control's actions are in the `s3` namespace (`s3:GetAccountPublicAccessBlock`).
  s3control: { client: S3ControlClient, prefix: 's3' },
  sts: { client: STSClient, prefix: 'sts' },
  dynamodb: { client: DynamoDBClient, prefix: 'dynamodb' },
  'application-autoscaling': { client: ApplicationAutoScalingClient, prefix: 'application-autoscaling' },
  rds: { client: RDSClient, prefix: 'rds' },
  lambda: { client: LambdaClient, prefix: 'lambda' },
  kms: { client: KMSClient, prefix: 'kms' },
  cloudtrail: { client: CloudTrailClient, prefix: 'cloudtrail' },
  config: { client: ConfigServiceClient, prefix: 'config' },
  cloudwatch: { client: CloudWatchClient, prefix: 'cloudwatch' },
  elbv2: { client: ElasticLoadBalancingV2Client, prefix: 'elasticloadbalancing' },
  autoscaling: { client: AutoScalingClient, prefix: 'autoscaling' },
  organizations: { client: OrganizationsClient, prefix: 'organizations' },
  guardduty: { client: GuardDutyClient, prefix: 'guardduty' },
  securityhub: { client: SecurityHubClient, prefix: 'securityhub' },
  codepipeline: { client: CodePipelineClient, prefix: 'codepipeline' },
  backup: { client: BackupClient, prefix: 'backup' },
  ecs: { client: ECSClient, prefix: 'ecs' },
  eks: { client: EKSClient, prefix: 'eks' },
  route53: { client: Route53Client, prefix: 'route53' },
  redshift: { client: RedshiftClient, prefix: 'redshift' },
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
  private readonly clients = new Map<string, SdkClient>();

  constructor(private readonly settings: ClientSettings) {}

  get(service: ServiceId, account: string, region: string, credentials: Credentials): SdkClient {
    const key = `${account}|${region}|${service}`;
    let client = this.clients.get(key);
    if (client) return client;
    const config = clientConfig(service, region, credentials, this.settings);
    client = new SERVICES[service].client(config as never);
    this.clients.set(key, client);
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
