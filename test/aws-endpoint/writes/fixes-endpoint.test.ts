import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFixTestbed, writeRequests, type FixTestbed } from '../fix-testbed.js';
import {
  applyFixes,
  applyPlan,
  changePlanOf,
  planFixes,
  targetsOfRule,
  undoPlanFor,
} from '../../../src/change/index.js';
import { recordedAccount, type LoggedRequest } from '../index.js';

/**
 * Fix declarations run end to end through the change executor against the local endpoint: the
 * exact write, the finding resolved on re-collection, and the undo restoring the recorded state.
 */

const REGION = 'us-east-1';
const BUCKET = 'example-public-site';
const KEY = '0a1b2c3d-0000-4000-8000-000000000001';

let t: FixTestbed;

beforeEach(async () => {
  t = await openFixTestbed(recordedAccount());
});

afterEach(() => t.close());

const writes = (log: readonly LoggedRequest[]) =>
  writeRequests(log).map((r) => ({ operation: r.operation, params: r.params }));

interface Case {
  rule: string;
  types: string[];
  resource: string;
  params?: Record<string, string>;
  /** The write as the endpoint decoded it (S3 bodies arrive as parsed XML, text values). */
  write: { operation: string; params: Record<string, unknown> };
  state: () => string | undefined;
  before: RegExp;
  after: RegExp;
}

const CASES: Case[] = [
  {
    rule: 's3-bucket-public-access-blocked',
    types: ['AWS::S3::Bucket', 'AWS::S3::AccountPublicAccessBlock'],
    resource: BUCKET,
    write: {
      operation: 'PutPublicAccessBlock',
      params: {
        Bucket: BUCKET,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: 'true',
          IgnorePublicAcls: 'true',
          BlockPublicPolicy: 'true',
          RestrictPublicBuckets: 'true',
        },
      },
    },
    state: () => t.fixtures.get(`s3/${BUCKET}/publicAccessBlock`),
    before: /<BlockPublicPolicy>false<\/BlockPublicPolicy>/,
    after: /<BlockPublicPolicy>true<\/BlockPublicPolicy>/,
  },
  {
    rule: 's3-bucket-default-encryption-kms',
    types: ['AWS::S3::Bucket'],
    resource: BUCKET,
    write: {
      operation: 'PutBucketEncryption',
      params: {
        Bucket: BUCKET,
        ServerSideEncryptionConfiguration: {
          Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: 'true' },
        },
      },
    },
    state: () => t.fixtures.get(`s3/${BUCKET}/encryption`),
    before: /<SSEAlgorithm>AES256<\/SSEAlgorithm>/,
    after: /<SSEAlgorithm>aws:kms<\/SSEAlgorithm>/,
  },
  {
    rule: 'kms-key-rotation-enabled',
    types: ['AWS::KMS::Key'],
    resource: KEY,
    params: { rotationPeriodInDays: '180' },
    write: { operation: 'EnableKeyRotation', params: { KeyId: KEY, RotationPeriodInDays: 180 } },
    state: () => t.fixtures.get(`${REGION}/kms/GetKeyRotationStatus/${KEY}`),
    before: /"KeyRotationEnabled":\s*false/,
    after: /"KeyRotationEnabled":true,"RotationPeriodInDays":180/,
  },
];

describe.each(CASES)('fix $rule against the local endpoint', (c) => {
  it('applies exactly the planned write, resolves the finding, and undo restores the recorded state', async () => {
    const snapshot = await t.snapshotOf(...c.types);
    const targets = targetsOfRule(snapshot, c.rule, c.resource);
    expect(targets.map((t) => t.resource.id)).toEqual([c.resource]);
    const planned = planFixes(targets, c.params ?? {});
    expect(changePlanOf(planned).steps.map((s) => s.call.operation)).toEqual([c.write.operation]);

    t.endpoint.log.length = 0;
    const outcome = await applyFixes(planned, t);
    expect(outcome.refused).toEqual([]);
    expect(writes(t.endpoint.log)).toEqual([c.write]);
    expect(c.state()).toMatch(c.after);
    expect(outcome.verified.map((v) => [v.target.resource.id, v.resolved, v.status])).toEqual([
      [c.resource, true, 'pass'],
    ]);

    const undo = await undoPlanFor(t.journal, outcome.result!.runId);
    expect(undo.notes.map((n) => n.outcome)).toEqual(['reversed']);
    await applyPlan(undo.plan, { dryRun: false, dispatcher: t.dispatcher, journal: t.journal });
    expect(targetsOfRule(await t.snapshotOf(...c.types), c.rule, c.resource)).toHaveLength(1);
  });
});
