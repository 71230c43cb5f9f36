import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { openChangeJournal, type ChangeJournal } from '../../store/changes/index.js';
import { openRotationStore, type RotationStore } from '../../store/rotation/index.js';
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
import { createDispatcher, type Dispatcher } from '../dispatch.js';
import { undoPlanFor } from '../undo.js';
import { rotateAccessKey, type AccessKeyRotationOptions } from './access-key.js';
import { profileKeyId } from './destination.js';

const USER = 'alice';
const OLD = 'AKIAEXAMPLEALICE0001';
const T0 = Date.parse('2026-11-22T10:00:00Z');
const HOUR = 3_600_000;
const WRITES = new Set([
  'CreateAccessKey',
  'UpdateAccessKey',
  'DeleteAccessKey',
  'PutSecretValue',
  'CreateSecret',
]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rotate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface World {
  at: AwsEndpoint;
  fixtures: FixtureStore;
  secrets: string[];
  dispatcher: Dispatcher;
  store: RotationStore;
  journal: ChangeJournal;
  file: string;
  clock: { now: number };
  run(extra?: Partial<AccessKeyRotationOptions>): ReturnType<typeof rotateAccessKey>;
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
  const file = join(dir, `credentials-${n}`);
  writeFileSync(
    file,
    '# team profiles\n[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n\n[alice]\naws_access_key_id = AKIAEXAMPLEALICE0001\naws_secret_access_key = old-secret\nregion = eu-west-1\n',
  );
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
    file,
    clock,
    run: (extra = {}) =>
      rotateAccessKey({
        user: USER,
        destination: { kind: 'profile', profile: 'alice' },
        account: RECORDED_ACCOUNT_ID,
        graceDays: 7,
        keepInactiveDays: 7,
        apply: true,
        dispatcher,
        store,
        journal,
        now: () => new Date(clock.now),
        credentialsFile: file,
        ...extra,
      }),
  };
  worlds.push(w);
  return w;
}

const writesIn = (w: World, from = 0) => w.at.log.slice(from).filter((l) => WRITES.has(l.operation));

describe('rotate access-key against the local endpoint', () => {
  it('a dry run reads, plans CreateAccessKey, and writes nothing (AWS, store, file)', async () => {
    const w = await world();
    const before = readFileSync(w.file, 'utf8');
    const report = await w.run({ apply: false });
    expect(report.state).toBe('not-started');
    expect(report.planned.map((c) => c.operation)).toEqual(['CreateAccessKey']);
    expect(writesIn(w)).toEqual([]);
    expect(await w.store.list()).toEqual([]);
    expect(readFileSync(w.file, 'utf8')).toBe(before);
  });

  it('runs the whole rotation over several runs, each advancing as far as it may', async () => {
    const w = await world();
    // Run 1: the new key is created and stored in the profile; the old one stays until the new one is used.
    const r1 = await w.run();
    expect(r1.state).toBe('stored');
    const newKey = r1.newKeyId!;
    expect(newKey).toMatch(/^AKIA/);
    const text = readFileSync(w.file, 'utf8');
    expect(profileKeyId(text, 'alice')).toBe(newKey);
    expect(text).toContain(w.secrets[0]!);
    expect(text).toContain('# team profiles\n[default]\naws_access_key_id = AKIAOTHER');
    expect(text).toContain('region = eu-west-1');
    expect(statSync(w.file).mode & 0o777).toBe(0o600);
    expect(r1.waiting).toMatch(/waiting for the new key/);
    expect(recordedKeys(w.fixtures, USER)).toEqual([
      { id: OLD, status: 'Active' },
      { id: newKey, status: 'Active' },
    ]);

    // Run 2: no proof of use yet and the grace period runs: nothing is written.
    w.clock.now = T0 + 2 * HOUR;
    const mark = w.at.log.length;
    const r2 = await w.run();
    expect(r2.state).toBe('stored');
    expect(writesIn(w, mark)).toEqual([]);

    // The new key is used (after the old one's last use): run 3 deactivates the old key.
    markKeyUsed(w.fixtures, USER, newKey, new Date(T0 + 3 * HOUR).toISOString());
    w.clock.now = T0 + 4 * HOUR;
    const r3 = await w.run();
    expect(r3.state).toBe('deactivated');
    expect(recordedKeys(w.fixtures, USER)).toContainEqual({ id: OLD, status: 'Inactive' });
    expect(r3.waiting).toMatch(/inactive since/);
    // Until the deletion, undo of the deactivation run reactivates the old key.
    const undo = await undoPlanFor(w.journal, r3.changeRuns[0]!);
    expect(undo.plan.steps.map((s) => s.call)).toEqual([
      expect.objectContaining({
        operation: 'UpdateAccessKey',
        input: { UserName: USER, AccessKeyId: OLD, Status: 'Active' },
      }),
    ]);

    // Run 4, after the old key stayed inactive for 7 days: it is deleted.
    w.clock.now = T0 + 8 * 24 * HOUR;
    const r4 = await w.run();
    expect(r4.state).toBe('done');
    expect(recordedKeys(w.fixtures, USER)).toEqual([{ id: newKey, status: 'Active' }]);
    const ops = writesIn(w).map((l) => l.operation);
    expect(ops).toEqual(['CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey']);

    // The secret is in the credentials file only: not in any report, the journal or the rotation state.
    const secret = w.secrets[0]!;
    for (const r of [r1, r2, r3, r4]) expect(JSON.stringify(r)).not.toContain(secret);
    const runs = await Promise.all(
      [...r1.changeRuns, ...r3.changeRuns, ...r4.changeRuns].map((id) => w.journal.getRun(id)),
    );
    expect(runs.every((r) => r !== undefined)).toBe(true);
    expect(JSON.stringify(runs)).not.toContain(secret);
    expect(JSON.stringify(await w.store.list())).not.toContain(secret);
  });

  it('deactivates without proof of use once the grace period is over', async () => {
    const w = await world();
    await w.run({ keepInactiveDays: 0 });
    w.clock.now = T0 + 7 * 24 * HOUR + HOUR;
    const r = await w.run({ keepInactiveDays: 0 });
    expect(r.state).toBe('done');
    expect(r.actions.join(' ')).toMatch(/grace period of 7 days is over/);
  });

  it('resumes an interrupted rotation: an undelivered new key is deleted and made again', async () => {
    const w = await world();
    // "Crash" right after CreateAccessKey answered and its id was written, before delivery.
    const crashed = await w.run({ maxTransitions: 1 });
    expect(crashed.state).toBe('creating');
    const lost = crashed.newKeyId!;
    expect(profileKeyId(readFileSync(w.file, 'utf8'), 'alice')).toBe(OLD);
    const mark = w.at.log.length;
    const resumed = await w.run();
    expect(resumed.rotationId).toBe(crashed.rotationId);
    expect(resumed.state).toBe('stored');
    expect(writesIn(w, mark).map((l) => [l.operation, l.params.AccessKeyId ?? null])).toEqual([
      ['DeleteAccessKey', lost],
      ['CreateAccessKey', null],
    ]);
    expect(profileKeyId(readFileSync(w.file, 'utf8'), 'alice')).toBe(resumed.newKeyId);
    expect(resumed.newKeyId).not.toBe(lost);
  });

  it('resumes after a crash between delivery and the state write without making another key', async () => {
    const w = await world();
    const crashed = await w.run({ maxTransitions: 1 });
    // The delivery happened (someone wrote the profile) but the store still says "creating".
    const text = readFileSync(w.file, 'utf8').replace(
      `aws_access_key_id = ${OLD}`,
      `aws_access_key_id = ${crashed.newKeyId}`,
    );
    writeFileSync(w.file, text);
    const mark = w.at.log.length;
    const resumed = await w.run();
    expect(resumed.state).toBe('stored');
    expect(resumed.newKeyId).toBe(crashed.newKeyId);
    expect(writesIn(w, mark)).toEqual([]);
  });

  it('refuses a user who already has two keys outside a rotation', async () => {
    const w = await world();
    w.fixtures.set(
      'iam/ListAccessKeys/alice',
      readFileSync(
        join(import.meta.dirname, '../../../test/aws-endpoint/fixtures/account/iam/ListAccessKeys/alice.xml'),
        'utf8',
      ).replace(
        '</AccessKeyMetadata>',
        '<member><UserName>alice</UserName><AccessKeyId>AKIAEXAMPLEALICE0002</AccessKeyId><Status>Inactive</Status><CreateDate>2025-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata>',
      ),
    );
    await expect(w.run()).rejects.toThrow(InputError);
    await expect(w.run()).rejects.toThrow(/already has two access keys/);
    expect(writesIn(w)).toEqual([]);
  });
});
