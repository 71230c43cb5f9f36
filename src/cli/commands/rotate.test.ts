import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupJsonSchema } from '../../change/cleanup.js';
import { profileKeyId } from '../../change/rotate/destination.js';
import { cloudroundsInProcess } from '../../../test/e2e/cli.js';
import {
  FAKE_CREDENTIALS,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
} from '../../../test/aws-endpoint/index.js';
import { DEFAULT_WRITES } from '../../../test/aws-endpoint/writes.js';
import { ec2CleanupWrites } from '../../../test/aws-endpoint/writes/ec2-cleanup.js';
import { iamWrites } from '../../../test/aws-endpoint/writes/iam.js';

const WRITE = /^(Create|Delete|Release|Deregister|Copy|Stop|Start|Modify|Put|Update|Allocate|Register)/;

let dir: string;
let at: AwsEndpoint;
let secrets: string[];
let env: Record<string, string>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-change-'));
  const iam = iamWrites();
  secrets = iam.secrets;
  at = await startAwsEndpoint({
    fixtures: recordedAccount(),
    writes: { ...DEFAULT_WRITES, ...ec2CleanupWrites(), ...iam.handlers },
  });
  env = {
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    CLOUDROUNDS_HOME: join(dir, 'home'),
  };
  writeFileSync(
    join(dir, 'credentials'),
    '[alice]\naws_access_key_id = AKIAEXAMPLEALICE0001\naws_secret_access_key = old\n',
  );
});
afterAll(async () => {
  await at.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cloudrounds cleanup and rotate, end to end', () => {
  it('cleanup is a dry run by default: the plan, and no write call', async () => {
    const text = await cloudroundsInProcess(
      ['cleanup', '--source', 'aws', '--endpoint-url', at.url, '--regions', 'us-east-1'],
      { env },
    );
    expect(text.stderr).not.toMatch(/Error/);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Snapshot EBS volume vol-0a1b2c3d4e5f60082, then delete it/);
    expect(text.stdout).toMatch(/Dry run: nothing was changed/);
    const json = await cloudroundsInProcess(
      [
        'cleanup',
        '--source',
        'aws',
        '--endpoint-url',
        at.url,
        '--regions',
        'us-east-1',
        '--json',
        '--older-than',
        '30d',
      ],
      { env },
    );
    const parsed = cleanupJsonSchema.parse(JSON.parse(json.stdout));
    expect(parsed.applied).toBe(false);
    expect(parsed.items.length).toBeGreaterThan(0);
    expect(at.log.filter((l) => WRITE.test(l.operation))).toEqual([]);
  });

  it('--apply without a terminal and without --yes is refused before any write', async () => {
    const result = await cloudroundsInProcess(
      [
        'cleanup',
        '--source',
        'aws',
        '--endpoint-url',
        at.url,
        '--regions',
        'us-east-1',
        '--apply',
        '--db',
        join(dir, 'store.duckdb'),
      ],
      { env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/add --yes/);
    expect(at.log.filter((l) => WRITE.test(l.operation))).toEqual([]);
  });

  it('cleanup --apply --yes backs up before deleting, and journals the run', async () => {
    const result = await cloudroundsInProcess(
      [
        'cleanup',
        '--source',
        'aws',
        '--endpoint-url',
        at.url,
        '--regions',
        'us-east-1',
        '--apply',
        '--yes',
        '--json',
        '--db',
        join(dir, 'store.duckdb'),
      ],
      { env },
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const parsed = cleanupJsonSchema.parse(JSON.parse(result.stdout));
    expect(parsed.status).toBe('applied');
    expect(parsed.changeRunId).toBeGreaterThan(0);
    const writes = at.log.filter((l) => WRITE.test(l.operation)).map((l) => l.operation);
    expect(writes.indexOf('CreateSnapshot')).toBeGreaterThanOrEqual(0);
    expect(writes.indexOf('DeleteVolume')).toBeGreaterThan(writes.indexOf('CreateSnapshot'));
    expect(writes).toContain('ReleaseAddress');
    at.log.length = 0;
  });

  it('rotate access-key --apply stores the new key in the profile and never prints the secret', async () => {
    const store = join(dir, 'store.duckdb');
    const dry = await cloudroundsInProcess(
      [
        'rotate',
        'access-key',
        '--user',
        'alice',
        '--to',
        'profile:alice',
        '--endpoint-url',
        at.url,
        '--store',
        store,
      ],
      { env },
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/iam:CreateAccessKey/);
    expect(at.log.filter((l) => WRITE.test(l.operation))).toEqual([]);

    const applied = await cloudroundsInProcess(
      [
        'rotate',
        'access-key',
        '--user',
        'alice',
        '--to',
        'profile:alice',
        '--endpoint-url',
        at.url,
        '--store',
        store,
        '--apply',
        '--yes',
      ],
      { env },
    );
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(secrets).toHaveLength(1);
    const credentials = readFileSync(join(dir, 'credentials'), 'utf8');
    expect(credentials).toContain(secrets[0]!);
    expect(applied.stdout).toContain(profileKeyId(credentials, 'alice')!);
    expect(applied.stdout).not.toContain(secrets[0]!);
    expect(applied.stdout).toMatch(/waiting for the new key/);

    // The next run resumes the same rotation (the destination comes from the store) and prints no secret either.
    const again = await cloudroundsInProcess(
      ['rotate', 'access-key', '--user', 'alice', '--endpoint-url', at.url, '--store', store, '--json'],
      { env },
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ state: 'stored', destination: 'profile:alice' });
    expect(again.stdout + again.stderr).not.toContain(secrets[0]!);
  });
});
