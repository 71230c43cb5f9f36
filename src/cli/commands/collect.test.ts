import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_CREDENTIALS,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
} from '../../../test/aws-endpoint/index.js';
import { cloudroundsInProcess } from '../../../test/e2e/cli.js';
import { readOnlyPolicy } from '../../sources/aws/policy.js';

/** Runs the CLI's command path in this process, which also serves the endpoint it talks to. */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return cloudroundsInProcess(args, {
    env: {
      AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      // Keep the user's profile files out of the test.
      AWS_CONFIG_FILE: join(tmpdir(), 'cloudrounds-no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'cloudrounds-no-credentials'),
      ...env,
    },
  });
}

describe('cloudrounds collect / policy / --source aws', () => {
  let endpoint: AwsEndpoint;
  let dir: string;
  beforeAll(async () => {
    endpoint = await startAwsEndpoint({ fixtures: recordedAccount(), pageSize: 2 });
    dir = mkdtempSync(join(tmpdir(), 'cloudrounds-collect-cli-'));
  });
  afterAll(async () => {
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('collect --out writes a snapshot that daily reads, and removes its journal', async () => {
    const out = join(dir, 'account.jsonl');
    const collected = await run([
      'collect',
      '--endpoint-url',
      endpoint.url,
      '--regions',
      'us-east-1',
      '--out',
      out,
    ]);
    expect(collected.stderr).not.toMatch(/error/i);
    expect(collected.code, collected.stderr).toBe(0);
    expect(collected.stdout).toMatch(/Collected \d+ resource\(s\) from 1 account\(s\)/);
    expect(collected.stdout).toMatch(/AWS::EC2::SecurityGroup/);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(`${out}.journal`)).toBe(false);
    const daily = await run(['daily', '--source', out, '--no-store', '--json', join(dir, 'from-file.json')]);
    expect(daily.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'from-file.json'), 'utf8')) as Record<string, unknown>;
    expect(report.schemaVersion).toBeDefined();
  });

  it('daily --source aws (AWS_ENDPOINT_URL and static keys) gives the same answer as the snapshot file', async () => {
    const live = await run(
      ['daily', '--source', 'aws', '--regions', 'us-east-1', '--no-store', '--json', join(dir, 'live.json')],
      {
        AWS_ENDPOINT_URL: endpoint.url,
      },
    );
    expect(live.stderr).not.toMatch(/error:/);
    expect(live.code).toBe(0);
    // The same findings, totals and gaps; timings differ.
    const strip = (file: string) => {
      const value = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        totals: unknown;
        coverage: { gaps: unknown };
        findings: Array<{ key: string; status: string }>;
      };
      return {
        totals: value.totals,
        gaps: value.coverage.gaps,
        findings: value.findings.map((f) => `${f.key} ${f.status}`).sort(),
      };
    };
    const fromFile = await run([
      'daily',
      '--source',
      join(dir, 'account.jsonl'),
      '--no-store',
      '--json',
      join(dir, 'from-file.json'),
    ]);
    expect(fromFile.code).toBe(0);
    expect(strip('live.json')).toEqual(strip('from-file.json'));
  });

  it('reach and iam simulate answer the same from --source aws as from the collected file', async () => {
    const file = join(dir, 'account.jsonl');
    const env = { AWS_ENDPOINT_URL: endpoint.url };
    const live = ['--source', 'aws', '--regions', 'us-east-1'];
    const reach = [
      'reach',
      '--from',
      'internet',
      '--to',
      'prod-web-1',
      '--protocol',
      'tcp',
      '--port',
      '22',
      '--json',
    ];
    const [reachLive, reachFile] = await Promise.all([
      run([...reach, ...live], env),
      run([...reach, '--source', file]),
    ]);
    expect(reachLive.stderr).not.toMatch(/error:/);
    expect(reachLive.code).toBe(0);
    expect(JSON.parse(reachLive.stdout)).toEqual(JSON.parse(reachFile.stdout));
    const simulate = [
      'iam',
      'simulate',
      '--principal',
      'ci-bot',
      '--action',
      'iam:PassRole',
      '--resource',
      '*',
      '--json',
    ];
    const [iamLive, iamFile] = await Promise.all([
      run([...simulate, ...live], env),
      run([...simulate, '--source', file]),
    ]);
    expect(iamLive.stderr).not.toMatch(/error:/);
    expect(JSON.parse(iamLive.stdout)).toEqual(JSON.parse(iamFile.stdout));
    expect(iamLive.stdout).toMatch(/allow/i);
  });

  it('collect --resume without --out is a usage error', async () => {
    const result = await run(['collect', '--resume']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--resume needs --out/);
  });

  it('policy prints the read-only policy generated from the collectors', async () => {
    const result = await run(['policy']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(readOnlyPolicy());
  });
});
