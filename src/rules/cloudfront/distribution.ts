/**
 * Reading a CloudFront distribution's `DistributionConfig` (CloudFormation shape): its origins, with
 * what kind each is, and its cache behaviors. Shared by the CloudFront rules.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-distributionconfig.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, known, prop, type Known } from '../rule.js';
import { s3Endpoint } from '../s3/refs.js';

/**
 * What an origin is: an S3 bucket's REST endpoint (can use OAC/OAI), an S3 website endpoint (a
 * custom origin that speaks HTTP only and needs a public bucket), another custom origin, or a VPC
 * origin.
 */
export type OriginKind = 's3' | 'website' | 'custom' | 'vpc';

export interface Origin {
  /** The origin's `Id`, or `#n`. */
  readonly label: string;
  /** The origin's property path, for reasons (`DistributionConfig.Origins.0`). */
  readonly path: string;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly kind: OriginKind;
}

/** One cache behavior: the default one, or a path pattern's. */
export interface Behavior {
  /** `default`, or the behavior's `PathPattern`. */
  readonly label: string;
  readonly path: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

const S3_DOMAIN_ATTRIBUTES = new Set(['DomainName', 'RegionalDomainName', 'DualStackDomainName']);
const WEBSITE_EXPRESSION = /WebsiteURL|\.website_endpoint\b/;

/** The attribute a `Fn::GetAtt` names, when the whole expression is one (`[Bucket, RegionalDomainName]`). */
function getAttAttribute(expression: unknown): string | undefined {
  const getAtt = (expression as Record<string, unknown> | null)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[1] === 'string') return getAtt[1];
  if (typeof getAtt === 'string') return getAtt.split('.').slice(1).join('.');
  return undefined;
}

function kindOf(raw: Record<string, unknown>): OriginKind {
  if (raw.VpcOriginConfig !== undefined) return 'vpc';
  if (raw.S3OriginConfig !== undefined) return 's3';
  const domain = raw.DomainName;
  if (typeof domain === 'string') {
    const s3 = s3Endpoint(domain);
    if (s3?.website) return 'website';
    if (s3 && raw.CustomOriginConfig === undefined) return 's3';
  } else if (isUnresolved(domain)) {
    // `!Select [2, !Split ['/', !GetAtt Bucket.WebsiteURL]]` is the usual way to a website endpoint in
    // a template, `aws_s3_bucket_website_configuration.site.website_endpoint` in Terraform.
    if (WEBSITE_EXPRESSION.test(JSON.stringify(domain.expression) ?? '')) return 'website';
    const attribute = getAttAttribute(domain.expression);
    if (attribute && S3_DOMAIN_ATTRIBUTES.has(attribute) && raw.CustomOriginConfig === undefined) return 's3';
  }
  return 'custom';
}

/** `DistributionConfig`, or why it is not known. */
export function configOf(distribution: Resource): Known<Record<string, unknown>> {
  const config = prop(distribution.props, 'DistributionConfig');
  if (!config.known) return config;
  if (config.value === null || typeof config.value !== 'object' || Array.isArray(config.value)) {
    return { known: true, value: {} };
  }
  return { known: true, value: config.value as Record<string, unknown> };
}

/**
 * The distribution's origins, including the legacy `S3Origin` / `CustomOrigin` properties mapped to
 * the `Origins` shape.
 */
export function originsOf(distribution: Resource): Known<Origin[]> {
  const config = configOf(distribution);
  if (!config.known) return config;
  const origins: Origin[] = [];
  const list = known(config.value.Origins, 'DistributionConfig.Origins');
  if (!list.known) return list;
  if (Array.isArray(list.value)) {
    for (let i = 0; i < list.value.length; i++) {
      const path = `DistributionConfig.Origins.${i}`;
      const raw = list.value[i];
      if (isUnresolved(raw)) {
        return { known: false, reason: describeUnresolved(path, raw), unresolved: raw };
      }
      if (raw === null || typeof raw !== 'object') continue;
      const o = raw as Record<string, unknown>;
      origins.push({ label: typeof o.Id === 'string' ? o.Id : `#${i + 1}`, path, raw: o, kind: kindOf(o) });
    }
  }
  const legacyS3 = config.value.S3Origin as Record<string, unknown> | undefined;
  if (legacyS3 && typeof legacyS3 === 'object') {
    const raw = {
      Id: 'S3Origin',
      DomainName: legacyS3.DNSName,
      S3OriginConfig: { OriginAccessIdentity: legacyS3.OriginAccessIdentity },
    };
    origins.push({ label: 'S3Origin', path: 'DistributionConfig.S3Origin', raw, kind: 's3' });
  }
  const legacyCustom = config.value.CustomOrigin as Record<string, unknown> | undefined;
  if (legacyCustom && typeof legacyCustom === 'object') {
    const { DNSName, ...custom } = legacyCustom;
    const raw = { Id: 'CustomOrigin', DomainName: DNSName, CustomOriginConfig: custom };
    origins.push({ label: 'CustomOrigin', path: 'DistributionConfig.CustomOrigin', raw, kind: kindOf(raw) });
  }
  return { known: true, value: origins };
}

/** The default cache behavior and the path-pattern behaviors. */
export function behaviorsOf(distribution: Resource): Known<Behavior[]> {
  const config = configOf(distribution);
  if (!config.known) return config;
  const behaviors: Behavior[] = [];
  const def = known(config.value.DefaultCacheBehavior, 'DistributionConfig.DefaultCacheBehavior');
  if (!def.known) return def;
  if (def.value && typeof def.value === 'object') {
    behaviors.push({
      label: 'default',
      path: 'DistributionConfig.DefaultCacheBehavior',
      raw: def.value as Record<string, unknown>,
    });
  }
  const list = known(config.value.CacheBehaviors, 'DistributionConfig.CacheBehaviors');
  if (!list.known) return list;
  if (Array.isArray(list.value)) {
    for (let i = 0; i < list.value.length; i++) {
      const path = `DistributionConfig.CacheBehaviors.${i}`;
      const raw = list.value[i];
      if (isUnresolved(raw)) return { known: false, reason: describeUnresolved(path, raw), unresolved: raw };
      if (raw === null || typeof raw !== 'object') continue;
      const b = raw as Record<string, unknown>;
      behaviors.push({
        label: typeof b.PathPattern === 'string' ? b.PathPattern : `#${i + 1}`,
        path,
        raw: b,
      });
    }
  }
  return { known: true, value: behaviors };
}

/** The certificate viewers see: CloudFront's default `*.cloudfront.net` one, or a custom (ACM or IAM) one. */
export function certificateOf(distribution: Resource): Known<'default' | 'custom'> {
  const config = configOf(distribution);
  if (!config.known) return config;
  const cert = known(config.value.ViewerCertificate, 'DistributionConfig.ViewerCertificate');
  if (!cert.known) return cert;
  const c = (cert.value ?? {}) as Record<string, unknown>;
  // A reference to a certificate is a custom certificate even when its ARN is known only at deploy.
  if (
    (c.AcmCertificateArn !== undefined && c.AcmCertificateArn !== '') ||
    (c.IamCertificateId !== undefined && c.IamCertificateId !== '')
  ) {
    return { known: true, value: 'custom' };
  }
  return { known: true, value: 'default' };
}
