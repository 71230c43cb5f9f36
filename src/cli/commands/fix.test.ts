import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_CREDENTIALS,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
  type FixtureStore,
  type LoggedRequest,
} from '../../../test/aws-endpoint/index.js';
import { binBuilt, binPath } from '../../../test/e2e/cli.js';
import { fixAnswerSchema, undoAnswerSchema } from '../../change/schema.js';

/** Runs the built CLI without blocking this process, which serves the endpoint it talks to. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_CONFIG_FILE: join(tmpdir(), 'cloudrounds-no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'cloudrounds-no-credentials'),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // stdin is a pipe, not a terminal: --apply without --yes must refuse.
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

// GenerateCredentialReport is part of collection (the read-only policy grants it).
const READ = /^(Get|List|Describe|Head|GenerateCredentialReport$)/;
const writes = (log: readonly LoggedRequest[]) =>
  log
    .filter((r) => !READ.test(r.operation))
    .map((r) => `${r.service}:${r.operation} ${JSON.stringify(r.params)}`);

describe.skipIf(!binBuilt)('cloudrounds fix / undo against the local endpoint', () => {
  let endpoint: AwsEndpoint;
  let fixtures: FixtureStore;
  let dir: string;
  let db: string;
  let live: string[];
  beforeAll(async () => {
    fixtures = recordedAccount();
    endpoint = await startAwsEndpoint({ fixtures });
    dir = mkdtempSync(join(tmpdir(), 'cloudrounds-fix-cli-'));
    db = join(dir, 'store.duckdb');
    live = ['--source', 'aws', '--endpoint-url', endpoint.url, '--regions', 'us-east-1', '--db', db];
  });
  afterAll(async () => {
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the plan by default and makes no write call', async () => {
    const dry = await run(['fix', '--rule', 's3-bucket-versioning-enabled', ...live, '--json']);
    expect(dry.stderr).not.toMatch(/error:/);
    expect(dry.code).toBe(0);
    const answer = fixAnswerSchema.parse(JSON.parse(dry.stdout));
    expect(answer.dryRun).toBe(true);
    expect(answer.fixes.map((f) => [f.resource.id, f.steps.map((s) => s.call.operation)])).toEqual([
      ['example-public-site', ['PutBucketVersioning']],
    ]);
    expect(writes(endpoint.log)).toEqual([]);

    const text = await run(['fix', '--rule', 's3-bucket-versioning-enabled', ...live]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      's3:PutBucketVersioning {"Bucket":"example-public-site","VersioningConfiguration":{"Status":"Enabled"}}',
    );
    expect(text.stdout).toMatch(
      /finding [0-9a-f]{32}: S3 bucket example-public-site has versioning suspended/,
    );
    expect(text.stdout).toMatch(/Dry run: nothing was changed/);
    expect(writes(endpoint.log)).toEqual([]);
  });

  it('refuses --apply without --yes when stdin is not a terminal', async () => {
    const refused = await run(['fix', '--rule', 's3-bucket-versioning-enabled', ...live, '--apply']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/add --yes/);
    expect(writes(endpoint.log)).toEqual([]);
  });

  it('applies with --apply --yes, shows the finding resolved, and undo puts the bucket back', async () => {
    endpoint.log.length = 0;
    const applied = await run([
      'fix',
      '--rule',
      's3-bucket-versioning-enabled',
      '--resource',
      'example-public-site',
      ...live,
      '--apply',
      '--yes',
      '--json',
    ]);
    expect(applied.stderr).not.toMatch(/error:/);
    expect(applied.code).toBe(0);
    const answer = fixAnswerSchema.parse(JSON.parse(applied.stdout));
    expect(answer.applied?.status).toBe('applied');
    expect(answer.verified.map((v) => [v.resource.id, v.resolved])).toEqual([['example-public-site', true]]);
    expect(writes(endpoint.log)).toEqual([
      's3:PutBucketVersioning {"Bucket":"example-public-site","VersioningConfiguration":{"Status":"Enabled"}}',
    ]);
    expect(fixtures.get('s3/example-public-site/versioning')).toMatch(/<Status>Enabled<\/Status>/);

    const runId = String(answer.applied!.runId);
    const plan = await run(['undo', runId, '--db', db, '--json']);
    expect(plan.code).toBe(0);
    const undo = undoAnswerSchema.parse(JSON.parse(plan.stdout));
    expect(undo.notes.map((n) => [n.outcome, n.call?.input])).toEqual([
      ['reversed', { Bucket: 'example-public-site', VersioningConfiguration: { Status: 'Suspended' } }],
    ]);
    endpoint.log.length = 0;
    const undone = await run(['undo', runId, '--db', db, '--endpoint-url', endpoint.url, '--apply', '--yes']);
    expect(undone.stderr).not.toMatch(/error:/);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toMatch(/\(the undo\): applied/);
    expect(writes(endpoint.log)).toEqual([
      's3:PutBucketVersioning {"Bucket":"example-public-site","VersioningConfiguration":{"Status":"Suspended"}}',
    ]);
    expect(fixtures.get('s3/example-public-site/versioning')).toMatch(/<Status>Suspended<\/Status>/);
  });

  it('fixes a finding by the id daily recorded', async () => {
    const report = join(dir, 'daily.json');
    const daily = await run(['daily', ...live, '--json', report]);
    expect(daily.code).toBe(0);
    const findings = (
      JSON.parse(readFileSync(report, 'utf8')) as {
        findings: Array<{ key: string; ruleId: string; status: string }>;
      }
    ).findings;
    const imds = findings.find((f) => f.ruleId === 'ec2-instance-imdsv2-required' && f.status === 'fail');
    expect(imds).toBeDefined();
    endpoint.log.length = 0;
    const applied = await run([
      'fix',
      imds!.key,
      '--db',
      db,
      '--endpoint-url',
      endpoint.url,
      '--apply',
      '--yes',
    ]);
    expect(applied.stderr).not.toMatch(/error:/);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/RESOLVED AWS::EC2::Instance i-0a1b2c3d4e5f60072/);
    expect(writes(endpoint.log)).toEqual([
      'ec2:ModifyInstanceMetadataOptions {"InstanceId":"i-0a1b2c3d4e5f60072","HttpTokens":"required"}',
    ]);
  });

  it('policy --fix prints the write actions apart from the read-only policy', async () => {
    const policy = await run(['policy', '--fix']);
    expect(policy.code).toBe(0);
    const document = JSON.parse(policy.stdout) as { Statement: Array<{ Sid: string; Action: string[] }> };
    const fix = document.Statement.find((s) => s.Sid === 'CloudroundsFix');
    expect(fix?.Action).toEqual(
      expect.arrayContaining(['s3:PutBucketVersioning', 'ec2:ModifyInstanceMetadataOptions']),
    );
    expect(fix?.Action.some((a) => /:(Get|List|Describe)/.test(a))).toBe(false);
  });
});
