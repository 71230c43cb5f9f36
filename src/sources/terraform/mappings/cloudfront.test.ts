import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../engine/index.js';
import { isUnresolved } from '../../../model/index.js';
import { expectedStatus, statusesByRule, TEST_NOW } from '../../../../test/rule-fixtures.js';
import { byId, loadPlan, makePlan, makeState, ref, type PlanResource } from '../fixtures/make-plan.js';

type Tree = Record<string, unknown>;

/** What the AWS provider plans for a distribution besides what a test sets (its defaults, unset as null). */
const PLANNED: Tree = {
  aliases: null,
  comment: null,
  custom_error_response: [],
  default_root_object: null,
  enabled: true,
  http_version: 'http2',
  is_ipv6_enabled: false,
  logging_config: [],
  ordered_cache_behavior: [],
  origin_group: [],
  price_class: 'PriceClass_All',
  restrictions: [{ geo_restriction: [{ locations: null, restriction_type: 'none' }] }],
  retain_on_delete: false,
  staging: false,
  tags: null,
  wait_for_deployment: true,
  web_acl_id: null,
  viewer_certificate: [
    {
      acm_certificate_arn: null,
      cloudfront_default_certificate: true,
      iam_certificate_id: null,
      minimum_protocol_version: 'TLSv1',
      ssl_support_method: null,
    },
  ],
};

/** Attributes the provider computes: known after apply in a plan that creates the distribution. */
const COMPUTED: Tree = {
  arn: true,
  caller_reference: true,
  continuous_deployment_policy_id: true,
  domain_name: true,
  etag: true,
  hosted_zone_id: true,
  id: true,
  in_progress_validation_batches: true,
  last_modified_time: true,
  status: true,
  tags_all: true,
  trusted_key_groups: true,
  trusted_signers: true,
};

const s3Origin = (id: string, more: Tree = {}): Tree => ({
  origin_id: id,
  connection_attempts: 3,
  connection_timeout: 10,
  custom_header: [],
  custom_origin_config: [],
  origin_access_control_id: null,
  origin_path: '',
  origin_shield: [],
  s3_origin_config: [],
  vpc_origin_config: [],
  ...more,
});

const customOrigin = (id: string, policy: string, protocols: string[] = ['TLSv1.2']): Tree =>
  s3Origin(id, {
    custom_origin_config: [
      {
        http_port: 80,
        https_port: 443,
        origin_keepalive_timeout: 5,
        origin_read_timeout: 30,
        origin_protocol_policy: policy,
        origin_ssl_protocols: protocols,
      },
    ],
  });

const behavior = (target: string, policy = 'redirect-to-https', more: Tree = {}): Tree => ({
  allowed_methods: ['GET', 'HEAD'],
  cached_methods: ['GET', 'HEAD'],
  cache_policy_id: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  compress: true,
  field_level_encryption_id: '',
  forwarded_values: [],
  function_association: [],
  lambda_function_association: [],
  min_ttl: 0,
  origin_request_policy_id: '',
  realtime_log_config_arn: '',
  response_headers_policy_id: '',
  smooth_streaming: null,
  target_origin_id: target,
  trusted_key_groups: null,
  trusted_signers: null,
  viewer_protocol_policy: policy,
  ...more,
});

const acm = (more: Tree = {}): Tree => ({
  viewer_certificate: [
    {
      acm_certificate_arn:
        'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      cloudfront_default_certificate: false,
      iam_certificate_id: null,
      minimum_protocol_version: 'TLSv1.2_2021',
      ssl_support_method: 'sni-only',
      ...more,
    },
  ],
});

/** Configuration expressions as Terraform records them: a constant for each value set, blocks as lists. */
function expressionsOf(values: Tree): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    const blocks = Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null);
    out[key] = blocks ? (value as Tree[]).map(expressionsOf) : { constant_value: value };
  }
  return out;
}

/** Sets `value` at a dotted path (`origin.0.domain_name`), creating lists and objects on the way. */
function setAt(tree: Tree, path: string, value: unknown): void {
  const steps = path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node: Record<string | number, unknown> = tree;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      node[step] = value;
      return;
    }
    const next = steps[i + 1];
    if (typeof node[step] !== 'object' || node[step] === null)
      node[step] = typeof next === 'number' ? [] : {};
    const child = node[step] as Record<string | number, unknown>;
    if (Array.isArray(child) && typeof next === 'number') {
      for (let k = 0; k <= next; k++) child[k] ??= {};
    }
    node = child;
  });
}

function deleteAt(tree: Tree, path: string): void {
  const steps = path.split('.');
  const last = steps.pop() ?? '';
  let node: unknown = tree;
  for (const step of steps) node = (node as Record<string, unknown> | undefined)?.[step];
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[last];
}

/**
 * A distribution as a plan that creates it shows it: the provider's defaults, what `set` changes,
 * and for each of `unknown` an expression whose value is known only after apply (left out of `after`).
 */
function distribution(name: string, set: Tree, unknown: Record<string, unknown> = {}): PlanResource {
  const after = structuredClone({ ...PLANNED, ...set });
  const mask: Tree = { ...COMPUTED };
  const expressions = expressionsOf(after);
  for (const [path, expression] of Object.entries(unknown)) {
    deleteAt(after, path);
    setAt(mask, path, true);
    setAt(expressions, path, expression);
  }
  return { address: `aws_cloudfront_distribution.${name}`, after, unknown: mask, expressions };
}

const bucket = (name: string, more: Partial<PlanResource> = {}): PlanResource => ({
  address: `aws_s3_bucket.${name}`,
  after: { bucket: `acme-${name}`, force_destroy: false },
  unknown: { id: true, arn: true, bucket_domain_name: true, bucket_regional_domain_name: true },
  ...more,
});

const PUBLIC_READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-images/*',
    },
  ],
});

/** What the distributions point at: buckets (one public), OAC, OAI, web ACL, certificate, load balancer. */
const SUPPORT: PlanResource[] = [
  bucket('site'),
  bucket('logs'),
  bucket('images'),
  {
    address: 'aws_s3_bucket_public_access_block.images',
    after: {
      block_public_acls: false,
      block_public_policy: false,
      ignore_public_acls: false,
      restrict_public_buckets: false,
    },
    unknown: { bucket: true, id: true },
    expressions: { bucket: ref('aws_s3_bucket.images.id', 'aws_s3_bucket.images') },
  },
  {
    address: 'aws_s3_bucket_policy.images',
    after: { policy: PUBLIC_READ },
    unknown: { bucket: true, id: true },
    expressions: {
      bucket: ref('aws_s3_bucket.images.id', 'aws_s3_bucket.images'),
      policy: { constant_value: PUBLIC_READ },
    },
  },
  {
    address: 'aws_s3_bucket_website_configuration.site',
    after: { index_document: [{ suffix: 'index.html' }] },
    unknown: { bucket: true, id: true, website_endpoint: true, website_domain: true },
    expressions: {
      bucket: ref('aws_s3_bucket.site.id', 'aws_s3_bucket.site'),
      index_document: [{ suffix: { constant_value: 'index.html' } }],
    },
  },
  {
    address: 'aws_cloudfront_origin_access_control.site',
    after: {
      name: 'site',
      description: '',
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
      signing_protocol: 'sigv4',
    },
    unknown: { id: true, etag: true },
  },
  {
    address: 'aws_cloudfront_origin_access_identity.legacy',
    after: { comment: 'legacy' },
    unknown: { id: true, cloudfront_access_identity_path: true, iam_arn: true, etag: true },
  },
  {
    address: 'aws_wafv2_web_acl.edge',
    after: { name: 'edge', scope: 'CLOUDFRONT', default_action: [{ allow: [{}], block: [] }] },
    unknown: { id: true, arn: true, capacity: true, lock_token: true },
  },
  {
    address: 'aws_acm_certificate.site',
    after: { domain_name: 'www.example.com', validation_method: 'DNS' },
    unknown: { id: true, arn: true },
  },
  {
    address: 'aws_lb.web',
    after: { name: 'web', load_balancer_type: 'application', internal: false },
    unknown: { id: true, arn: true, dns_name: true, zone_id: true },
  },
  // A value another resource produces at apply, through no attribute that names a resource.
  { address: 'terraform_data.settings', after: {}, unknown: { id: true, output: true } },
];

const SITE_DOMAIN = ref('aws_s3_bucket.site.bucket_regional_domain_name', 'aws_s3_bucket.site');
const IMAGES_DOMAIN = ref('aws_s3_bucket.images.bucket_regional_domain_name', 'aws_s3_bucket.images');
const WEBSITE_DOMAIN = ref(
  'aws_s3_bucket_website_configuration.site.website_endpoint',
  'aws_s3_bucket_website_configuration.site',
);
const LB_DOMAIN = ref('aws_lb.web.dns_name', 'aws_lb.web');
const OAC_ID = ref(
  'aws_cloudfront_origin_access_control.site.id',
  'aws_cloudfront_origin_access_control.site',
);
const SETTING = ref('terraform_data.settings.output', 'terraform_data.settings');

const load = (resources: PlanResource[]) => loadPlan(makePlan(resources, { region: 'us-east-1' }));

/**
 * Runs one rule over the distributions (with {@link SUPPORT} and `others`) and checks each status
 * against the distribution's name (`aws_cloudfront_distribution.PassX`), showing the reason on a
 * mismatch.
 */
function expectOutcomes(
  ruleId: string,
  distributions: PlanResource[],
  others: PlanResource[] = [],
): Finding[] {
  const snapshot = load([...SUPPORT, ...others, ...distributions]);
  const { statuses, findings } = statusesByRule(snapshot, [ruleId], TEST_NOW);
  const outcome = (id: string) => expectedStatus(id.slice(id.lastIndexOf('.') + 1));
  const wanted = Object.fromEntries(distributions.map((d) => [d.address, outcome(d.address)]));
  const shown = Object.fromEntries(
    findings.map((f) => [
      f.resource.id,
      f.status === outcome(f.resource.id) ? f.status : `${f.status}: ${f.reason}`,
    ]),
  );
  expect(shown, `outcomes of ${ruleId}`).toEqual(wanted);
  expect(Object.keys(statuses[ruleId] ?? {}).length).toBe(distributions.length);
  return findings;
}

const reasonOf = (findings: Finding[], name: string) =>
  findings.find((f) => f.resource.id === `aws_cloudfront_distribution.${name}`)?.reason;

describe('aws_cloudfront_distribution → AWS::CloudFront::Distribution', () => {
  it('maps the blocks to DistributionConfig in CloudFormation’s shape', () => {
    const s = load([
      ...SUPPORT,
      distribution(
        'site',
        {
          aliases: ['www.example.com'],
          default_root_object: 'index.html',
          origin: [s3Origin('site'), customOrigin('api', 'https-only')],
          origin_group: [
            {
              origin_id: 'site-failover',
              failover_criteria: [{ status_codes: [500, 502] }],
              member: [{ origin_id: 'site' }, { origin_id: 'api' }],
            },
          ],
          default_cache_behavior: [behavior('site-failover')],
          ordered_cache_behavior: [behavior('api', 'https-only', { path_pattern: '/api/*' })],
          logging_config: [{ bucket: 'acme-logs.s3.amazonaws.com', include_cookies: false, prefix: 'cf/' }],
          ...acm(),
        },
        {
          'origin.0.domain_name': SITE_DOMAIN,
          'origin.0.origin_access_control_id': OAC_ID,
          'origin.1.domain_name': LB_DOMAIN,
          'viewer_certificate.0.acm_certificate_arn': ref(
            'aws_acm_certificate.site.arn',
            'aws_acm_certificate.site',
          ),
          web_acl_id: ref('aws_wafv2_web_acl.edge.arn', 'aws_wafv2_web_acl.edge'),
        },
      ),
    ]);
    const d = byId(s, 'aws_cloudfront_distribution.site');
    expect(d).toMatchObject({ type: 'AWS::CloudFront::Distribution', region: 'global' });
    const config = d.props.DistributionConfig as Tree;
    expect(config).toMatchObject({
      Enabled: true,
      Aliases: ['www.example.com'],
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2',
      IPV6Enabled: false,
      PriceClass: 'PriceClass_All',
      Origins: [
        {
          Id: 'site',
          // `bucket_regional_domain_name` is known after apply; the expression names the bucket.
          DomainName: { expression: 'aws_s3_bucket.site.bucket_regional_domain_name' },
          OriginAccessControlId: 'aws_cloudfront_origin_access_control.site',
          // Neither s3_origin_config nor custom_origin_config: the provider sends an empty identity.
          S3OriginConfig: { OriginAccessIdentity: '' },
          ConnectionAttempts: 3,
          ConnectionTimeout: 10,
        },
        {
          Id: 'api',
          DomainName: { expression: 'aws_lb.web.dns_name' },
          CustomOriginConfig: {
            HTTPPort: 80,
            HTTPSPort: 443,
            OriginProtocolPolicy: 'https-only',
            OriginSSLProtocols: ['TLSv1.2'],
            OriginReadTimeout: 30,
            OriginKeepaliveTimeout: 5,
          },
        },
      ],
      OriginGroups: {
        Quantity: 1,
        Items: [
          {
            Id: 'site-failover',
            FailoverCriteria: { StatusCodes: { Quantity: 2, Items: [500, 502] } },
            Members: { Quantity: 2, Items: [{ OriginId: 'site' }, { OriginId: 'api' }] },
          },
        ],
      },
      DefaultCacheBehavior: {
        TargetOriginId: 'site-failover',
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      },
      CacheBehaviors: [{ PathPattern: '/api/*', TargetOriginId: 'api', ViewerProtocolPolicy: 'https-only' }],
      ViewerCertificate: {
        AcmCertificateArn: { expression: 'aws_acm_certificate.site.arn' },
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      },
      Logging: { Bucket: 'acme-logs.s3.amazonaws.com', IncludeCookies: false, Prefix: 'cf/' },
      WebACLId: { expression: 'aws_wafv2_web_acl.edge.arn' },
      Restrictions: { GeoRestriction: { RestrictionType: 'none' } },
    });
    const origins = config.Origins as Tree[];
    expect(origins[1]?.S3OriginConfig).toBeUndefined();
    // Computed and not configured: left out, as a template leaves it out.
    expect(config.ContinuousDeploymentPolicyId).toBeUndefined();
    expect((config.ViewerCertificate as Tree).CloudFrontDefaultCertificate).toBeUndefined();
    expect(byId(s, 'aws_cloudfront_origin_access_control.site')).toMatchObject({
      type: 'AWS::CloudFront::OriginAccessControl',
      region: 'global',
      props: { OriginAccessControlConfig: { Name: 'site', OriginAccessControlOriginType: 's3' } },
    });
    expect(byId(s, 'aws_wafv2_web_acl.edge')).toMatchObject({
      type: 'AWS::WAFv2::WebACL',
      region: 'us-east-1',
      props: { Name: 'edge', Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } },
    });
  });

  it('keeps an origin or behavior known only after apply unknown, rather than dropping it', () => {
    const s = load([
      distribution(
        'dynamic',
        { origin: [s3Origin('site')], default_cache_behavior: [behavior('site')] },
        { 'ordered_cache_behavior.0': ref('var.behaviors') },
      ),
    ]);
    const config = byId(s, 'aws_cloudfront_distribution.dynamic').props.DistributionConfig as Tree;
    const behaviors = config.CacheBehaviors as unknown[];
    expect(behaviors).toHaveLength(1);
    expect(isUnresolved(behaviors[0])).toBe(true);
  });

  it('gives each origin its own domain when the plan orders the origin set otherwise than written', () => {
    // `origin` is a set: Terraform orders the planned elements by a hash of their values, so the
    // load balancer origin may come first though the S3 origin is written first.
    const written = distribution(
      'FailPublicBucketBehindOac',
      {
        origin: [s3Origin('images'), customOrigin('api', 'https-only')],
        default_cache_behavior: [behavior('images')],
      },
      {
        'origin.0.domain_name': IMAGES_DOMAIN,
        'origin.0.origin_access_control_id': OAC_ID,
        'origin.1.domain_name': LB_DOMAIN,
      },
    );
    // Origin ids from locals: known in the plan, but no constant in the configuration to match by.
    const blocks = (written.expressions as Tree).origin as Tree[];
    blocks.forEach((b, i) => (b.origin_id = ref(`local.origin_ids[${i}]`)));
    const after = written.after as Tree;
    const mask = written.unknown as Tree;
    (after.origin as Tree[]).reverse();
    (mask.origin as Tree[]).reverse();
    const s = load([...SUPPORT, written]);
    const origins = (byId(s, written.address).props.DistributionConfig as Tree).Origins as Tree[];
    expect(origins.map((o) => [o.Id, (o.DomainName as { expression: string }).expression])).toEqual([
      ['api', 'aws_lb.web.dns_name'],
      ['images', 'aws_s3_bucket.images.bucket_regional_domain_name'],
    ]);
    const { statuses } = statusesByRule(s, ['cloudfront-distribution-s3-origin-access-control'], TEST_NOW);
    expect(statuses['cloudfront-distribution-s3-origin-access-control']?.[written.address]).toBe('fail');
  });

  it('uses the provider’s and CloudFront’s defaults where the certificate block leaves them out', () => {
    // As `.tf` configuration gives it: no minimum_protocol_version, so the provider sends TLSv1.
    const s = load([
      {
        address: 'aws_cloudfront_distribution.unstated',
        after: {
          viewer_certificate: [{ acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' }],
        },
      },
      {
        address: 'aws_cloudfront_distribution.default_certificate',
        after: {
          viewer_certificate: [
            { cloudfront_default_certificate: true, minimum_protocol_version: 'TLSv1.2_2021' },
          ],
        },
      },
    ]);
    const certificate = (id: string) =>
      (byId(s, `aws_cloudfront_distribution.${id}`).props.DistributionConfig as Tree).ViewerCertificate;
    expect(certificate('unstated')).toEqual({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
      MinimumProtocolVersion: 'TLSv1',
    });
    // CloudFront applies TLSv1 to its default certificate whatever the configuration says.
    expect(certificate('default_certificate')).toEqual({
      CloudFrontDefaultCertificate: true,
      MinimumProtocolVersion: 'TLSv1',
    });
  });
});

describe('the CloudFront rules on a Terraform state', () => {
  const DISTRIBUTION_ARN = 'arn:aws:cloudfront::123456789012:distribution/E1DISTEXAMPLE';
  const WEB_ACL_ARN =
    'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
  // As the provider records an applied distribution: unset strings empty, an OAC origin without
  // s3_origin_config, references as the physical ids and ARNs they came to.
  const state = makeState([
    {
      address: 'aws_s3_bucket.site',
      values: {
        id: 'acme-site',
        arn: 'arn:aws:s3:::acme-site',
        bucket: 'acme-site',
        bucket_regional_domain_name: 'acme-site.s3.us-east-1.amazonaws.com',
      },
    },
    {
      address: 'aws_s3_bucket_public_access_block.site',
      values: {
        id: 'acme-site',
        bucket: 'acme-site',
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    },
    {
      address: 'aws_cloudfront_origin_access_control.site',
      values: {
        id: 'E2QWRUHEXAMPLE',
        name: 'site',
        origin_access_control_origin_type: 's3',
        signing_behavior: 'always',
        signing_protocol: 'sigv4',
      },
    },
    {
      address: 'aws_wafv2_web_acl.edge',
      values: {
        id: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
        arn: WEB_ACL_ARN,
        name: 'edge',
        scope: 'CLOUDFRONT',
        default_action: [{ allow: [{ custom_request_handling: [] }], block: [] }],
      },
    },
    {
      address: 'aws_cloudwatch_log_delivery_source.cloudfront',
      values: {
        arn: 'arn:aws:logs:us-east-1:123456789012:delivery-source:cloudfront',
        name: 'cloudfront',
        log_type: 'ACCESS_LOGS',
        resource_arn: DISTRIBUTION_ARN,
      },
    },
    {
      address: 'aws_cloudwatch_log_delivery.cloudfront',
      values: {
        id: 'a1B2c3D4e5F6g7H8',
        arn: 'arn:aws:logs:us-east-1:123456789012:delivery:a1B2c3D4e5F6g7H8',
        delivery_source_name: 'cloudfront',
        delivery_destination_arn: 'arn:aws:logs:us-east-1:123456789012:delivery-destination:site-logs',
        field_delimiter: '',
        record_fields: ['timestamp', 'c-ip', 'cs-method', 'cs-uri-stem', 'sc-status'],
        s3_delivery_configuration: [
          { enable_hive_compatible_path: false, suffix_path: 'cloudfront/{DistributionId}' },
        ],
        tags: null,
      },
    },
    {
      address: 'aws_cloudfront_distribution.site',
      values: {
        ...PLANNED,
        id: 'E1DISTEXAMPLE',
        arn: DISTRIBUTION_ARN,
        domain_name: 'd111111abcdef8.cloudfront.net',
        aliases: [],
        comment: '',
        continuous_deployment_policy_id: '',
        default_root_object: '',
        web_acl_id: WEB_ACL_ARN,
        origin: [
          s3Origin('site', {
            domain_name: 'acme-site.s3.us-east-1.amazonaws.com',
            origin_access_control_id: 'E2QWRUHEXAMPLE',
          }),
        ],
        default_cache_behavior: [behavior('site')],
        viewer_certificate: [
          {
            acm_certificate_arn: '',
            cloudfront_default_certificate: true,
            iam_certificate_id: '',
            minimum_protocol_version: 'TLSv1',
            ssl_support_method: '',
          },
        ],
      },
    },
  ]);

  it('maps the recorded distribution and links it to the web ACL, delivery source and delivery in the state', () => {
    const s = loadPlan(state);
    const d = byId(s, 'aws_cloudfront_distribution.site');
    expect(d).toMatchObject({ arn: DISTRIBUTION_ARN, region: 'global', origin: { exists: true } });
    const config = d.props.DistributionConfig as Tree;
    expect(config.DefaultRootObject).toBeUndefined();
    expect(config.ContinuousDeploymentPolicyId).toBeUndefined();
    expect(config.WebACLId).toBe('aws_wafv2_web_acl.edge');
    expect(config.ViewerCertificate).toEqual({
      CloudFrontDefaultCertificate: true,
      MinimumProtocolVersion: 'TLSv1',
    });
    // The delivery in CloudFormation's shape, its S3 settings flattened, the unset delimiter left out.
    expect(byId(s, 'aws_cloudwatch_log_delivery.cloudfront')).toMatchObject({
      type: 'AWS::Logs::Delivery',
      props: {
        DeliverySourceName: 'cloudfront',
        DeliveryDestinationArn: 'arn:aws:logs:us-east-1:123456789012:delivery-destination:site-logs',
        RecordFields: ['timestamp', 'c-ip', 'cs-method', 'cs-uri-stem', 'sc-status'],
        S3SuffixPath: 'cloudfront/{DistributionId}',
        S3EnableHiveCompatiblePath: false,
      },
    });
    expect(byId(s, 'aws_cloudwatch_log_delivery.cloudfront').props).not.toHaveProperty('FieldDelimiter');
    const { statuses } = statusesByRule(
      s,
      [
        'cloudfront-distribution-access-logging-enabled',
        'cloudfront-distribution-custom-certificate-used',
        'cloudfront-distribution-default-root-object-configured',
        'cloudfront-distribution-s3-origin-access-control',
        'cloudfront-distribution-viewer-tls-current',
        'cloudfront-distribution-waf-enabled',
      ],
      TEST_NOW,
    );
    const of = (rule: string) => statuses[rule]?.['aws_cloudfront_distribution.site'];
    // Logs go to the delivery source whose resource_arn is the distribution's ARN, and on through
    // the delivery that names the source.
    expect(of('cloudfront-distribution-access-logging-enabled')).toBe('pass');
    expect(of('cloudfront-distribution-custom-certificate-used')).toBe('fail');
    expect(of('cloudfront-distribution-default-root-object-configured')).toBe('fail');
    // The origin's domain names the bucket, whose Block Public Access settings are all on.
    expect(of('cloudfront-distribution-s3-origin-access-control')).toBe('pass');
    expect(of('cloudfront-distribution-viewer-tls-current')).toBe('not_applicable');
    expect(of('cloudfront-distribution-waf-enabled')).toBe('pass');
  });
});

describe('the CloudFront rules on Terraform plans', () => {
  const site = { origin: [s3Origin('site')], default_cache_behavior: [behavior('site')] };
  const siteDomain = { 'origin.0.domain_name': SITE_DOMAIN };

  it('cloudfront-distribution-access-logging-enabled', () => {
    const findings = expectOutcomes(
      'cloudfront-distribution-access-logging-enabled',
      [
        distribution(
          'PassLogBucketReference',
          { ...site, logging_config: [{ include_cookies: false, prefix: 'cf/' }] },
          {
            ...siteDomain,
            'logging_config.0.bucket': ref('aws_s3_bucket.logs.bucket_domain_name', 'aws_s3_bucket.logs'),
          },
        ),
        distribution(
          'PassLogBucketDomain',
          {
            ...site,
            logging_config: [{ bucket: 'acme-logs.s3.amazonaws.com', include_cookies: false, prefix: '' }],
          },
          siteDomain,
        ),
        distribution('PassDeliverySource', site, siteDomain),
        distribution('FailSourceWithoutDelivery', site, siteDomain),
        distribution('FailNoLogging', site, siteDomain),
        distribution(
          'ErrorLogBucketOfDataSource',
          { ...site, logging_config: [{ include_cookies: false, prefix: '' }] },
          {
            ...siteDomain,
            'logging_config.0.bucket': ref(
              'data.aws_s3_bucket.shared.bucket_domain_name',
              'data.aws_s3_bucket.shared',
            ),
          },
        ),
      ],
      [
        {
          address: 'aws_cloudwatch_log_delivery_source.cloudfront',
          after: { name: 'cloudfront', log_type: 'ACCESS_LOGS' },
          unknown: { arn: true, id: true, resource_arn: true, service: true },
          expressions: {
            name: { constant_value: 'cloudfront' },
            log_type: { constant_value: 'ACCESS_LOGS' },
            resource_arn: ref(
              'aws_cloudfront_distribution.PassDeliverySource.arn',
              'aws_cloudfront_distribution.PassDeliverySource',
            ),
          },
        },
        {
          // Only a delivery makes the source send logs to a destination.
          address: 'aws_cloudwatch_log_delivery.cloudfront',
          after: { delivery_source_name: 'cloudfront', record_fields: null, tags: null },
          unknown: { arn: true, id: true, delivery_destination_arn: true, field_delimiter: true },
          expressions: {
            delivery_source_name: ref(
              'aws_cloudwatch_log_delivery_source.cloudfront.name',
              'aws_cloudwatch_log_delivery_source.cloudfront',
            ),
            delivery_destination_arn: ref(
              'aws_cloudwatch_log_delivery_destination.s3.arn',
              'aws_cloudwatch_log_delivery_destination.s3',
            ),
          },
        },
        {
          address: 'aws_cloudwatch_log_delivery_source.undelivered',
          after: { name: 'undelivered', log_type: 'ACCESS_LOGS' },
          unknown: { arn: true, id: true, resource_arn: true, service: true },
          expressions: {
            name: { constant_value: 'undelivered' },
            log_type: { constant_value: 'ACCESS_LOGS' },
            resource_arn: ref(
              'aws_cloudfront_distribution.FailSourceWithoutDelivery.arn',
              'aws_cloudfront_distribution.FailSourceWithoutDelivery',
            ),
          },
        },
      ],
    );
    expect(reasonOf(findings, 'PassLogBucketReference')).toContain('bucket aws_s3_bucket.logs');
    expect(reasonOf(findings, 'PassDeliverySource')).toContain(
      'delivery source aws_cloudwatch_log_delivery_source.cloudfront (cloudfront) and delivery aws_cloudwatch_log_delivery.cloudfront',
    );
    expect(reasonOf(findings, 'FailSourceWithoutDelivery')).toContain('the source has no delivery');
  });
  it('cloudfront-distribution-custom-certificate-used', () => {
    expectOutcomes('cloudfront-distribution-custom-certificate-used', [
      distribution(
        'PassAcmCertificateReference',
        { ...site, ...acm() },
        {
          ...siteDomain,
          'viewer_certificate.0.acm_certificate_arn': ref(
            'aws_acm_certificate.site.arn',
            'aws_acm_certificate.site',
          ),
        },
      ),
      distribution(
        'PassIamCertificate',
        { ...site, ...acm({ acm_certificate_arn: null, iam_certificate_id: 'ASCAEXAMPLECERTIFICATE' }) },
        siteDomain,
      ),
      distribution('FailDefaultCertificate', site, siteDomain),
    ]);
  });

  it('cloudfront-distribution-default-root-object-configured', () => {
    expectOutcomes('cloudfront-distribution-default-root-object-configured', [
      distribution('PassIndexHtml', { ...site, default_root_object: 'index.html' }, siteDomain),
      distribution('FailS3OriginWithoutRootObject', site, siteDomain),
      distribution(
        'NotApplicableLoadBalancerOrigin',
        { origin: [customOrigin('web', 'https-only')], default_cache_behavior: [behavior('web')] },
        { 'origin.0.domain_name': LB_DOMAIN },
      ),
      distribution('ErrorRootObjectKnownAfterApply', site, { ...siteDomain, default_root_object: SETTING }),
    ]);
  });

  it('cloudfront-distribution-origin-failover-configured', () => {
    const pair = { origin: [s3Origin('primary'), s3Origin('secondary')] };
    const domains = {
      'origin.0.domain_name': SITE_DOMAIN,
      'origin.1.domain_name': IMAGES_DOMAIN,
    };
    const group = {
      origin_id: 'with-failover',
      failover_criteria: [{ status_codes: [500, 502, 503] }],
      member: [{ origin_id: 'primary' }, { origin_id: 'secondary' }],
    };
    const findings = expectOutcomes('cloudfront-distribution-origin-failover-configured', [
      distribution(
        'PassRoutedToGroup',
        { ...pair, origin_group: [group], default_cache_behavior: [behavior('with-failover')] },
        domains,
      ),
      distribution(
        'FailGroupNotRouted',
        { ...pair, origin_group: [group], default_cache_behavior: [behavior('primary')] },
        domains,
      ),
      distribution('FailSingleOrigin', site, siteDomain),
      distribution(
        'ErrorGroupsKnownAfterApply',
        { ...pair, default_cache_behavior: [behavior('with-failover')] },
        { ...domains, origin_group: SETTING },
      ),
    ]);
    expect(reasonOf(findings, 'FailGroupNotRouted')).toContain('no cache behavior routes to it');
  });

  it('cloudfront-distribution-origin-https-required', () => {
    const custom = (name: string, policy: string, viewer = 'redirect-to-https') =>
      distribution(
        name,
        { origin: [customOrigin('web', policy)], default_cache_behavior: [behavior('web', viewer)] },
        { 'origin.0.domain_name': LB_DOMAIN },
      );
    const findings = expectOutcomes('cloudfront-distribution-origin-https-required', [
      custom('PassHttpsOnly', 'https-only'),
      custom('PassMatchViewerHttpsViewers', 'match-viewer', 'https-only'),
      custom('FailHttpOnly', 'http-only'),
      custom('FailMatchViewerAllowAll', 'match-viewer', 'allow-all'),
      distribution(
        'FailWebsiteEndpoint',
        { origin: [customOrigin('site', 'https-only')], default_cache_behavior: [behavior('site')] },
        { 'origin.0.domain_name': WEBSITE_DOMAIN },
      ),
      distribution('NotApplicableS3Origin', site, siteDomain),
      distribution(
        'ErrorPolicyKnownAfterApply',
        { origin: [customOrigin('web', 'https-only')], default_cache_behavior: [behavior('web')] },
        {
          'origin.0.domain_name': LB_DOMAIN,
          'origin.0.custom_origin_config.0.origin_protocol_policy': SETTING,
        },
      ),
    ]);
    expect(reasonOf(findings, 'FailWebsiteEndpoint')).toContain('S3 website endpoint');
  });

  it('cloudfront-distribution-origin-tls-current', () => {
    const custom = (name: string, policy: string, protocols: string[], unknown: Tree = {}) =>
      distribution(
        name,
        { origin: [customOrigin('web', policy, protocols)], default_cache_behavior: [behavior('web')] },
        { 'origin.0.domain_name': LB_DOMAIN, ...unknown },
      );
    const findings = expectOutcomes('cloudfront-distribution-origin-tls-current', [
      custom('PassTls12Only', 'https-only', ['TLSv1.2']),
      custom('FailAllowsTls1', 'https-only', ['TLSv1', 'TLSv1.1', 'TLSv1.2']),
      custom('NotApplicableHttpOnly', 'http-only', ['TLSv1.2']),
      distribution('NotApplicableS3Origin', site, siteDomain),
      custom('ErrorProtocolsKnownAfterApply', 'https-only', ['TLSv1.2'], {
        'origin.0.custom_origin_config.0.origin_ssl_protocols': SETTING,
      }),
    ]);
    expect(reasonOf(findings, 'FailAllowsTls1')).toContain('allows TLSv1, TLSv1.1');
  });

  it('cloudfront-distribution-s3-origin-access-control', () => {
    const findings = expectOutcomes('cloudfront-distribution-s3-origin-access-control', [
      distribution('PassOacPrivateBucket', site, {
        ...siteDomain,
        'origin.0.origin_access_control_id': OAC_ID,
      }),
      distribution(
        'PassLegacyIdentity',
        {
          origin: [s3Origin('site', { s3_origin_config: [{}] })],
          default_cache_behavior: [behavior('site')],
        },
        {
          ...siteDomain,
          'origin.0.s3_origin_config.0.origin_access_identity': ref(
            'aws_cloudfront_origin_access_identity.legacy.cloudfront_access_identity_path',
            'aws_cloudfront_origin_access_identity.legacy',
          ),
        },
      ),
      distribution('FailNoAccessControl', site, siteDomain),
      distribution('FailOacButBucketPublic', site, {
        'origin.0.domain_name': IMAGES_DOMAIN,
        'origin.0.origin_access_control_id': OAC_ID,
      }),
      distribution(
        'NotApplicableWebsiteEndpoint',
        { origin: [customOrigin('site', 'http-only')], default_cache_behavior: [behavior('site')] },
        { 'origin.0.domain_name': WEBSITE_DOMAIN },
      ),
      distribution('ErrorAccessControlKnownAfterApply', site, {
        ...siteDomain,
        'origin.0.origin_access_control_id': SETTING,
      }),
    ]);
    expect(reasonOf(findings, 'PassOacPrivateBucket')).toContain('aws_s3_bucket.site');
    expect(reasonOf(findings, 'FailNoAccessControl')).toContain(
      'neither origin access control nor an origin access identity',
    );
    expect(reasonOf(findings, 'FailOacButBucketPublic')).toContain(
      'bucket aws_s3_bucket.images (acme-images) is publicly readable',
    );
  });

  it('cloudfront-distribution-sni-enabled', () => {
    expectOutcomes('cloudfront-distribution-sni-enabled', [
      distribution('PassSniOnly', { ...site, ...acm() }, siteDomain),
      distribution('FailDedicatedIp', { ...site, ...acm({ ssl_support_method: 'vip' }) }, siteDomain),
      distribution('NotApplicableDefaultCertificate', site, siteDomain),
      distribution(
        'ErrorSupportMethodKnownAfterApply',
        { ...site, ...acm() },
        {
          ...siteDomain,
          'viewer_certificate.0.ssl_support_method': SETTING,
        },
      ),
    ]);
  });

  it('cloudfront-distribution-viewer-https-required', () => {
    const findings = expectOutcomes('cloudfront-distribution-viewer-https-required', [
      distribution(
        'PassRedirectAndHttpsOnly',
        { ...site, ordered_cache_behavior: [behavior('site', 'https-only', { path_pattern: '/api/*' })] },
        siteDomain,
      ),
      distribution(
        'FailOrderedBehaviorAllowsHttp',
        { ...site, ordered_cache_behavior: [behavior('site', 'allow-all', { path_pattern: '/img/*' })] },
        siteDomain,
      ),
      distribution('ErrorPolicyKnownAfterApply', site, {
        ...siteDomain,
        'default_cache_behavior.0.viewer_protocol_policy': SETTING,
      }),
    ]);
    expect(reasonOf(findings, 'FailOrderedBehaviorAllowsHttp')).toContain('cache behavior /img/*');
  });

  it('cloudfront-distribution-viewer-tls-current', () => {
    const findings = expectOutcomes('cloudfront-distribution-viewer-tls-current', [
      distribution('PassTls12Policy', { ...site, ...acm() }, siteDomain),
      // The provider's default for an unset minimum_protocol_version, as the plan shows it.
      distribution(
        'FailProviderDefaultTls1',
        { ...site, ...acm({ minimum_protocol_version: 'TLSv1' }) },
        siteDomain,
      ),
      distribution(
        'NotApplicableDefaultCertificate',
        {
          ...site,
          viewer_certificate: [
            { cloudfront_default_certificate: true, minimum_protocol_version: 'TLSv1.2_2021' },
          ],
        },
        siteDomain,
      ),
      distribution(
        'ErrorPolicyKnownAfterApply',
        { ...site, ...acm() },
        {
          ...siteDomain,
          'viewer_certificate.0.minimum_protocol_version': SETTING,
        },
      ),
    ]);
    expect(reasonOf(findings, 'FailProviderDefaultTls1')).toContain('security policy TLSv1,');
  });

  it('cloudfront-distribution-waf-enabled', () => {
    const findings = expectOutcomes('cloudfront-distribution-waf-enabled', [
      distribution('PassWebAclReference', site, {
        ...siteDomain,
        web_acl_id: ref('aws_wafv2_web_acl.edge.arn', 'aws_wafv2_web_acl.edge'),
      }),
      distribution(
        'PassWebAclArn',
        {
          ...site,
          web_acl_id:
            'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
        },
        siteDomain,
      ),
      distribution('FailNoWebAcl', site, siteDomain),
      distribution('ErrorWebAclOfDataSource', site, {
        ...siteDomain,
        web_acl_id: ref('data.aws_wafv2_web_acl.shared.arn', 'data.aws_wafv2_web_acl.shared'),
      }),
    ]);
    expect(reasonOf(findings, 'PassWebAclReference')).toContain('web ACL aws_wafv2_web_acl.edge');
  });
});
