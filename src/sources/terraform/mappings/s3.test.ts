import { describe, expect, it } from 'vitest';
import { byId, loadPlan, makePlan, makeState, ref, type PlanResource } from '../fixtures/make-plan.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

const load = (resources: PlanResource[]) => loadPlan(makePlan(resources, { region: 'us-east-1' }));
const loadState = (resources: Parameters<typeof makeState>[0]) => loadPlan(makeState(resources));

describe('S3 bucket ACLs', () => {
  it('maps aws_s3_bucket_acl grants to GetBucketAcl’s shape, where the S3 rules read a live ACL', () => {
    const s = load([
      { address: 'aws_s3_bucket.site', after: { bucket: 'site' }, unknown: { id: true, arn: true } },
      {
        address: 'aws_s3_bucket_acl.site',
        after: {
          bucket: 'site',
          access_control_policy: [
            {
              grant: [
                { grantee: [{ type: 'Group', uri: ALL_USERS }], permission: 'READ' },
                { grantee: [{ type: 'CanonicalUser', id: 'owner-id' }], permission: 'FULL_CONTROL' },
              ],
              owner: [{ id: 'owner-id' }],
            },
          ],
        },
      },
    ]);
    expect(byId(s, 'aws_s3_bucket.site').props.AccessControlPolicy).toEqual({
      Grants: [
        { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' },
        { Grantee: { Type: 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' },
      ],
      Owner: { ID: 'owner-id' },
    });
  });

  it('maps the bucket’s own grant blocks, one grant per permission', () => {
    const s = loadState([
      {
        address: 'aws_s3_bucket.legacy',
        values: {
          id: 'legacy',
          bucket: 'legacy',
          grant: [
            { id: '', type: 'Group', uri: ALL_USERS, permissions: ['READ', 'READ_ACP'] },
            { id: 'owner-id', type: 'CanonicalUser', uri: '', permissions: ['FULL_CONTROL'] },
          ],
        },
      },
    ]);
    expect(byId(s, 'aws_s3_bucket.legacy').props.AccessControlPolicy).toEqual({
      Grants: [
        { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' },
        { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ_ACP' },
        { Grantee: { Type: 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' },
      ],
    });
  });
});

describe('S3 buckets that already exist', () => {
  it('marks a bucket of a state, or one a plan keeps or updates, as existing; not one it creates or replaces', () => {
    const state = loadState([{ address: 'aws_s3_bucket.old', values: { id: 'old', bucket: 'old' } }]);
    expect(byId(state, 'aws_s3_bucket.old').origin.exists).toBe(true);
    const plan = load([
      { address: 'aws_s3_bucket.new', after: { bucket: 'new' }, unknown: { id: true, arn: true } },
      { address: 'aws_s3_bucket.kept', after: { id: 'kept', bucket: 'kept' }, actions: ['no-op'] },
      { address: 'aws_s3_bucket.changed', after: { id: 'changed', bucket: 'changed' }, actions: ['update'] },
      {
        address: 'aws_s3_bucket.replaced',
        after: { bucket: 'replaced' },
        unknown: { id: true },
        actions: ['delete', 'create'],
      },
    ]);
    expect(byId(plan, 'aws_s3_bucket.new').origin.exists).toBeUndefined();
    expect(byId(plan, 'aws_s3_bucket.kept').origin.exists).toBe(true);
    expect(byId(plan, 'aws_s3_bucket.changed').origin.exists).toBe(true);
    expect(byId(plan, 'aws_s3_bucket.replaced').origin.exists).toBeUndefined();
  });
});

describe('S3 replication', () => {
  it('maps source_selection_criteria to CloudFormation’s SourceSelectionCriteria', () => {
    const s = load([
      { address: 'aws_s3_bucket.src', after: { bucket: 'src' } },
      {
        address: 'aws_s3_bucket_replication_configuration.src',
        after: {
          bucket: 'src',
          role: 'arn:aws:iam::123456789012:role/replication',
          rule: [
            {
              id: 'kms',
              status: 'Enabled',
              source_selection_criteria: [
                {
                  sse_kms_encrypted_objects: [{ status: 'Enabled' }],
                  replica_modifications: [{ status: 'Enabled' }],
                },
              ],
              destination: [
                {
                  encryption_configuration: [
                    { replica_kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/k' },
                  ],
                },
              ],
            },
          ],
        },
        unknown: { rule: [{ destination: [{ bucket: true }] }] },
        expressions: {
          bucket: ref('aws_s3_bucket.src.id', 'aws_s3_bucket.src'),
          rule: [{ destination: [{ bucket: ref('aws_s3_bucket.dst.arn', 'aws_s3_bucket.dst') }] }],
        },
      },
    ]);
    const [rule] = (byId(s, 'aws_s3_bucket.src').props.ReplicationConfiguration as { Rules: unknown[] })
      .Rules;
    expect(rule).toMatchObject({
      SourceSelectionCriteria: {
        SseKmsEncryptedObjects: { Status: 'Enabled' },
        ReplicaModifications: { Status: 'Enabled' },
      },
      Destination: {
        EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k' },
      },
    });
  });

  it('maps the pre-4.0 inline `enabled` flag to a status', () => {
    const s = load([
      {
        address: 'aws_s3_bucket.old',
        after: {
          bucket: 'old',
          replication_configuration: [
            {
              role: 'arn:aws:iam::123456789012:role/replication',
              rules: [
                {
                  status: 'Enabled',
                  source_selection_criteria: [{ sse_kms_encrypted_objects: [{ enabled: true }] }],
                  destination: [{ bucket: 'arn:aws:s3:::old-dr' }],
                },
              ],
            },
          ],
        },
      },
    ]);
    const config = byId(s, 'aws_s3_bucket.old').props.ReplicationConfiguration as { Rules: unknown[] };
    expect(config.Rules[0]).toMatchObject({
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
    });
  });
});
