/**
 * What a collector declares. A collector says which client it uses, which list call enumerates its
 * resources (items key, pagination), which detail calls enrich each item, the IAM action of every
 * call, and how the items become resources. The runner (`runner.ts`) does all the plumbing:
 * accounts, regions, concurrency, retries, pagination, timeouts and error classification.
 */
import type { CoverageGap, Resource } from '../../model/index.js';

/** A JSON object as the SDK returns it, after dates became ISO strings. */
export type Json = Record<string, unknown>;

/** The services the runner builds clients for (keys of `SERVICES` in `clients.ts`). */
export type ServiceId =
  | 'ec2'
  | 'iam'
  | 's3'
  | 's3control'
  | 'sts'
  | 'dynamodb'
  | 'application-autoscaling'
  | 'rds'
  | 'lambda'
  | 'kms'
  | 'cloudtrail'
  | 'config'
  | 'cloudwatch'
  | 'elbv2'
  | 'autoscaling'
  | 'organizations'
  | 'guardduty'
  | 'securityhub'
  | 'codepipeline'
  | 'backup'
  | 'ecs'
  | 'eks'
  | 'route53'
  | 'redshift'
  | 'cloudfront'
  | 'acm'
  | 'elb'
  | 'logs'
  | 'sns'
  | 'access-analyzer'
  | 'events'
  | 'efs'
  | 'elasticache'
  | 'opensearch'
  | 'sqs'
  | 'apigateway'
  | 'secretsmanager';

/**
 * An SDK v3 command class (`DescribeVpcsCommand`). Typed loosely on purpose: one declaration list
 * holds commands of many clients, and the runner only constructs and sends them.
 */
export interface CommandClass {
  new (input: never): object;
  readonly name: string;
}

/** Where one account and region's collection stands; passed to input builders and mappers. */
export interface UnitContext {
  account: string;
  /** Region name, or `global` for collectors that run once per account. */
  region: string;
  /** Region the client talks to (the home region for global collectors). */
  clientRegion: string;
  partition: string;
}

/** Token-based pagination: which input key takes the token and which output key returns it. */
export interface Pagination {
  inputToken: string;
  /** Output key of the next token; a dotted path reaches into a wrapper (`DistributionList.NextMarker`). */
  outputToken: string;
  /**
   * Output flag that says more pages follow (IAM `IsTruncated`, or a dotted path like the token's);
   * when absent, the token alone decides.
   */
  moreKey?: string;
  /** Page size to ask for (`MaxResults`, `MaxItems`), as `[inputKey, value]`. */
  pageSize?: [string, number];
}

/** One SDK call and the IAM action it needs. */
export interface ApiCall {
  command: CommandClass;
  /** IAM action the call needs, e.g. `ec2:DescribeVpcs` (S3 and a few others differ from the command name). */
  action: string;
  /**
   * Error codes that mean "not configured" rather than a failure (`NoSuchBucketPolicy`): the output is
   * recorded as `null`, so the mapping knows the setting is absent.
   */
  notConfigured?: string[];
  /**
   * The resources the generated policy grants `action` on, when `*` would grant more than reading
   * what collection reads: API Gateway has one read action, `apigateway:GET`, for every resource it
   * has, API key values included. The policy grants the action on what its calls name together; a
   * call of the action that names none grants it on `*`.
   */
  resources?: readonly string[];
}

/** The call that enumerates a collector's resources, followed to its last page. */
export interface ListCall extends ApiCall {
  input?: (ctx: UnitContext) => Json;
  /**
   * Output keys holding the items (IAM authorization details has four); a dotted path reaches into a
   * wrapper (CloudFront's `DistributionList.Items`), and the items are kept under the path as written.
   */
  items: string[];
  paginate?: Pagination;
  /** For lists of strings (DynamoDB `TableNames`): the key each string is kept under, as `{[wrap]: value}`. */
  wrap?: string;
}

/** A call made once per listed item; its output is kept on the item under `$detail[name]`. */
export interface DetailCall extends ApiCall {
  name: string;
  /** Which list's items it applies to (an items key); default every item. */
  of?: string;
  /** The call's input for an item; `undefined` skips the item. */
  input: (item: Json, ctx: UnitContext) => Json | undefined;
  /** When the detail output is itself a list to follow to the end. */
  items?: string;
  paginate?: Pagination;
  /** Removes secrets from the call's output before anything keeps it (CloudFront origin header values). */
  redact?: (output: Json) => Json;
  /**
   * The id of the item's resource, for the gap of a failed call, when the call's input does not start
   * with it (a call that takes an ARN built from a name); default the input's first string.
   */
  resourceId?: (item: Json) => string | undefined;
}

/** A resource as a mapper produces it; the runner adds account, region and origin. */
export interface ResourceDraft {
  type: string;
  id: string;
  arn?: string;
  name?: string;
  /** Region when it differs from the unit's (S3 buckets, global services). */
  region?: string;
  tags?: Record<string, string>;
  props: Record<string, unknown>;
  observed?: Record<string, unknown>;
}

/** What one (account, region, collector) unit read: the items by key, and what it could not read. */
export interface UnitData {
  items: Record<string, Json[]>;
  gaps: CoverageGap[];
}

/**
 * How a collector's items become resources: either through the describe-JSON mappers (the SDK output
 * has the same shape as `aws … describe-*` output), or by a mapper of its own.
 */
export type Mapping =
  | {
      kind: 'describe-json';
      /** Turns the unit's items into describe-JSON `[key, item]` pairs; default: every items key as is. */
      entries?: (data: UnitData) => Array<[string, Json]>;
    }
  | { kind: 'resources'; map: (data: UnitData, ctx: UnitContext) => ResourceDraft[] };

/** Access to the runner for a collector's own logic (`custom`): every call still goes through the runner. */
export interface UnitApi {
  readonly ctx: UnitContext;
  /** Sends one declared call (retries, timeouts, classification); `null` for a not-configured error. */
  call(call: ApiCall, input: Json): Promise<Json | null>;
  /** Follows a declared list call to its last page and returns the items of each key. */
  list(call: ListCall, input?: Json): Promise<Record<string, Json[]>>;
  /** Records a gap (it also stops nothing: the collector decides what else it can read). */
  gap(gap: Omit<CoverageGap, 'account' | 'region'>): void;
  /**
   * What a collector named in `dependsOn` read in this account and region (or once per account, for a
   * global one); `undefined` when it did not run.
   */
  upstream(collectorId: string): UnitData | undefined;
  /** The collection's clock (metric windows end here). */
  now(): Date;
}

/** One collector: a declaration the runner executes per account and region. */
export interface Collector {
  /** `<service>/<resource>`, the file path under `collectors/`. */
  id: string;
  service: ServiceId;
  /** Runs once per account (IAM, S3 listing, Organizations, Route 53) in the home region. */
  global?: boolean;
  /** Model types the collector produces. */
  resourceTypes: string[];
  list: ListCall[];
  details?: DetailCall[];
  /**
   * Calls beyond the list and details, for logic the declaration cannot express (the credential
   * report's generate-then-get); each must also be declared here so the policy includes it.
   */
  extra?: ApiCall[];
  custom?: (api: UnitApi, data: UnitData) => Promise<void>;
  /**
   * What a failed `custom` step leaves unread, one gap each: the listing of a type, or one property
   * (`path`) of resources that were listed, such as the metrics added to instances. A property gap
   * is not a listing gap, so rules still judge those resources on what was read. Default: the
   * listing of the first of `resourceTypes`.
   */
  customGaps?: ReadonlyArray<{ resourceType: string; path?: string }>;
  /**
   * Collectors whose output this one reads (the resources CloudWatch metrics are asked for): its units
   * run after theirs, and `api.upstream(id)` gives what they read in the same account and region.
   */
  dependsOn?: string[];
  /** Removes secrets from listed items before anything keeps them (Lambda environment values). */
  redact?: (item: Json) => Json;
  mapping: Mapping;
  /**
   * Adds what this unit read to resources another collector produced (access keys and the credential
   * report onto IAM users), after every unit is mapped.
   */
  enrich?: (
    data: UnitData,
    ctx: UnitContext,
    find: (type: string, id: string) => Resource | undefined,
  ) => void;
}

/** Every IAM action a collector declares. */
export function actionsOf(collector: Collector): string[] {
  const calls: ApiCall[] = [...collector.list, ...(collector.details ?? []), ...(collector.extra ?? [])];
  return [...new Set(calls.map((c) => c.action))].sort();
}

/** `DescribeVpcsCommand` → `DescribeVpcs`. */
export function operationOf(command: CommandClass): string {
  return command.name.replace(/Command$/, '');
}

/** Resources produced by the mapping, for the snapshot. */
export type MappedResources = Resource[];
