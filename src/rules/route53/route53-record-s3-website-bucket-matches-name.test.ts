import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './route53-record-s3-website-bucket-matches-name.js';

const RECORD = 'AWS::Route53::RecordSet';
const alias = (Name: string, region = 'us-east-1') => ({
  Name,
  Type: 'A',
  AliasTarget: { DNSName: `s3-website-${region}.amazonaws.com.`, HostedZoneId: 'Z3AQBSTGFYJSTF' },
});

describe('route53-record-s3-website-bucket-matches-name', () => {
  it('needs a website bucket named exactly like the record', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/route53-record-s3-website-bucket-matches-name.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailBucketNamedDifferently')?.reason).toContain(
      'serves the bucket named blog.example.com, but no bucket of that name is in the snapshot',
    );
  });

  it('checks the region of live buckets, and cannot judge an account whose buckets were not read', () => {
    expectResources(rule, [
      resource(
        'AWS::S3::Bucket',
        'eu.example.com',
        { WebsiteConfiguration: { IndexDocument: 'index.html' } },
        { region: 'eu-west-1' },
      ),
      resource(RECORD, 'FailBucketInAnotherRegion', alias('eu.example.com.'), { region: 'global' }),
      resource(RECORD, 'ErrorBucketsNotCollected', alias('shop.example.org.'), {
        region: 'global',
        account: '210987654321',
      }),
    ]);
  });
  it('does not call a bucket missing when the bucket listing of the account failed', () => {
    const findings = expectResources(
      rule,
      [
        resource('AWS::S3::Bucket', 'other.example.com', {}),
        resource(RECORD, 'ErrorBucketsUnread', alias('shop.example.com.'), { region: 'global' }),
      ],
      { coverage: [deniedListing('AWS::S3::Bucket', '123456789012', 'global')] },
    );
    expect(findings[0]?.reason).toContain(
      'whether bucket shop.example.com exists in account 123456789012 is not known',
    );
  });
});
