import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyFixes,
  applyPlan,
  changePlanOf,
  createDispatcher,
  planFixes,
  targetsOfRule,
  undoPlanFor,
  type AwsConnection,
  type Dispatcher,
} from '../../../src/change/index.js';
import type { Snapshot } from '../../../src/model/index.js';
import { collectAws } from '../../../src/sources/aws/collect.js';
import { COLLECTORS } from '../../../src/sources/aws/collectors/index.js';
import { openChangeJournal, type ChangeJournal } from '../../../src/store/changes/index.js';
import {
  FAKE_CREDENTIALS,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
  type FixtureStore,
  type LoggedRequest,
} from '../index.js';

/**
 * Fix declarations run end to end through the change executor against the local endpoint: the
 * exact write, the finding resolved on re-collection, and the undo restoring the recorded state.
 */

const REGION = 'us-east-1';
const BUCKET = 'example-public-site';
const KEY = '0a1b2c3d-0000-4000-8000-000000000001';

let endpoint: AwsEndpoint;
let fixtures: FixtureStore;
let connection: AwsConnection;
let dispatcher: Dispatcher;
let journal: ChangeJournal;
let dir: string;

beforeEach(async () => {
  fixtures = recordedAccount();
  endpoint = await startAwsEndpoint({ fixtures });
  connection = { endpointUrl: endpoint.url, credentials: FAKE_CREDENTIALS, homeRegion: REGION };
  dispatcher = createDispatcher(connection);
  dir = mkdtempSync(join(tmpdir(), 'cloudrounds-fixes-'));
  journal = await openChangeJournal(join(dir, 'store.duckdb'));
});

afterEach(async () => {
  dispatcher.destroy();
  await journal.close();
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

async function snapshotOf(...types: string[]): Promise<Snapshot> {
  const collectors = COLLECTORS.filter((c) => c.resourceTypes.some((t) => types.includes(t)));
  const { snapshot } = await collectAws({ ...connection, collectors, regions: [REGION] });
  return snapshot;
}

const READ = /^(Get|List|Describe|Head|GenerateCredentialReport$)/;
const writes = (log: readonly LoggedRequest[]) =>
  log.filter((r) => !READ.test(r.operation)).map((r) => ({ operation: r.operation, params: r.params }));

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
    state: () => fixtures.get(`s3/${BUCKET}/publicAccessBlock`),
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
    state: () => fixtures.get(`s3/${BUCKET}/encryption`),
    before: /<SSEAlgorithm>AES256<\/SSEAlgorithm>/,
    after: /<SSEAlgorithm>aws:kms<\/SSEAlgorithm>/,
  },
  {
    rule: 'kms-key-rotation-enabled',
    types: ['AWS::KMS::Key'],
    resource: KEY,
    params: { rotationPeriodInDays: '180' },
    write: { operation: 'EnableKeyRotation', params: { KeyId: KEY, RotationPeriodInDays: 180 } },
    state: () => fixtures.get(`${REGION}/kms/GetKeyRotationStatus/${KEY}`),
    before: /"KeyRotationEnabled":\s*false/,
    after: /"KeyRotationEnabled":true,"RotationPeriodInDays":180/,
  },
];

describe.each(CASES)('fix $rule against the local endpoint', (c) => {
  it('applies exactly the planned write, resolves the finding, and undo restores the recorded state', async () => {
    const snapshot = await snapshotOf(...c.types);
    const targets = targetsOfRule(snapshot, c.rule, c.resource);
    expect(targets.map((t) => t.resource.id)).toEqual([c.resource]);
    const planned = planFixes(targets, c.params ?? {});
    expect(changePlanOf(planned).steps.map((s) => s.call.operation)).toEqual([c.write.operation]);

    endpoint.log.length = 0;
    const outcome = await applyFixes(planned, { connection, dispatcher, journal });
    expect(outcome.refused).toEqual([]);
    expect(writes(endpoint.log)).toEqual([c.write]);
    expect(c.state()).toMatch(c.after);
    expect(outcome.verified.map((v) => [v.target.resource.id, v.resolved, v.status])).toEqual([
      [c.resource, true, 'pass'],
    ]);

    const undo = await undoPlanFor(journal, outcome.result!.runId);
    expect(undo.notes.map((n) => n.outcome)).toEqual(['reversed']);
    await applyPlan(undo.plan, { dryRun: false, dispatcher, journal });
    expect(targetsOfRule(await snapshotOf(...c.types), c.rule, c.resource)).toHaveLength(1);
  });
});
