import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openChangeJournal } from '../../store/changes/index.js';
import {
  FAKE_CREDENTIALS,
  FixtureStore,
  RECORDED_ACCOUNT_ID,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
} from '../../../test/aws-endpoint/index.js';
import { DEFAULT_WRITES } from '../../../test/aws-endpoint/writes.js';
import { rdsRotationWrites } from '../../../test/aws-endpoint/writes/rds.js';
import { createDispatcher } from '../dispatch.js';
import { rotateRdsMaster } from './rds-master.js';

const here = dirname(fileURLToPath(import.meta.url));
let dir: string;
let at: AwsEndpoint;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rds-master-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => at?.close());

async function endpoint(): Promise<AwsEndpoint> {
  const fixtures = recordedAccount();
  const extra = FixtureStore.fromDirectory(join(here, '../../../test/aws-endpoint/fixtures/rotation'));
  for (const [key, body] of extra.responses) fixtures.set(key, body);
  at = await startAwsEndpoint({ fixtures, writes: { ...DEFAULT_WRITES, ...rdsRotationWrites } });
  return at;
}

function options(db: string, apply: boolean) {
  const dispatcher = createDispatcher({
    endpointUrl: at.url,
    credentials: FAKE_CREDENTIALS,
    homeRegion: 'us-east-1',
    client: { maxAttempts: 1 },
  });
  return { db, account: RECORDED_ACCOUNT_ID, region: 'us-east-1', apply, dispatcher };
}

describe('rotate rds-master against the local endpoint', () => {
  it('a dry run reads the instance and plans ModifyDBInstance, writing nothing', async () => {
    await endpoint();
    const o = options('orders-db', false);
    const report = await rotateRdsMaster(o);
    o.dispatcher.destroy();
    expect(report.plan?.steps[0]?.call).toMatchObject({
      operation: 'ModifyDBInstance',
      input: { DBInstanceIdentifier: 'orders-db', ManageMasterUserPassword: true, ApplyImmediately: true },
    });
    expect(at.log.map((l) => l.operation)).not.toContain('ModifyDBInstance');
    // Honest undo: the old password cannot be brought back.
    const undo = report.plan!.steps[0]!.undo!({});
    expect(undo).toMatchObject({ irreversible: expect.stringMatching(/--no-manage-master-user-password/) });
  });

  it('applies, journals, and shows the secret RDS created', async () => {
    await endpoint();
    const journal = await openChangeJournal(join(dir, 'rds.duckdb'));
    const o = options('orders-db', true);
    try {
      const report = await rotateRdsMaster({ ...o, journal });
      expect(report.result && !report.result.dryRun && report.result.status).toBe('applied');
      expect(report.secretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-/);
      const calls = at.log.map((l) => l.operation);
      expect(calls.indexOf('DescribeDBInstances')).toBeLessThan(calls.indexOf('ModifyDBInstance'));
      // Run again: already managed, nothing to do.
      const again = await rotateRdsMaster({ ...o, journal });
      expect(again.alreadyManaged).toBe(true);
      expect(at.log.filter((l) => l.operation === 'ModifyDBInstance')).toHaveLength(1);
    } finally {
      o.dispatcher.destroy();
      await journal.close();
    }
  });

  it('targets the cluster of an Aurora member', async () => {
    await endpoint();
    const o = options('aurora-writer', false);
    const report = await rotateRdsMaster(o);
    o.dispatcher.destroy();
    expect(report.target).toEqual({ kind: 'cluster', id: 'aurora-main' });
    expect(report.plan?.steps[0]?.call).toMatchObject({
      operation: 'ModifyDBCluster',
      input: { DBClusterIdentifier: 'aurora-main', ManageMasterUserPassword: true },
    });
  });
});
