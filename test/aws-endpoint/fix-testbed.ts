/**
 * What a test of fixes against the local endpoint starts from: the endpoint serving an account's
 * recordings, a connection and dispatcher to it, and a change journal in a fresh store, all closed
 * together. One per test, so that a test's writes never reach the next one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { createDispatcher, type AwsConnection, type Dispatcher } from '../../src/change/index.js';
import type { Snapshot } from '../../src/model/index.js';
import { collectAws } from '../../src/sources/aws/collect.js';
import { COLLECTORS } from '../../src/sources/aws/collectors/index.js';
import { openChangeJournal, type ChangeJournal } from '../../src/store/changes/index.js';
import type { FixtureStore } from './fixtures.js';
import { FAKE_CREDENTIALS } from './index.js';
import { startAwsEndpoint, type AwsEndpoint, type LoggedRequest } from './server.js';

export const TESTBED_REGION = 'us-east-1';

export interface FixTestbed {
  endpoint: AwsEndpoint;
  fixtures: FixtureStore;
  connection: AwsConnection;
  dispatcher: Dispatcher;
  journal: ChangeJournal;
  /** A collection, in the test region, by the collectors that read any of these types. */
  snapshotOf(...types: string[]): Promise<Snapshot>;
  close(): Promise<void>;
}

export async function openFixTestbed(fixtures: FixtureStore, region = TESTBED_REGION): Promise<FixTestbed> {
  const endpoint = await startAwsEndpoint({ fixtures });
  const connection: AwsConnection = {
    endpointUrl: endpoint.url,
    credentials: FAKE_CREDENTIALS,
    homeRegion: region,
  };
  const dispatcher = createDispatcher(connection);
  const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-fixes-'));
  const journal = await openChangeJournal(join(dir, 'store.duckdb'));
  return {
    endpoint,
    fixtures,
    connection,
    dispatcher,
    journal,
    async snapshotOf(...types) {
      const collectors = COLLECTORS.filter((c) => c.resourceTypes.some((t) => types.includes(t)));
      const { snapshot } = await collectAws({ ...connection, collectors, regions: [region] });
      return snapshot;
    },
    async close() {
      dispatcher.destroy();
      await journal.close();
      await endpoint.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Operations that only read (GenerateCredentialReport is part of collection: the read-only policy grants it). */
const READ = /^(Get|List|Describe|Head|GenerateCredentialReport$)/;

/** The requests of the log that change something. */
export function writeRequests(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((r) => !READ.test(r.operation));
}

/**
 * Each write of `writes` reached the endpoint after its step's capture (`captures[i]`), and after
 * the previous step's write.
 */
export function expectCapturesBeforeWrites(
  log: readonly LoggedRequest[],
  writes: ReadonlyArray<{ operation: string; params: unknown }>,
  captures: readonly string[],
): void {
  let from = 0;
  writes.forEach((w, i) => {
    const at = log.findIndex(
      (r, j) => j >= from && r.operation === w.operation && isDeepStrictEqual(r.params, w.params),
    );
    const capture = log.findIndex((r, j) => j >= from && j < at && r.operation === captures[i]);
    expect(at, `${w.operation} reached the endpoint`).toBeGreaterThanOrEqual(0);
    expect(capture, `${captures[i]} read before ${w.operation}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  });
}
