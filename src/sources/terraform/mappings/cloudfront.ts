/**
 * CloudFront distributions and what they point at: origin access controls and identities, AWS WAF
 * web ACLs, CloudWatch Logs delivery sources and the deliveries that pair them with a destination.
 * A distribution's blocks become CloudFormation's `DistributionConfig`, the shape the CloudFront
 * rules read (src/rules/cloudfront/distribution.ts).
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-distributionconfig.html
 */
import { isUnresolved, type Unresolved } from '../../../model/index.js';
import {
  compact,
  configuredValue,
  copy,
  isSet,
  isValues,
  mapBlock,
  put,
  strings,
  type Props,
  type Values,
} from './helpers.js';
import type { TypeMapping } from './types.js';

/**
 * Maps each block of a block list, keeping an element Terraform knows only after apply as it is:
 * dropping it would hide an origin or cache behavior from the rules.
 */
function eachBlock(value: unknown, fn: (b: Values) => unknown): unknown[] | Unresolved | undefined {
  if (isUnresolved(value)) return value;
  const list = Array.isArray(value) ? value : isValues(value) ? [value] : [];
  const out: unknown[] = [];
  for (const item of list) {
    if (isUnresolved(item)) out.push(item);
    else if (isValues(item)) {
      const mapped = fn(item);
      if (mapped !== undefined) out.push(mapped);
    }
  }
  return out.length > 0 ? out : undefined;
}

/** CloudFormation's `{Quantity, Items}` list; an unknown list stays unknown under `Items`. */
function quantity(items: unknown[] | Unresolved | undefined): Props | undefined {
  if (items === undefined) return undefined;
  return isUnresolved(items) ? { Items: items } : { Quantity: items.length, Items: items };
}

/** A nested block's CloudFormation shape; a block that is present but empty stays present. */
function present(value: unknown, fn: (b: Values) => Props | undefined): unknown {
  return mapBlock(value, (b) => fn(b) ?? {});
}

/**
 * One `origin` block. `custom_header` is left out: its values are often the secret an origin checks
 * to admit only CloudFront, and no rule reads them.
 */
function origin(o: Values): Props {
  const custom = present(o.custom_origin_config, (c) =>
    compact({
      HTTPPort: c.http_port,
      HTTPSPort: c.https_port,
      OriginProtocolPolicy: c.origin_protocol_policy,
      OriginSSLProtocols: strings(c.origin_ssl_protocols),
      OriginReadTimeout: c.origin_read_timeout,
      OriginKeepaliveTimeout: c.origin_keepalive_timeout,
      IpAddressType: c.ip_address_type,
    }),
  );
  const vpc = present(o.vpc_origin_config, (c) =>
    compact({
      VpcOriginId: c.vpc_origin_id,
      OriginReadTimeout: c.origin_read_timeout,
      OriginKeepaliveTimeout: c.origin_keepalive_timeout,
      OwnerAccountId: c.owner_account_id,
    }),
  );
  // The provider sends an origin with neither `s3_origin_config` nor `custom_origin_config` as an S3
  // origin without an identity (`OriginAccessIdentity: ""`), the usual way to write an OAC origin; a
  // state records it the same way, as it drops an empty identity when it reads the origin back.
  // https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cloudfront/distribution_configuration_structure.go
  const s3 =
    present(o.s3_origin_config, (c) => ({ OriginAccessIdentity: c.origin_access_identity ?? '' })) ??
    (custom === undefined && vpc === undefined ? { OriginAccessIdentity: '' } : undefined);
  const props = copy(o, {
    origin_id: 'Id',
    domain_name: 'DomainName',
    origin_path: 'OriginPath',
    connection_attempts: 'ConnectionAttempts',
    connection_timeout: 'ConnectionTimeout',
    origin_access_control_id: 'OriginAccessControlId',
  });
  put(props, 'S3OriginConfig', s3);
  put(props, 'CustomOriginConfig', custom);
  put(props, 'VpcOriginConfig', vpc);
  return props;
}

/** `default_cache_behavior` / `ordered_cache_behavior` → `DefaultCacheBehavior` / `CacheBehaviors[]`. */
function behavior(b: Values): Props {
  const props = copy(b, {
    path_pattern: 'PathPattern',
    target_origin_id: 'TargetOriginId',
    viewer_protocol_policy: 'ViewerProtocolPolicy',
    allowed_methods: 'AllowedMethods',
    cached_methods: 'CachedMethods',
    compress: 'Compress',
    cache_policy_id: 'CachePolicyId',
    origin_request_policy_id: 'OriginRequestPolicyId',
    response_headers_policy_id: 'ResponseHeadersPolicyId',
    field_level_encryption_id: 'FieldLevelEncryptionId',
    realtime_log_config_arn: 'RealtimeLogConfigArn',
    smooth_streaming: 'SmoothStreaming',
    trusted_key_groups: 'TrustedKeyGroups',
    trusted_signers: 'TrustedSigners',
    min_ttl: 'MinTTL',
    default_ttl: 'DefaultTTL',
    max_ttl: 'MaxTTL',
  });
  put(
    props,
    'ForwardedValues',
    present(b.forwarded_values, (f) =>
      compact({
        QueryString: f.query_string,
        Headers: f.headers,
        QueryStringCacheKeys: f.query_string_cache_keys,
        Cookies: present(f.cookies, (c) =>
          compact({ Forward: c.forward, WhitelistedNames: c.whitelisted_names }),
        ),
      }),
    ),
  );
  put(
    props,
    'LambdaFunctionAssociations',
    eachBlock(b.lambda_function_association, (l) =>
      compact({ EventType: l.event_type, LambdaFunctionARN: l.lambda_arn, IncludeBody: l.include_body }),
    ),
  );
  put(
    props,
    'FunctionAssociations',
    eachBlock(b.function_association, (f) =>
      compact({ EventType: f.event_type, FunctionARN: f.function_arn }),
    ),
  );
  return props;
}

function originGroup(g: Values): Props {
  const props = copy(g, { origin_id: 'Id' });
  put(
    props,
    'FailoverCriteria',
    present(g.failover_criteria, (f) => compact({ StatusCodes: quantity(strings(f.status_codes)) })),
  );
  put(props, 'Members', quantity(eachBlock(g.member, (m) => compact({ OriginId: m.origin_id }) ?? {})));
  return props;
}

/**
 * `viewer_certificate` as the provider sends it: an IAM certificate, else an ACM certificate, else
 * CloudFront's default one. A certificate whose ARN is known only after apply is still a custom one.
 */
function viewerCertificate(c: Values): Props {
  // Left out, it is the provider's schema default, `TLSv1`, and that is what CloudFront is sent.
  const minimum = c.minimum_protocol_version ?? 'TLSv1';
  if (isSet(c.iam_certificate_id) || isSet(c.acm_certificate_arn)) {
    const custom: Props = isSet(c.iam_certificate_id)
      ? { IamCertificateId: c.iam_certificate_id }
      : { AcmCertificateArn: c.acm_certificate_arn };
    put(custom, 'SslSupportMethod', c.ssl_support_method);
    return put(custom, 'MinimumProtocolVersion', minimum);
  }
  const props: Props = {};
  put(props, 'CloudFrontDefaultCertificate', c.cloudfront_default_certificate);
  // With the default *.cloudfront.net certificate "CloudFront automatically sets the security policy
  // to TLSv1 regardless of the value that you set here".
  // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html
  return put(props, 'MinimumProtocolVersion', c.cloudfront_default_certificate === true ? 'TLSv1' : minimum);
}

const distribution: TypeMapping = {
  cfnType: 'AWS::CloudFront::Distribution',
  global: true,
  props: (inst) => {
    const v = inst.values;
    const config = copy(v, {
      enabled: 'Enabled',
      comment: 'Comment',
      default_root_object: 'DefaultRootObject',
      http_version: 'HttpVersion',
      is_ipv6_enabled: 'IPV6Enabled',
      price_class: 'PriceClass',
      web_acl_id: 'WebACLId',
      staging: 'Staging',
    });
    put(config, 'Aliases', strings(v.aliases));
    put(config, 'ContinuousDeploymentPolicyId', configuredValue(inst, 'continuous_deployment_policy_id'));
    put(config, 'Origins', eachBlock(v.origin, origin));
    put(config, 'OriginGroups', quantity(eachBlock(v.origin_group, originGroup)));
    put(config, 'DefaultCacheBehavior', present(v.default_cache_behavior, behavior));
    put(config, 'CacheBehaviors', eachBlock(v.ordered_cache_behavior, behavior));
    put(
      config,
      'CustomErrorResponses',
      eachBlock(v.custom_error_response, (e) =>
        compact({
          ErrorCode: e.error_code,
          ResponseCode: e.response_code,
          ResponsePagePath: e.response_page_path,
          ErrorCachingMinTTL: e.error_caching_min_ttl,
        }),
      ),
    );
    put(
      config,
      'Restrictions',
      present(v.restrictions, (r) =>
        compact({
          GeoRestriction: present(r.geo_restriction, (g) =>
            compact({ RestrictionType: g.restriction_type, Locations: strings(g.locations) }),
          ),
        }),
      ),
    );
    put(config, 'ViewerCertificate', mapBlock(v.viewer_certificate, viewerCertificate));
    // A `logging_config` without a bucket (provider 6) is standard logging v2, which a
    // CloudWatch Logs delivery source carries.
    put(
      config,
      'Logging',
      mapBlock(v.logging_config, (l) =>
        compact({ Bucket: l.bucket, IncludeCookies: l.include_cookies, Prefix: l.prefix }),
      ),
    );
    return { DistributionConfig: config };
  },
};

const originAccessControl: TypeMapping = {
  cfnType: 'AWS::CloudFront::OriginAccessControl',
  global: true,
  tags: 'none',
  props: (inst) => ({
    OriginAccessControlConfig: copy(inst.values, {
      name: 'Name',
      description: 'Description',
      origin_access_control_origin_type: 'OriginAccessControlOriginType',
      signing_behavior: 'SigningBehavior',
      signing_protocol: 'SigningProtocol',
    }),
  }),
};

const originAccessIdentity: TypeMapping = {
  cfnType: 'AWS::CloudFront::CloudFrontOriginAccessIdentity',
  global: true,
  tags: 'none',
  props: (inst) => ({
    CloudFrontOriginAccessIdentityConfig: copy(inst.values, { comment: 'Comment' }),
  }),
};

/**
 * A WAFv2 web ACL: enough for a distribution's `web_acl_id = aws_wafv2_web_acl.x.arn` (known only
 * after apply) to name it. Its rules are not mapped; no rule reads them.
 */
const webAcl: TypeMapping = {
  cfnType: 'AWS::WAFv2::WebACL',
  nameProp: 'Name',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { name: 'Name', scope: 'Scope', description: 'Description' });
    put(
      props,
      'DefaultAction',
      mapBlock(v.default_action, (a) =>
        compact({
          Allow: isSet(a.allow) ? {} : undefined,
          Block: isSet(a.block) ? {} : undefined,
        }),
      ),
    );
    return props;
  },
};

/** Standard logging v2: the distribution's access logs as a CloudWatch Logs delivery source. */
const logDeliverySource: TypeMapping = {
  cfnType: 'AWS::Logs::DeliverySource',
  nameProp: 'Name',
  props: (inst) => copy(inst.values, { name: 'Name', log_type: 'LogType', resource_arn: 'ResourceArn' }),
};

/**
 * The delivery that pairs a delivery source with a destination: without one, a delivery source sends
 * nothing. `s3_delivery_configuration` becomes CloudFormation's flat `S3SuffixPath` and
 * `S3EnableHiveCompatiblePath`.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_delivery
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-delivery.html
 */
const logDelivery: TypeMapping = {
  cfnType: 'AWS::Logs::Delivery',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      delivery_source_name: 'DeliverySourceName',
      delivery_destination_arn: 'DeliveryDestinationArn',
      field_delimiter: 'FieldDelimiter',
    });
    put(props, 'RecordFields', strings(v.record_fields));
    const s3 = mapBlock(v.s3_delivery_configuration, (c) =>
      compact({ S3SuffixPath: c.suffix_path, S3EnableHiveCompatiblePath: c.enable_hive_compatible_path }),
    );
    // A block known only after apply leaves both of its settings unknown.
    if (isUnresolved(s3)) Object.assign(props, { S3SuffixPath: s3, S3EnableHiveCompatiblePath: s3 });
    else if (s3) Object.assign(props, s3);
    return props;
  },
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_cloudfront_distribution: distribution,
  aws_cloudfront_origin_access_control: originAccessControl,
  aws_cloudfront_origin_access_identity: originAccessIdentity,
  aws_wafv2_web_acl: webAcl,
  aws_cloudwatch_log_delivery_source: logDeliverySource,
  aws_cloudwatch_log_delivery: logDelivery,
};
