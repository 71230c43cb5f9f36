import { afterEach, describe, expect, it } from 'vitest';
import {
  FAKE_CREDENTIALS,
  startAwsEndpoint,
  syntheticAccount,
  SYNTHETIC_ACCOUNT_ID,
  type AwsEndpoint,
  type Faults,
} from '../../../test/aws-endpoint/index.js';
import { ClientPool, DEFAULT_CLIENT_SETTINGS } from './clients.js';
import { authorizationDetails } from './collectors/iam/authorization-details.js';
import { DEFAULT_RUNNER_OPTIONS, Runner } from './runner.js';

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** The IAM unit of a synthetic account: one listing, then two calls per user. */
async function collectUsers(users: number, perService: number, faults: Faults) {
  const size = {
    instances: 0,
    volumes: 0,
    snapshots: 0,
    securityGroups: 0,
    networkInterfaces: 0,
    subnets: 0,
    vpcs: 0,
    buckets: 0,
    users,
  };
  endpoint = await startAwsEndpoint({ fixtures: syntheticAccount(size), faults });
  const pool = new ClientPool({ ...DEFAULT_CLIENT_SETTINGS, endpoint: endpoint.url });
  const runner = new Runner(pool, {
    ...DEFAULT_RUNNER_OPTIONS,
    perService,
    backoffBaseMs: 1,
    backoffMaxMs: 10,
  });
  try {
    const account = { id: SYNTHETIC_ACCOUNT_ID, credentials: FAKE_CREDENTIALS };
    const data = await runner.runUnit(authorizationDetails, account, 'global', 'us-east-1');
    return { data, peak: endpoint.peakInFlight.iam, calls: endpoint.log.length };
  } finally {
    pool.destroy();
  }
}

describe('Runner concurrency', () => {
  it('never has more requests of a service in flight than perService, and uses all of them', async () => {
    const { data, peak, calls } = await collectUsers(40, 3, { latencyMs: 15 });
    expect(data.gaps).toEqual([]);
    expect(data.items.UserDetailList).toHaveLength(40);
    expect(calls).toBe(1 + 2 * 40);
    // More calls are admitted into the SDK than may be in flight: the limit holds at the wire.
    expect(peak).toBe(3);
  });

  it('counts every attempt of the SDK retry strategy against the limit', async () => {
    // The SDK's adaptive mode slows its sending rate after each throttling answer: few calls suffice.
    const { data, peak, calls } = await collectUsers(8, 2, { latencyMs: 5, throttleRate: 0.2, seed: 5 });
    expect(data.gaps).toEqual([]);
    expect(data.items.UserDetailList).toHaveLength(8);
    expect(calls).toBeGreaterThan(1 + 2 * 8);
    // The SDK's client-side rate limiter may keep the pair from ever filling: at most, never more.
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(peak).toBeLessThanOrEqual(2);
  });
});
