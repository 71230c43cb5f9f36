import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import { unreadReason } from '../unread.js';
import { RECORD_SET, RECORD_SET_GROUP, recordsOf, type DnsRecord } from './records.js';

const BUCKET = 'AWS::S3::Bucket';
// s3-website-us-east-1.amazonaws.com. (older regions) or s3-website.eu-central-1.amazonaws.com.
// https://docs.aws.amazon.com/general/latest/gr/s3.html#s3_website_region_endpoints
const WEBSITE_ENDPOINT = /^s3-website[.-]([a-z0-9-]+)\.amazonaws\.com(\.cn)?\.?$/i;

/** The S3 website region a record aliases, or `undefined` when it aliases something else. */
function websiteRegion(record: DnsRecord): string | undefined {
  const dns = (record.props.AliasTarget as { DNSName?: unknown } | undefined)?.DNSName;
  if (typeof dns !== 'string') return undefined;
  return WEBSITE_ENDPOINT.exec(dns)?.[1]?.toLowerCase();
}

/** Why one aliased record does not reach a bucket; `undefined` when it does. */
function problem(
  record: DnsRecord,
  region: string,
  owner: Resource,
  graph: GraphView,
): { text: string; unknown?: true } | undefined {
  const host = String(record.props.Name ?? '')
    .replace(/\.$/, '')
    .toLowerCase();
  const bucket = graph.resolve(host, BUCKET, owner);
  if (!bucket) {
    // Buckets are listed once per account (ListBuckets); a listing that failed may hide this one.
    const unread = unreadReason(graph, BUCKET, owner.account);
    if (unread) {
      return {
        unknown: true,
        text: `whether bucket ${host} exists in account ${owner.account} is not known (${unread})`,
      };
    }
    const sameAccount = graph.inAccount(BUCKET, owner.account);
    if (sameAccount.length === 0) {
      return {
        unknown: true,
        text: `no buckets of account ${owner.account} are in the snapshot, so bucket ${host} cannot be checked`,
      };
    }
    return {
      text: `${record.name} aliases the S3 website endpoint in ${region}, which serves the bucket named ${host}, but no bucket of that name is in the snapshot of its account`,
    };
  }
  if (bucket.region !== 'unknown' && bucket.region !== region) {
    return {
      text: `${record.name} aliases the S3 website endpoint in ${region}, but bucket ${label(bucket)} is in ${bucket.region}`,
    };
  }
  if (bucket.props.WebsiteConfiguration === undefined) {
    return {
      text: `${record.name} aliases the S3 website endpoint, but bucket ${label(bucket)} has no website configuration`,
    };
  }
  return undefined;
}

/**
 * Compliant: a record that aliases an S3 website endpoint has a bucket named exactly like the
 * record (without the trailing dot), in the endpoint's region, with website hosting configured.
 * The website endpoint picks the bucket from the request's Host header, so any other name answers
 * NoSuchBucket. Records that alias anything else are not applicable.
 */
export default defineRule({
  id: 'route53-record-s3-website-bucket-matches-name',
  title: 'Route 53 alias to an S3 website endpoint has a bucket named like the record',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [RECORD_SET, RECORD_SET_GROUP],
  rationale:
    'An S3 website endpoint serves the bucket whose name equals the host name of the request: companya.com is served from bucket companya.com, blog.companya.com only from bucket blog.companya.com. An alias to the endpoint without a bucket of that exact name answers 404 NoSuchBucket, and a name nobody owns can be claimed by anyone who creates the bucket, serving their content under your domain.',
  remediation: {
    text: 'Create (or rename to) a bucket named exactly like the record, in the region of the endpoint, with static website hosting; or point the record at CloudFront in front of the existing bucket.',
    cli: 'aws s3api create-bucket --bucket <record-name> --region <region>\naws s3 website s3://<record-name>/ --index-document index.html --error-document error.html',
    cloudformation:
      'SiteBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketName: blog.example.com  # exactly the record name\n    WebsiteConfiguration:\n      IndexDocument: index.html',
    terraform:
      'resource "aws_s3_bucket" "site" {\n  bucket = "blog.example.com"  # exactly the record name\n}\n\nresource "aws_s3_bucket_website_configuration" "site" {\n  bucket = aws_s3_bucket.site.id\n  index_document {\n    suffix = "index.html"\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/website-hosting-custom-domain-walkthrough.html',
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/RoutingToS3Bucket.html',
  ],
  evaluate(resource, ctx) {
    const who =
      resource.type === RECORD_SET
        ? `Route 53 record ${label(resource)}`
        : `Route 53 record set group ${label(resource)}`;
    const aliased = recordsOf(resource)
      .map((r) => [r, websiteRegion(r)] as const)
      .filter((pair): pair is readonly [DnsRecord, string] => pair[1] !== undefined);
    if (aliased.length === 0) return notApplicable(() => `${who} does not alias an S3 website endpoint.`);
    const problems = aliased
      .map(([r, region]) => problem(r, region, resource, ctx.graph))
      .filter((p) => p !== undefined);
    const certain = problems.filter((p) => !p.unknown);
    if (certain.length > 0) return fail(`${who}: ${certain.map((p) => p.text).join('; ')}.`);
    if (problems.length > 0) return error(`${who}: ${problems.map((p) => p.text).join('; ')}.`);
    return pass(() => `${who} aliases the S3 website endpoint of a bucket named like the record.`);
  },
});
