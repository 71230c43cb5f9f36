/**
 * Collection on worker threads (src/sources/aws/unit-threads.ts) gives the snapshot the main thread
 * alone gives, with and without faults. A worker runs compiled JavaScript, so these tests drive the
 * built `dist/` (the test command builds before it runs the tests).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/model/index.js';
import type * as Collect from '../../src/sources/aws/collect.js';
import { projectRoot } from '../corpora.js';
import {
  FAKE_CREDENTIALS,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
  type Faults,
} from './index.js';

const built = join(projectRoot, 'dist', 'sources', 'aws', 'collect.js');

let endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  endpoints = [];
});

async function endpoint(faults: Faults = {}): Promise<AwsEndpoint> {
  const started = await startAwsEndpoint({ fixtures: recordedAccount(), pageSize: 2, faults });
  endpoints.push(started);
  return started;
}

async function collect(at: AwsEndpoint, workers: number, credentials: Collect.CollectOptions['credentials']) {
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  const { collectAws } = (await import(pathToFileURL(built).href)) as typeof Collect;
  return collectAws({
    endpointUrl: at.url,
    credentials,
    homeRegion: 'us-east-1',
    workers,
    // The clock where the recorded metrics end; fast outer retries (numbers cross to the workers).
    runner: {
      backoffBaseMs: 1,
      backoffMaxMs: 20,
      retryRounds: 8,
      now: () => new Date('2026-11-22T00:30:00Z'),
    },
    client: { maxAttempts: 2 },
  });
}

/** Resources in a stable order, and the gaps that do not depend on timing. */
function comparable(snapshot: Snapshot, dropTypes: (type: string) => boolean = () => false) {
  return {
    accounts: snapshot.accounts,
    regions: snapshot.regions,
    resources: snapshot.resources.filter((r) => !dropTypes(r.type)),
    coverage: snapshot.coverage.filter((g) => g.kind !== 'access-denied' && !dropTypes(g.resourceType ?? '')),
  };
}

/** Static credentials behind a provider that counts how often it is asked. */
function countingProvider() {
  const provider = Object.assign(
    async () => {
      provider.asked++;
      return FAKE_CREDENTIALS;
    },
    { asked: 0 },
  );
  return provider;
}

describe('collection on worker threads', () => {
  it('gives the snapshot and the call count the main thread alone gives', async () => {
    const alone = await collect(await endpoint(), 0, FAKE_CREDENTIALS);
    const at = await endpoint();
    const provider = countingProvider();
    const threaded = await collect(at, 2, provider);
    expect(comparable(threaded.snapshot)).toEqual(comparable(alone.snapshot));
    expect(threaded.stats.calls).toBe(alone.stats.calls);
    expect(threaded.stats.calls).toBe(at.log.length);
    expect(threaded.snapshot.coverage).toEqual([]);
    // The workers asked the main thread for the account's credentials (once per SDK client).
    expect(provider.asked).toBeGreaterThan(2);
  });

  it('under 20% throttling, 2% 5xx and one service denied, equals the fault-free snapshot but for the declared gap', async () => {
    const clean = (await collect(await endpoint(), 2, FAKE_CREDENTIALS)).snapshot;
    const faulty = await endpoint({ throttleRate: 0.2, serverErrorRate: 0.02, deny: ['iam'], seed: 7 });
    const { snapshot, stats } = await collect(faulty, 2, FAKE_CREDENTIALS);
    const isIam = (type: string) => type.startsWith('AWS::IAM::');
    expect(comparable(snapshot, isIam)).toEqual(comparable(clean, isIam));
    expect(faulty.log.filter((l) => l.fault === 'throttle').length).toBeGreaterThan(10);
    // Retries made on the workers are counted on the main thread.
    expect(stats.retries).toBeGreaterThan(0);
    expect(snapshot.resources.filter((r) => isIam(r.type))).toEqual([]);
    const denied = snapshot.coverage.filter((g) => g.kind === 'access-denied');
    expect(denied.length).toBeGreaterThan(0);
    expect(new Set(denied.map((g) => g.resourceType?.split('::')[1]))).toEqual(new Set(['IAM']));
  });

  it('a credentials provider that fails becomes an error for the units that needed it, not a hang', async () => {
    const at = await endpoint();
    const failing = async () => {
      throw new Error('the SSO session has expired');
    };
    const result = await collect(at, 2, failing).then(
      (r) => r,
      (e: unknown) => e,
    );
    // Scope discovery on the main thread already needs the credentials: the collection stops there
    // with the provider's own message.
    expect(String(result)).toMatch(/SSO session has expired/);
  });
});
