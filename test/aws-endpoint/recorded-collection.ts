/**
 * Collector tests on recorded responses: the recorded account with a folder of the test's own
 * recordings on top, served by the local endpoint, and the collectors run through the real SDK
 * against it. Endpoints started by a test are closed after it.
 */
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { Resource, Snapshot } from '../../src/model/index.js';
import { collectAws } from '../../src/sources/aws/collect.js';
import type { Collector } from '../../src/sources/aws/collector.js';
import {
  FAKE_CREDENTIALS,
  FixtureStore,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
  type Faults,
} from './index.js';

export interface RecordedCollection {
  /**
   * The folder of recordings (`new URL('./recorded', import.meta.url)`), or several laid on in order
   * (another collector's recordings, for a rule that reads both).
   */
  recorded: URL | readonly URL[];
  collectors: readonly Collector[];
  /** The time the runner sees. */
  now: Date;
  regions?: readonly string[];
}

/** The collected resource of a type and id; throws naming it when the snapshot has none. */
export function resourceIn(snapshot: Snapshot, type: string, id: string): Resource {
  const found = snapshot.resources.find((r) => r.type === type && r.id === id);
  if (!found) throw new Error(`no ${type} ${id} in the snapshot`);
  return found;
}

/** The ids of the collected resources of a type, sorted. */
export function idsIn(snapshot: Snapshot, type: string): string[] {
  return snapshot.resources
    .filter((r) => r.type === type)
    .map((r) => r.id)
    .sort();
}

/**
 * Registers the endpoint cleanup and returns `collect(faults)`, which serves the recordings
 * (one item per page, so pagination is exercised) and collects from them.
 */
export function useRecordedCollection(
  options: RecordedCollection,
): (faults?: Faults) => Promise<{ snapshot: Snapshot; endpoint: AwsEndpoint }> {
  let endpoints: AwsEndpoint[] = [];
  afterEach(async () => {
    await Promise.all(endpoints.map((e) => e.close()));
    endpoints = [];
  });
  const folders = Array.isArray(options.recorded) ? options.recorded : [options.recorded as URL];
  const recorded = folders.map((f) => FixtureStore.fromDirectory(fileURLToPath(f)).responses);
  return async (faults = {}) => {
    const store = recordedAccount();
    for (const responses of recorded) for (const [key, body] of responses) store.set(key, body);
    const endpoint = await startAwsEndpoint({ fixtures: store, pageSize: 1, faults });
    endpoints.push(endpoint);
    const regions = options.regions ?? ['us-east-1'];
    const { snapshot } = await collectAws({
      endpointUrl: endpoint.url,
      credentials: FAKE_CREDENTIALS,
      homeRegion: regions[0]!,
      regions: [...regions],
      collectors: options.collectors,
      runner: { backoffBaseMs: 1, backoffMaxMs: 20, now: () => options.now },
    });
    return { snapshot, endpoint };
  };
}
