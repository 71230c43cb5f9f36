import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_CREDENTIALS,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
  type FixtureStore,
} from '../../test/aws-endpoint/index.js';
import { openChangeJournal } from '../store/changes/index.js';
import { applyPlan, createDispatcher, undoPlanFor } from './index.js';

// A separate Node process running the executor's own TypeScript (see fixtures/crash-child.mjs).
const CHILD = fileURLToPath(new URL('./fixtures/crash-child.mjs', import.meta.url));

let endpoint: AwsEndpoint;
let fixtures: FixtureStore;
let dir: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(async () => {
  fixtures = recordedAccount();
  endpoint = await startAwsEndpoint({ fixtures });
  dir = mkdtempSync(join(tmpdir(), 'cloudrounds-change-crash-'));
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits first. */
function lineOf(process: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    process.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => pattern.test(l));
      if (line) resolve(line);
    });
    process.stderr.on('data', (d: Buffer) => (err += d.toString()));
    process.on('exit', (code) => reject(new Error(`child exited (${code}) before ${pattern}: ${out}${err}`)));
  });
}

describe('a change run killed between two steps', () => {
  it('leaves the journal readable: the applied step with its capture and undo, the next one never started; undo reverses it', async () => {
    const path = join(dir, 'store.duckdb');
    child = spawn(process.execPath, [CHILD, endpoint.url, path]);
    await lineOf(child, /^APPLIED 0$/);
    const killed = new Promise((resolve) => child!.on('exit', resolve));
    child.kill('SIGKILL');
    await killed;
    expect(fixtures.get('s3/example-public-site/versioning')).toMatch(/<Status>Enabled<\/Status>/);
    expect(endpoint.log.some((r) => r.operation === 'ModifyInstanceMetadataOptions')).toBe(false);

    const journal = await openChangeJournal(path);
    const dispatcher = createDispatcher({
      endpointUrl: endpoint.url,
      credentials: FAKE_CREDENTIALS,
      homeRegion: 'us-east-1',
    });
    try {
      const [info] = await journal.listRuns();
      expect(info).toMatchObject({ kind: 'fix', status: 'running', title: 'Two fixes, interrupted' });
      const run = (await journal.getRun(info!.id))!;
      expect(run.steps.map((s) => s.status)).toEqual(['applied', 'planned']);
      expect(run.steps[0]).toMatchObject({
        call: { operation: 'PutBucketVersioning' },
        captured: { Status: 'Suspended' },
        undo: {
          call: {
            operation: 'PutBucketVersioning',
            input: { VersioningConfiguration: { Status: 'Suspended' } },
          },
        },
      });
      expect(run.steps[1]!.call.operation).toBe('ModifyInstanceMetadataOptions');

      const undo = await undoPlanFor(journal, run.id);
      expect(undo.notes.map((n) => n.outcome)).toEqual(['reversed', 'not-applied']);
      const result = await applyPlan(undo.plan, { dryRun: false, dispatcher, journal });
      expect(result.dryRun === false && result.status).toBe('applied');
      expect(fixtures.get('s3/example-public-site/versioning')).toMatch(/<Status>Suspended<\/Status>/);
    } finally {
      dispatcher.destroy();
      await journal.close();
    }
  });
});
