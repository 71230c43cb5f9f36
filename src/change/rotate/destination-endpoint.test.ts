/**
 * The Secrets Manager destination of `rotate access-key` against the local endpoint: the first
 * rotation creates the secret, the next one puts a new version, the secret holds the new key pair,
 * and the secret access key appears nowhere the tool records or prints.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openChangeJournal, type ChangeJournal } from '../../store/changes/index.js';
import { openRotationStore, type RotationStore } from '../../store/rotation/index.js';
import { cloudroundsInProcess } from '../../../test/e2e/cli.js';
import {
  FAKE_CREDENTIALS,
  RECORDED_ACCOUNT_ID,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
  type FixtureStore,
} from '../../../test/aws-endpoint/index.js';
import { DEFAULT_WRITES } from '../../../test/aws-endpoint/writes.js';
import { iamWrites, markKeyUsed, recordedKeys } from '../../../test/aws-endpoint/writes/iam.js';
import { AwsCallError, createDispatcher, type Dispatcher } from '../dispatch.js';
import { rotateAccessKey, type AccessKeyRotationOptions, type RotationReport } from './access-key.js';
import { SECRET_PLACEHOLDER } from './destination.js';

const USER = 'alice';
const OLD = 'AKIAEXAMPLEALICE0001';
const SECRET_ID = 'rotation/alice';
const T0 = Date.parse('2026-11-22T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rotate-sm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface World {
  at: AwsEndpoint;
  fixtures: FixtureStore;
  secrets: string[];
  dispatcher: Dispatcher;
  store: RotationStore;
  journal: ChangeJournal;
  clock: { now: number };
  run(extra?: Partial<AccessKeyRotationOptions>): Promise<RotationReport>;
}

let worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds) {
    w.dispatcher.destroy();
    await w.store.close();
    await w.journal.close();
    await w.at.close();
  }
  worlds = [];
});

let n = 0;
async function world(): Promise<World> {
  const fixtures = recordedAccount();
  const clock = { now: T0 };
  const iam = iamWrites({ now: () => new Date(clock.now) });
  const at = await startAwsEndpoint({ fixtures, writes: { ...DEFAULT_WRITES, ...iam.handlers } });
  const db = join(dir, `store-${++n}.duckdb`);
  const dispatcher = createDispatcher({
    endpointUrl: at.url,
    credentials: FAKE_CREDENTIALS,
    homeRegion: 'us-east-1',
    client: { maxAttempts: 1 },
  });
  const store = await openRotationStore(db);
  const journal = await openChangeJournal(db);
  const w: World = {
    at,
    fixtures,
    secrets: iam.secrets,
    dispatcher,
    store,
    journal,
    clock,
    run: (extra = {}) =>
      rotateAccessKey({
        user: USER,
        destination: { kind: 'secretsmanager', secretId: SECRET_ID },
        region: 'eu-west-1',
        account: RECORDED_ACCOUNT_ID,
        graceDays: 7,
        keepInactiveDays: 0,
        apply: true,
        dispatcher,
        store,
        journal,
        now: () => new Date(clock.now),
        ...extra,
      }),
  };
  worlds.push(w);
  return w;
}

/** The secret's value at a stage, read back through the endpoint as the SDK reads it. */
async function secretAt(w: World, stage = 'AWSCURRENT'): Promise<Record<string, unknown>> {
  const out = await w.dispatcher.send({
    client: 'secrets-manager',
    operation: 'GetSecretValue',
    input: { SecretId: SECRET_ID, VersionStage: stage },
    action: 'secretsmanager:GetSecretValue',
    account: RECORDED_ACCOUNT_ID,
    region: 'eu-west-1',
  });
  return JSON.parse(String(out.SecretString)) as Record<string, unknown>;
}

function smCall(w: World, operation: string, input: Record<string, unknown>, region = 'eu-west-1') {
  return w.dispatcher.send({
    client: 'secrets-manager',
    operation,
    input,
    action: `secretsmanager:${operation}`,
    account: RECORDED_ACCOUNT_ID,
    region,
  });
}

const smCalls = (w: World, from = 0) =>
  w.at.log
    .slice(from)
    .filter((l) => l.service === 'secretsmanager')
    .map((l) => `${l.operation} ${l.status}`);

/** Runs until the rotation is done: the new key is used, the old one deactivated and deleted. */
async function finish(w: World, report: RotationReport): Promise<RotationReport> {
  markKeyUsed(w.fixtures, USER, report.newKeyId!, new Date(w.clock.now + HOUR).toISOString());
  w.clock.now += 2 * HOUR;
  const done = await w.run();
  expect(done.state).toBe('done');
  return done;
}

describe('rotate access-key to Secrets Manager, against the local endpoint', () => {
  it('creates the secret, then puts a new version on the next rotation; the secret never leaks', async () => {
    const w = await world();
    const reports: RotationReport[] = [];

    // Rotation 1: the secret does not exist, so DescribeSecret answers ResourceNotFoundException
    // and the key goes in with CreateSecret, in the region the destination names.
    const r1 = await w.run();
    reports.push(r1);
    expect(r1.state).toBe('stored');
    expect(smCalls(w)).toEqual(['DescribeSecret 400', 'CreateSecret 200']);
    expect(w.at.log.filter((l) => l.service === 'secretsmanager').map((l) => l.region)).toEqual([
      'eu-west-1',
      'eu-west-1',
    ]);
    const first = { AccessKeyId: r1.newKeyId, SecretAccessKey: w.secrets[0] };
    expect(await secretAt(w)).toEqual(first);
    const created = w.at.log.find((l) => l.operation === 'CreateSecret')!;
    expect(created.params).toMatchObject({ Name: SECRET_ID, Description: expect.stringContaining(USER) });
    reports.push(await finish(w, r1));
    expect(recordedKeys(w.fixtures, USER)).toEqual([{ id: r1.newKeyId, status: 'Active' }]);

    // Rotation 2 (a week later): the secret exists, so a new version goes in with PutSecretValue;
    // the previous key pair stays readable as AWSPREVIOUS.
    w.clock.now = T0 + 7 * DAY;
    const mark = w.at.log.length;
    const r2 = await w.run();
    reports.push(r2);
    expect(r2.state).toBe('stored');
    expect(r2.oldKeyId).toBe(r1.newKeyId);
    expect(smCalls(w, mark)).toEqual(['DescribeSecret 200', 'PutSecretValue 200']);
    expect(await secretAt(w)).toEqual({ AccessKeyId: r2.newKeyId, SecretAccessKey: w.secrets[1] });
    expect(await secretAt(w, 'AWSPREVIOUS')).toEqual(first);
    reports.push(await finish(w, r2));
    expect(recordedKeys(w.fixtures, USER)).toEqual([{ id: r2.newKeyId, status: 'Active' }]);

    // The endpoint received the secrets; nothing the tool keeps or returns holds them.
    expect(w.secrets).toHaveLength(2);
    const runs = await Promise.all(reports.flatMap((r) => r.changeRuns).map((id) => w.journal.getRun(id)));
    expect(runs.every((r) => r !== undefined)).toBe(true);
    const journalled = JSON.stringify(runs);
    expect(journalled).toContain('CreateSecret');
    expect(journalled).toContain('PutSecretValue');
    expect(journalled).toContain(SECRET_PLACEHOLDER);
    const kept = [journalled, JSON.stringify(reports), JSON.stringify(await w.store.list())];
    for (const secret of w.secrets) for (const text of kept) expect(text).not.toContain(secret);
  });

  it('resumes a rotation interrupted before delivery: no secret yet, so the undelivered key is replaced', async () => {
    const w = await world();
    const crashed = await w.run({ maxTransitions: 1 });
    expect(crashed.state).toBe('creating');
    expect(smCalls(w)).toEqual([]);
    const resumed = await w.run();
    expect(resumed.state).toBe('stored');
    // GetSecretValue of a secret that does not exist answers ResourceNotFoundException.
    expect(smCalls(w)).toEqual(['GetSecretValue 400', 'DescribeSecret 400', 'CreateSecret 200']);
    expect(resumed.newKeyId).not.toBe(crashed.newKeyId);
    expect(await secretAt(w)).toEqual({ AccessKeyId: resumed.newKeyId, SecretAccessKey: w.secrets[1] });
    expect(recordedKeys(w.fixtures, USER).map((k) => k.id)).toEqual([OLD, resumed.newKeyId]);
  });

  it('resumes a rotation interrupted after delivery: the secret holds the key, nothing is made again', async () => {
    const w = await world();
    const crashed = await w.run({ maxTransitions: 1 });
    // The delivery happened, but the store still says "creating".
    await smCall(w, 'CreateSecret', {
      Name: SECRET_ID,
      SecretString: JSON.stringify({ AccessKeyId: crashed.newKeyId, SecretAccessKey: w.secrets[0] }),
    });
    const mark = w.at.log.length;
    const resumed = await w.run();
    expect(resumed.state).toBe('stored');
    expect(resumed.newKeyId).toBe(crashed.newKeyId);
    expect(smCalls(w, mark)).toEqual(['GetSecretValue 200']);
    expect(w.at.log.slice(mark).filter((l) => /^(Create|Delete|Put|Update)/.test(l.operation))).toEqual([]);
  });

  it('does not delete the new key when the secret cannot be read (access denied)', async () => {
    const w = await world();
    const crashed = await w.run({ maxTransitions: 1 });
    w.at.faults.deny = ['secretsmanager:GetSecretValue'];
    const mark = w.at.log.length;
    await expect(w.run()).rejects.toThrow(/GetSecretValue|not authorized|AccessDenied/);
    expect(w.at.log.slice(mark).filter((l) => l.operation === 'DeleteAccessKey')).toEqual([]);
    expect(recordedKeys(w.fixtures, USER).map((k) => k.id)).toEqual([OLD, crashed.newKeyId]);
  });

  it('answers Secrets Manager errors as AWS does', async () => {
    const w = await world();
    const call = (operation: string, input: Record<string, unknown>) => smCall(w, operation, input);
    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'ok';
      } catch (error) {
        if (error instanceof AwsCallError) return error.error.code;
        throw error;
      }
    };
    expect(await code(call('PutSecretValue', { SecretId: 'nope', SecretString: 'x' }))).toBe(
      'ResourceNotFoundException',
    );
    expect(await code(call('CreateSecret', { Name: 'team/ci', SecretString: 'v1' }))).toBe('ok');
    expect(await code(call('CreateSecret', { Name: 'team/ci', SecretString: 'v2' }))).toBe(
      'ResourceExistsException',
    );
    const described = await call('DescribeSecret', { SecretId: 'team/ci' });
    expect(described.ARN).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:111122223333:secret:team\/ci-[A-Za-z0-9]{6}$/,
    );
    // By ARN too; the secret is regional.
    expect(await code(call('GetSecretValue', { SecretId: described.ARN }))).toBe('ok');
    expect(await code(smCall(w, 'GetSecretValue', { SecretId: 'team/ci' }, 'us-east-1'))).toBe(
      'ResourceNotFoundException',
    );
    expect(await code(call('GetSecretValue', { SecretId: 'team/ci', VersionStage: 'AWSPREVIOUS' }))).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('cloudrounds rotate access-key --to secretsmanager:ID', () => {
  it('prints no secret, and the stored secret holds the key the report names', async () => {
    const iam = iamWrites();
    const at = await startAwsEndpoint({
      fixtures: recordedAccount(),
      writes: { ...DEFAULT_WRITES, ...iam.handlers },
    });
    try {
      const env = {
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        AWS_REGION: 'eu-west-1',
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        CLOUDROUNDS_HOME: join(dir, 'cli-home'),
      };
      writeFileSync(join(dir, 'no-credentials'), '');
      const args = ['rotate', 'access-key', '--user', USER, '--to', `secretsmanager:${SECRET_ID}`];
      const common = ['--endpoint-url', at.url, '--store', join(dir, 'cli.duckdb')];
      const text = await cloudroundsInProcess([...args, ...common, '--apply', '--yes'], { env });
      expect(text.stderr).not.toMatch(/Error/);
      expect(text.code).toBe(0);
      const json = await cloudroundsInProcess([...args, ...common, '--json'], { env });
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout) as { newKeyId: string; state: string };
      expect(report.state).toBe('stored');
      const put = at.log.filter((l) => l.service === 'secretsmanager' && l.operation === 'CreateSecret');
      expect(put).toHaveLength(1);
      expect(JSON.parse(String(put[0]!.params.SecretString))).toEqual({
        AccessKeyId: report.newKeyId,
        SecretAccessKey: iam.secrets[0],
      });
      for (const out of [text.stdout, text.stderr, json.stdout, json.stderr])
        expect(out).not.toContain(iam.secrets[0]!);
    } finally {
      await at.close();
    }
  });
});
