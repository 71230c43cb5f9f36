import { GetDistributionConfigCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { detailOf, str } from '../helpers.js';

/**
 * The API's lists are `{ Quantity, Items }`; CloudFormation has the items as a plain array. A list
 * the answer states with no `Items` is empty.
 */
function itemsOf(value: unknown): unknown[] | undefined {
  if (!isJson(value)) return undefined;
  return Array.isArray(value.Items) ? value.Items : [];
}

/** Like {@link itemsOf}, for lists of objects. */
function objectItemsOf(value: unknown): Json[] | undefined {
  return isJson(value) ? objectsOf(value.Items) : undefined;
}

/**
 * Origin custom headers often carry a shared secret that lets the origin tell CloudFront's requests
 * from others (the SDK marks `HeaderValue` sensitive): the value is dropped wherever an answer holds
 * one, before anything keeps it.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html
 */
export function redactHeaderValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactHeaderValues) as T;
  if (!isJson(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactHeaderValues(v);
  if (typeof out.HeaderName === 'string' && typeof out.HeaderValue === 'string') out.HeaderValue = '********';
  return out as T;
}

/**
 * A behavior in CloudFormation's shape: the method, signer, key group, association and forwarded
 * value lists as arrays, `CachedMethods` beside `AllowedMethods` rather than inside it.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-cachebehavior.html
 */
function behavior(b: unknown): Json | undefined {
  if (!isJson(b)) return undefined;
  const allowed = isJson(b.AllowedMethods) ? b.AllowedMethods : undefined;
  const forwarded = isJson(b.ForwardedValues) ? b.ForwardedValues : undefined;
  const cookies = isJson(forwarded?.Cookies) ? forwarded.Cookies : undefined;
  // A signer or key group list that is not enabled restricts nothing: CloudFormation leaves it out.
  const trusted = (list: unknown) => (isJson(list) && list.Enabled === true ? itemsOf(list) : undefined);
  return {
    PathPattern: b.PathPattern,
    TargetOriginId: b.TargetOriginId,
    ViewerProtocolPolicy: b.ViewerProtocolPolicy,
    AllowedMethods: itemsOf(allowed),
    CachedMethods: itemsOf(allowed?.CachedMethods),
    TrustedSigners: trusted(b.TrustedSigners),
    TrustedKeyGroups: trusted(b.TrustedKeyGroups),
    SmoothStreaming: b.SmoothStreaming,
    Compress: b.Compress,
    LambdaFunctionAssociations: objectItemsOf(b.LambdaFunctionAssociations),
    FunctionAssociations: objectItemsOf(b.FunctionAssociations),
    FieldLevelEncryptionId: b.FieldLevelEncryptionId,
    RealtimeLogConfigArn: b.RealtimeLogConfigArn,
    CachePolicyId: b.CachePolicyId,
    OriginRequestPolicyId: b.OriginRequestPolicyId,
    ResponseHeadersPolicyId: b.ResponseHeadersPolicyId,
    GrpcConfig: b.GrpcConfig,
    ForwardedValues: forwarded && {
      QueryString: forwarded.QueryString,
      Cookies: cookies && { Forward: cookies.Forward, WhitelistedNames: itemsOf(cookies.WhitelistedNames) },
      Headers: itemsOf(forwarded.Headers),
      QueryStringCacheKeys: itemsOf(forwarded.QueryStringCacheKeys),
    },
    MinTTL: b.MinTTL,
    DefaultTTL: b.DefaultTTL,
    MaxTTL: b.MaxTTL,
  };
}

/**
 * An origin in CloudFormation's shape: `OriginCustomHeaders` for the API's `CustomHeaders`, and
 * `OriginSSLProtocols` (an array, spelt as CloudFormation spells it) for `OriginSslProtocols`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-origin.html
 */
function origin(o: Json): Json {
  const custom = isJson(o.CustomOriginConfig) ? o.CustomOriginConfig : undefined;
  return {
    Id: o.Id,
    DomainName: o.DomainName,
    OriginPath: o.OriginPath,
    OriginCustomHeaders: objectItemsOf(o.CustomHeaders),
    S3OriginConfig: o.S3OriginConfig,
    CustomOriginConfig: custom && {
      HTTPPort: custom.HTTPPort,
      HTTPSPort: custom.HTTPSPort,
      OriginProtocolPolicy: custom.OriginProtocolPolicy,
      OriginSSLProtocols: itemsOf(custom.OriginSslProtocols),
      OriginReadTimeout: custom.OriginReadTimeout,
      OriginKeepaliveTimeout: custom.OriginKeepaliveTimeout,
      IpAddressType: custom.IpAddressType,
    },
    VpcOriginConfig: o.VpcOriginConfig,
    ConnectionAttempts: o.ConnectionAttempts,
    ConnectionTimeout: o.ConnectionTimeout,
    ResponseCompletionTimeout: o.ResponseCompletionTimeout,
    OriginShield: o.OriginShield,
    OriginAccessControlId: o.OriginAccessControlId,
  };
}

/**
 * The viewer certificate with CloudFormation's spelling (`AcmCertificateArn`, `IamCertificateId`,
 * `SslSupportMethod` for the API's `ACMCertificateArn`, `IAMCertificateId`, `SSLSupportMethod`).
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html
 */
function viewerCertificate(c: unknown): Json | undefined {
  if (!isJson(c)) return undefined;
  return {
    CloudFrontDefaultCertificate: c.CloudFrontDefaultCertificate,
    AcmCertificateArn: c.ACMCertificateArn,
    IamCertificateId: c.IAMCertificateId,
    SslSupportMethod: c.SSLSupportMethod,
    MinimumProtocolVersion: c.MinimumProtocolVersion,
  };
}

/** A custom error response; the API has `ResponseCode` as a string, CloudFormation as an integer. */
function errorResponse(r: Json): Json {
  const code =
    typeof r.ResponseCode === 'string' && /^\d+$/.test(r.ResponseCode) ? Number(r.ResponseCode) : undefined;
  return { ...r, ResponseCode: code };
}

/**
 * Standard logging as CloudFormation states it: present only when on. The API answers
 * `Enabled: false` with an empty bucket when it is off ("If you specify false for Enabled but you
 * specify values for Bucket, prefix, and IncludeCookies, the values are automatically deleted").
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_LoggingConfig.html
 */
function logging(l: unknown): Json | undefined {
  if (!isJson(l) || l.Enabled !== true) return undefined;
  return { Bucket: l.Bucket, IncludeCookies: l.IncludeCookies, Prefix: l.Prefix };
}

/**
 * `DistributionConfig` in CloudFormation's shape, from GetDistributionConfig's configuration or a
 * ListDistributions summary (which has the same members, fewer of them). Origin groups keep
 * `{ Quantity, Items }`: CloudFormation has them so too.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-distributionconfig.html
 */
function distributionConfig(c: Json): Json {
  const restrictions = isJson(c.Restrictions) ? c.Restrictions : undefined;
  const geo = isJson(restrictions?.GeoRestriction) ? restrictions.GeoRestriction : undefined;
  return {
    Aliases: itemsOf(c.Aliases),
    Comment: c.Comment,
    Enabled: c.Enabled,
    DefaultRootObject: c.DefaultRootObject,
    Origins: objectItemsOf(c.Origins)?.map(origin),
    OriginGroups: c.OriginGroups,
    DefaultCacheBehavior: behavior(c.DefaultCacheBehavior),
    CacheBehaviors: objectItemsOf(c.CacheBehaviors)?.map((b) => behavior(b)),
    CustomErrorResponses: objectItemsOf(c.CustomErrorResponses)?.map(errorResponse),
    Logging: logging(c.Logging),
    PriceClass: c.PriceClass,
    ViewerCertificate: viewerCertificate(c.ViewerCertificate),
    Restrictions: geo && {
      GeoRestriction: { RestrictionType: geo.RestrictionType, Locations: itemsOf(geo) },
    },
    WebACLId: c.WebACLId,
    HttpVersion: c.HttpVersion,
    IPV6Enabled: c.IsIPV6Enabled,
    ContinuousDeploymentPolicyId: c.ContinuousDeploymentPolicyId,
    Staging: c.Staging,
    AnycastIpListId: c.AnycastIpListId,
    ConnectionMode: c.ConnectionMode,
  };
}

/** The settings GetDistributionConfig has and a ListDistributions summary lacks. */
const CONFIG_ONLY = ['DefaultRootObject', 'Logging', 'ContinuousDeploymentPolicyId'] as const;

/**
 * `cloudfront list-distributions` + per distribution `get-distribution-config` →
 * `AWS::CloudFront::Distribution` (global, id = distribution id). Props are the configuration in
 * CloudFormation's shape; `observed` has the deployment status and the CloudFront domain name. When
 * the configuration could not be read (the runner records the gap) the summary still gives the
 * origins, behaviors, certificate and web ACL, and what only the configuration has (default root
 * object, logging, continuous deployment policy) is unresolved, so the rules that need it give
 * `error`, never `pass`. Origin custom header values are never kept.
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListDistributions.html
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetDistributionConfig.html
 */
export const distributions: Collector = {
  id: 'cloudfront/distributions',
  service: 'cloudfront',
  global: true,
  resourceTypes: ['AWS::CloudFront::Distribution'],
  list: [
    {
      command: ListDistributionsCommand,
      action: 'cloudfront:ListDistributions',
      items: ['DistributionList.Items'],
      // NextMarker is the id of the last distribution on the page; 100 is the most a page holds.
      paginate: {
        inputToken: 'Marker',
        outputToken: 'DistributionList.NextMarker',
        moreKey: 'DistributionList.IsTruncated',
        pageSize: ['MaxItems', 100],
      },
    },
  ],
  details: [
    {
      name: 'config',
      command: GetDistributionConfigCommand,
      action: 'cloudfront:GetDistributionConfig',
      input: (d) => (typeof d.Id === 'string' ? { Id: d.Id } : undefined),
      // Deleted between the listing and this call: there is nothing left to judge.
      notConfigured: ['NoSuchDistribution'],
      redact: redactHeaderValues,
    },
  ],
  redact: redactHeaderValues,
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items['DistributionList.Items'] ?? []).flatMap((summary) => {
        const id = str(summary.Id);
        const detail = detailOf(summary, 'config');
        if (!id || detail === null) return [];
        let config: Json;
        if (detail && isJson(detail.DistributionConfig))
          config = distributionConfig(detail.DistributionConfig);
        else {
          config = distributionConfig(summary);
          for (const key of CONFIG_ONLY) {
            config[key] = unresolved(
              `cloudfront get-distribution-config --id ${id}`,
              'the configuration of this distribution could not be read',
            );
          }
        }
        const aliases = Array.isArray(config.Aliases) ? config.Aliases : [];
        return [
          {
            type: 'AWS::CloudFront::Distribution',
            id,
            arn: str(summary.ARN) ?? `arn:${ctx.partition}:cloudfront::${ctx.account}:distribution/${id}`,
            name: str(aliases[0]) ?? str(config.Comment) ?? str(summary.DomainName),
            props: { DistributionConfig: config },
            observed: {
              Status: summary.Status,
              DomainName: summary.DomainName,
              LastModifiedTime: summary.LastModifiedTime,
            },
          },
        ];
      }),
  },
};
