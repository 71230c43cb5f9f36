import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-mfa-delete-enabled.js';

const critical = { tags: { 'data-classification': 'critical' } };
const versioned = { VersioningConfiguration: { Status: 'Enabled' } };
/** A live bucket as GetBucketVersioning reports it (MFADelete appears once versioning was configured). */
const live = (
  id: string,
  props: Record<string, unknown>,
  mfaDelete?: string,
  more: { tags: Record<string, string> } = critical,
) =>
  resource('AWS::S3::Bucket', id, props, {
    ...more,
    observed: { CreationDate: '2024-01-01T00:00:00Z', ...(mfaDelete ? { MFADelete: mfaDelete } : {}) },
  });

describe('s3-bucket-mfa-delete-enabled', () => {
  it('reads MFA delete from the live bucket; a template cannot set it', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-mfa-delete-enabled.yaml', import.meta.url),
      {
        resources: [
          live('PassLedger', versioned, 'Enabled'),
          live('FailLedgerMfaOff', versioned, 'Disabled'),
        ],
      },
    );
    expect(findings.find((f) => f.resource.id === 'NotApplicableCriticalInTemplate')?.reason).toContain(
      'only the root user can',
    );
  });

  it('covers never-versioned, lifecycle, uncollected and out-of-scope buckets', () => {
    const findings = expectResources(rule, [
      live('FailNeverVersioned', {}),
      live(
        'NotApplicableLifecycle',
        { ...versioned, LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 30 }] } },
        'Disabled',
      ),
      live('NotApplicableInternalData', versioned, 'Disabled', {
        tags: { 'data-classification': 'internal' },
      }),
      live('ErrorNotCollected', versioned),
      resource('AWS::S3::Bucket', 'ErrorVersioningNotCollected', {}, critical),
    ]);
    expect(findings.find((f) => f.resource.id === 'ErrorNotCollected')?.reason).toContain(
      'was not collected',
    );
  });

  it('applies to every bucket with allBuckets, as CIS 2.1.2 does', () => {
    expectResources(rule, [live('FailAnyBucket', versioned, 'Disabled', { tags: {} })], {
      params: { allBuckets: true },
    });
  });
});
