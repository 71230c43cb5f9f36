import { unresolved } from '../../../model/index.js';
import type { Builder, Item } from '../builder.js';
import { compact, num, obj, objects, partitionOf, str, stringList, strings, type Json } from '../values.js';
import type { Mapper } from './common.js';
import { documentProp } from './vpc.js';

/**
 * The per-bucket `s3api` commands read from `s3/<bucket>/<command>.json`, and the bucket props each
 * one determines. When a bucket has no file for a command, those props are unresolved (the input does
 * not say), never absent (which would mean "not configured").
 */
export const S3_BUCKET_COMMANDS: Record<string, string[]> = {
  'get-bucket-versioning': ['VersioningConfiguration'],
  'get-bucket-encryption': ['BucketEncryption'],
  'get-bucket-logging': ['LoggingConfiguration'],
  'get-public-access-block': ['PublicAccessBlockConfiguration'],
  'get-bucket-policy': ['PolicyDocument'],
  'get-bucket-lifecycle-configuration': ['LifecycleConfiguration'],
  'get-bucket-replication': ['ReplicationConfiguration'],
  'get-bucket-ownership-controls': ['OwnershipControls'],
  'get-object-lock-configuration': ['ObjectLockEnabled', 'ObjectLockConfiguration'],
  'get-bucket-website': ['WebsiteConfiguration'],
  'get-bucket-notification-configuration': ['NotificationConfiguration'],
  'get-bucket-cors': ['CorsConfiguration'],
  // The tag set fills `tags` and `Tags` (the builder copies it).
  'get-bucket-tagging': ['Tags'],
  // These fill `observed` and the region. Without `get-bucket-acl` output, `observed.Acl` is
  // unresolved (the ACL may grant the public anything); the others are simply left out.
  'get-bucket-policy-status': [],
  'get-bucket-acl': [],
  'get-bucket-location': [],
};

/**
 * Error codes S3 returns when a bucket simply has no such configuration; a file holding one of these
 * (the AWS CLI's stderr, saved) means "not configured".
 */
export const S3_NOT_CONFIGURED = [
  'NoSuchBucketPolicy',
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchLifecycleConfiguration',
  'ReplicationConfigurationNotFoundError',
  'NoSuchWebsiteConfiguration',
  'NoSuchTagSet',
  'OwnershipControlsNotFoundError',
  'ObjectLockConfigurationNotFoundError',
  'NoSuchCORSConfiguration',
];

/** The item key under which the loader files one per-bucket output. */
export function s3FacetKey(command: string): string {
  return `s3:${command}`;
}

/** What the loader records for one per-bucket file. */
export interface S3Facet {
  Bucket: string;
  /** The parsed output; absent when the file said "not configured" (empty output or a not-found error). */
  Output?: Json;
}

/** `LocationConstraint` to a region: null/empty is us-east-1, `EU` the old name of eu-west-1. */
function regionOfLocation(output: Json | undefined): string | undefined {
  if (!output) return undefined;
  const location = output.LocationConstraint;
  if (location === null || location === '') return 'us-east-1';
  if (location === 'EU') return 'eu-west-1';
  return str(location);
}

/** API lifecycle/replication `Filter` (`Tag`, `And.Tags`) to CloudFormation (`TagFilter`, `And.TagFilters`). */
function filterOf(filter: Json | undefined): Json | undefined {
  if (!filter) return undefined;
  const and = obj(filter.And);
  return compact({
    Prefix: str(filter.Prefix),
    TagFilter: obj(filter.Tag),
    And: and
      ? compact({
          Prefix: str(and.Prefix),
          TagFilters: objects(and.Tags).length ? objects(and.Tags) : undefined,
        })
      : undefined,
  });
}

function lifecycleRule(rule: Json): Json {
  const expiration = obj(rule.Expiration) ?? {};
  const filter = obj(rule.Filter);
  const and = obj(filter?.And);
  const noncurrentExpiration = obj(rule.NoncurrentVersionExpiration);
  return compact({
    Id: str(rule.ID),
    Status: str(rule.Status),
    Prefix: str(filter?.Prefix) ?? str(and?.Prefix) ?? str(rule.Prefix),
    TagFilters: obj(filter?.Tag)
      ? [obj(filter?.Tag)!]
      : objects(and?.Tags).length
        ? objects(and?.Tags)
        : undefined,
    ObjectSizeGreaterThan: str(filter?.ObjectSizeGreaterThan) ?? str(and?.ObjectSizeGreaterThan),
    ObjectSizeLessThan: str(filter?.ObjectSizeLessThan) ?? str(and?.ObjectSizeLessThan),
    ExpirationInDays: num(expiration.Days),
    ExpirationDate: str(expiration.Date),
    ExpiredObjectDeleteMarker:
      typeof expiration.ExpiredObjectDeleteMarker === 'boolean'
        ? expiration.ExpiredObjectDeleteMarker
        : undefined,
    Transitions: objects(rule.Transitions).length
      ? objects(rule.Transitions).map((t) =>
          compact({
            StorageClass: str(t.StorageClass),
            TransitionInDays: num(t.Days),
            TransitionDate: str(t.Date),
          }),
        )
      : undefined,
    NoncurrentVersionTransitions: objects(rule.NoncurrentVersionTransitions).length
      ? objects(rule.NoncurrentVersionTransitions).map((t) =>
          compact({
            StorageClass: str(t.StorageClass),
            TransitionInDays: num(t.NoncurrentDays),
            NewerNoncurrentVersions: num(t.NewerNoncurrentVersions),
          }),
        )
      : undefined,
    NoncurrentVersionExpiration: noncurrentExpiration
      ? compact({
          NoncurrentDays: num(noncurrentExpiration.NoncurrentDays),
          NewerNoncurrentVersions: num(noncurrentExpiration.NewerNoncurrentVersions),
        })
      : undefined,
    AbortIncompleteMultipartUpload: obj(rule.AbortIncompleteMultipartUpload),
  });
}

/** API notification `Filter.Key.FilterRules` to CloudFormation `Filter.S3Key.Rules`. */
function notificationFilter(filter: Json | undefined): Json | undefined {
  const rules = objects(obj(filter?.Key)?.FilterRules);
  return rules.length
    ? { S3Key: { Rules: rules.map((r) => compact({ Name: str(r.Name), Value: str(r.Value) })) } }
    : undefined;
}

/** The API lists several events per configuration; CloudFormation has one `Event` per configuration. */
function notifications(list: unknown, arnKey: string, cfnKey: string): Json[] | undefined {
  const out = objects(list).flatMap((config) =>
    strings(config.Events).map((Event) =>
      compact({ [cfnKey]: str(config[arnKey]), Event, Filter: notificationFilter(obj(config.Filter)) }),
    ),
  );
  return out.length ? out : undefined;
}

/** The bucket props one command's output determines (undefined = not configured). */
function propsOf(builder: Builder, item: Item, command: string, output: Json | undefined): Json {
  if (!output) return {};
  switch (command) {
    case 'get-bucket-versioning':
      return { VersioningConfiguration: str(output.Status) ? { Status: str(output.Status) } : undefined };
    case 'get-bucket-encryption': {
      // The API's ApplyServerSideEncryptionByDefault is CloudFormation's ServerSideEncryptionByDefault.
      const rules = objects(obj(output.ServerSideEncryptionConfiguration)?.Rules).map(
        ({ ApplyServerSideEncryptionByDefault: byDefault, ...rest }) =>
          compact({ ServerSideEncryptionByDefault: obj(byDefault), ...rest }),
      );
      return { BucketEncryption: rules.length ? { ServerSideEncryptionConfiguration: rules } : undefined };
    }
    case 'get-bucket-logging': {
      const logging = obj(output.LoggingEnabled);
      return {
        LoggingConfiguration: logging
          ? compact({
              DestinationBucketName: str(logging.TargetBucket),
              LogFilePrefix: str(logging.TargetPrefix),
              TargetObjectKeyFormat: obj(logging.TargetObjectKeyFormat),
            })
          : undefined,
      };
    }
    case 'get-public-access-block':
      return { PublicAccessBlockConfiguration: obj(output.PublicAccessBlockConfiguration) };
    case 'get-bucket-policy':
      return { PolicyDocument: documentProp(builder, item, output.Policy, 'bucket policy') };
    case 'get-bucket-lifecycle-configuration': {
      const rules = objects(output.Rules);
      return { LifecycleConfiguration: rules.length ? { Rules: rules.map(lifecycleRule) } : undefined };
    }
    case 'get-bucket-replication': {
      const config = obj(output.ReplicationConfiguration);
      return {
        ReplicationConfiguration: config
          ? compact({
              Role: str(config.Role),
              Rules: objects(config.Rules).map((rule) =>
                compact({
                  Id: str(rule.ID),
                  Priority: num(rule.Priority),
                  Status: str(rule.Status),
                  Prefix: str(rule.Prefix),
                  Filter: filterOf(obj(rule.Filter)),
                  Destination: obj(rule.Destination),
                  DeleteMarkerReplication: obj(rule.DeleteMarkerReplication),
                  SourceSelectionCriteria: obj(rule.SourceSelectionCriteria),
                }),
              ),
            })
          : undefined,
      };
    }
    case 'get-bucket-ownership-controls':
      return { OwnershipControls: obj(output.OwnershipControls) };
    case 'get-object-lock-configuration': {
      const config = obj(output.ObjectLockConfiguration);
      return {
        ObjectLockEnabled: str(config?.ObjectLockEnabled) === 'Enabled' ? true : undefined,
        ObjectLockConfiguration: config,
      };
    }
    case 'get-bucket-website': {
      const redirect = obj(output.RedirectAllRequestsTo);
      return {
        WebsiteConfiguration: compact({
          IndexDocument: str(obj(output.IndexDocument)?.Suffix),
          ErrorDocument: str(obj(output.ErrorDocument)?.Key),
          RedirectAllRequestsTo: redirect,
          RoutingRules: objects(output.RoutingRules).length ? objects(output.RoutingRules) : undefined,
        }),
      };
    }
    case 'get-bucket-notification-configuration': {
      const config = compact({
        TopicConfigurations: notifications(output.TopicConfigurations, 'TopicArn', 'Topic'),
        QueueConfigurations: notifications(output.QueueConfigurations, 'QueueArn', 'Queue'),
        LambdaConfigurations: notifications(
          output.LambdaFunctionConfigurations,
          'LambdaFunctionArn',
          'Function',
        ),
        EventBridgeConfiguration: obj(output.EventBridgeConfiguration)
          ? { EventBridgeEnabled: true }
          : undefined,
      });
      return { NotificationConfiguration: Object.keys(config).length ? config : undefined };
    }
    case 'get-bucket-cors': {
      const rules = objects(output.CORSRules);
      return {
        CorsConfiguration: rules.length
          ? {
              CorsRules: rules.map((r) =>
                compact({
                  Id: str(r.ID),
                  AllowedHeaders: stringList(r.AllowedHeaders),
                  AllowedMethods: stringList(r.AllowedMethods),
                  AllowedOrigins: stringList(r.AllowedOrigins),
                  ExposedHeaders: stringList(r.ExposeHeaders),
                  MaxAge: num(r.MaxAgeSeconds),
                }),
              ),
            }
          : undefined,
      };
    }
    default:
      return {};
  }
}

interface BucketInput {
  listed?: Item;
  facets: Map<string, { item: Item; output?: Json }>;
}

/**
 * `s3api list-buckets` plus the per-bucket `get-bucket-*` outputs → `AWS::S3::Bucket` (id = name).
 * The bucket policy is folded into `PolicyDocument` (as the CloudFormation source folds
 * `AWS::S3::BucketPolicy`); ACL and policy status go to `observed`.
 */
export const mapS3: Mapper = (input, builder) => {
  const buckets = new Map<string, BucketInput>();
  const bucket = (name: string): BucketInput => {
    let found = buckets.get(name);
    if (!found) buckets.set(name, (found = { facets: new Map() }));
    return found;
  };
  for (const item of input.items('Buckets')) {
    const name = str(item.value.Name);
    if (name) bucket(name).listed ??= item;
    else builder.badItem(item, 'bucket', 'no Name');
  }
  for (const command of Object.keys(S3_BUCKET_COMMANDS)) {
    for (const item of input.items(s3FacetKey(command))) {
      const facet = item.value as unknown as S3Facet;
      bucket(facet.Bucket).facets.set(command, { item, output: facet.Output });
    }
  }

  for (const [name, data] of buckets) {
    const item = data.listed ?? [...data.facets.values()][0]!.item;
    const props: Json = { BucketName: name };
    for (const [command, propNames] of Object.entries(S3_BUCKET_COMMANDS)) {
      const facet = data.facets.get(command);
      if (facet) Object.assign(props, propsOf(builder, facet.item, command, facet.output));
      else {
        for (const prop of propNames) {
          props[prop] = unresolved(
            `s3api ${command} --bucket ${name}`,
            `no ${command} output for this bucket in the input`,
          );
        }
      }
    }
    const location = data.facets.get('get-bucket-location');
    const region = regionOfLocation(location?.output) ?? str(data.listed?.value.BucketRegion);
    const aclFacet = data.facets.get('get-bucket-acl');
    const acl = aclFacet?.output;
    const tagging = data.facets.get('get-bucket-tagging');
    builder.add({
      type: 'AWS::S3::Bucket',
      id: name,
      item,
      name,
      arn: (_account, resolvedRegion) => `arn:${partitionOf(resolvedRegion)}:s3:::${name}`,
      region,
      regionFromDataOnly: true,
      tags: tagging?.output?.TagSet,
      props: compact(props),
      observed: compact({
        CreationDate: str(data.listed?.value.CreationDate),
        PolicyStatus: obj(data.facets.get('get-bucket-policy-status')?.output?.PolicyStatus),
        Acl: acl
          ? compact({ Owner: obj(acl.Owner), Grants: objects(acl.Grants) })
          : aclFacet
            ? undefined
            : unresolved(
                `s3api get-bucket-acl --bucket ${name}`,
                'no get-bucket-acl output for this bucket in the input',
              ),
        MFADelete: str(data.facets.get('get-bucket-versioning')?.output?.MFADelete),
      }),
    });
  }
};
