import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../model/index.js';
import { collectAws } from '../sources/aws/collect.js';
import { openChangeJournal } from '../store/changes/index.js';
import {
  FAKE_CREDENTIALS,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
} from '../../test/aws-endpoint/index.js';
import { DEFAULT_WRITES } from '../../test/aws-endpoint/writes.js';
import { ec2CleanupWrites, type Ec2CleanupOptions } from '../../test/aws-endpoint/writes/ec2-cleanup.js';
import { allChangeWriteActions } from './actions.js';
import { cleanupJson, cleanupJsonSchema, cleanupPlan, renderCleanupText, runCleanup } from './cleanup.js';
import { createDispatcher } from './dispatch.js';
import { applyPlan } from './executor.js';
import { undoPlanFor } from './undo.js';

const VOLUME = 'vol-0a1b2c3d4e5f60082';
const EIP = 'eipalloc-0a1b2c3d4e5f60039';
const WRITE = /^(Create|Delete|Release|Deregister|Copy|Stop|Start|Modify|Put|Update|Allocate|Register)/;

let dir: string;
let endpoints: AwsEndpoint[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cleanup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  endpoints = [];
});

async function endpoint(options: Ec2CleanupOptions = {}): Promise<AwsEndpoint> {
  const at = await startAwsEndpoint({
    fixtures: recordedAccount(),
    writes: { ...DEFAULT_WRITES, ...ec2CleanupWrites(options) },
  });
  endpoints.push(at);
  return at;
}

const connection = (at: AwsEndpoint) => ({
  endpointUrl: at.url,
  credentials: FAKE_CREDENTIALS,
  homeRegion: 'us-east-1',
  client: { maxAttempts: 1 },
});

async function collect(at: AwsEndpoint): Promise<Snapshot> {
  const { snapshot } = await collectAws({
    ...connection(at),
    regions: ['us-east-1'],
    runner: {
      backoffBaseMs: 1,
      backoffMaxMs: 5,
      retryRounds: 2,
      now: () => new Date('2026-11-22T00:30:00Z'),
    },
  });
  return snapshot;
}

const config = { suppressions: [], params: {} };

function plan(snapshot: Snapshot, extra: Partial<Parameters<typeof cleanupPlan>[0]['options']> = {}) {
  return cleanupPlan({ snapshot, config, options: { runId: 'cr-test-1', ...extra } });
}

describe('cleanup against the local endpoint', () => {
  it('plans the unattached volume and the unassociated address with their monthly saving', async () => {
    const at = await endpoint();
    const p = plan(await collect(at));
    const ids = p.items.map((i) => i.resource.id);
    expect(ids).toContain(VOLUME);
    expect(ids).toContain(EIP);
    const volume = p.items.find((i) => i.resource.id === VOLUME)!;
    expect(volume.monthly).toBeGreaterThan(0);
    expect(volume.steps.map((s) => s.call.operation)).toEqual([
      'CreateSnapshot',
      'DescribeSnapshots',
      'DeleteVolume',
    ]);
    expect(volume.steps[0]!.call.input).toMatchObject({
      VolumeId: VOLUME,
      TagSpecifications: [
        {
          ResourceType: 'snapshot',
          Tags: expect.arrayContaining([{ Key: 'cloudrounds:run', Value: 'cr-test-1' }]),
        },
      ],
    });
    expect(p.monthlyTotal).toBeCloseTo(
      p.items.reduce((n, i) => n + (i.monthly ?? 0), 0),
      2,
    );
    expect(cleanupJsonSchema.safeParse(cleanupJson(p)).success).toBe(true);
    expect(renderCleanupText(p)).toMatch(/Dry run: nothing was changed/);
  });

  it('a dry run sends nothing at all, so no write call', async () => {
    const at = await endpoint();
    const p = plan(await collect(at));
    const before = at.log.length;
    const result = await runCleanup(p);
    expect(result.dryRun).toBe(true);
    expect(at.log.slice(before)).toEqual([]);
    expect(at.log.filter((l) => WRITE.test(l.operation))).toEqual([]);
  });

  it('applies: each delete comes after its backup, which it waited for, and the journal has the run', async () => {
    const at = await endpoint();
    const p = plan(await collect(at));
    const journal = await openChangeJournal(join(dir, 'apply.duckdb'));
    const dispatcher = createDispatcher(connection(at));
    try {
      const before = at.log.length;
      const result = await runCleanup(p, { dryRun: false, dispatcher, journal });
      expect(result.dryRun).toBe(false);
      if (result.dryRun) return;
      expect(result.status).toBe('applied');
      const calls = at.log.slice(before).map((l) => `${l.operation}:${JSON.stringify(l.params)}`);
      const at_ = (op: string, id: string) =>
        calls.findIndex((c) => c.startsWith(`${op}:`) && c.includes(id));
      expect(at_('CreateSnapshot', VOLUME)).toBeGreaterThanOrEqual(0);
      expect(at_('DescribeSnapshots', 'cr-test-1')).toBeGreaterThan(at_('CreateSnapshot', VOLUME));
      expect(at_('DeleteVolume', VOLUME)).toBeGreaterThan(at_('DescribeSnapshots', 'cr-test-1'));
      expect(at_('ReleaseAddress', EIP)).toBeGreaterThanOrEqual(0);
      const run = await journal.getRun(result.runId);
      expect(run?.kind).toBe('cleanup');
      // The volume is gone from the account; its backup is there.
      const after = await collect(at);
      expect(after.resources.some((r) => r.id === VOLUME)).toBe(false);
      const backup = after.resources.find(
        (r) => r.type === 'AWS::EC2::Snapshot' && r.tags['cloudrounds:source'] === VOLUME,
      );
      expect(backup?.tags['cloudrounds:run']).toBe('cr-test-1');
      // The undo of the delete restores from that backup.
      const del = result.steps.find((s) => s.call.operation === 'DeleteVolume')!;
      expect(del.undo).toMatchObject({
        call: { operation: 'CreateVolume', input: { SnapshotId: backup!.id } },
      });

      // `undo RUN_ID` restores from the backup and tries to recover the address.
      const undo = await undoPlanFor(journal, result.runId);
      const ops = undo.plan.steps.map((s) => s.call.operation);
      expect(ops).toEqual(expect.arrayContaining(['CreateVolume', 'AllocateAddress']));
      expect(undo.plan.steps.find((s) => s.call.operation === 'AllocateAddress')?.call.input).toMatchObject({
        Domain: 'vpc',
        Address: '198.51.100.99',
      });
      const mark = at.log.length;
      const undone = await applyPlan(undo.plan, { dryRun: false, dispatcher, journal });
      expect(undone.dryRun === false && undone.status).toBe('applied');
      expect(at.log.slice(mark).map((l) => l.operation)).toEqual(
        expect.arrayContaining(['CreateVolume', 'AllocateAddress']),
      );
    } finally {
      dispatcher.destroy();
      await journal.close();
    }
  });

  it('never deletes a volume whose backup does not complete', async () => {
    const at = await endpoint({ snapshotState: 'pending' });
    const p = plan(await collect(at), {});
    const journal = await openChangeJournal(join(dir, 'pending.duckdb'));
    const dispatcher = createDispatcher(connection(at));
    try {
      const result = await runCleanup(p, {
        dryRun: false,
        dispatcher,
        journal,
        wait: { intervalMs: 0, attempts: 3, sleep: async () => undefined },
      });
      if (result.dryRun) throw new Error('applied');
      expect(result.status).toBe('failed');
      expect(
        at.log.filter(
          (l) => l.operation === 'DescribeSnapshots' && JSON.stringify(l.params).includes('cr-test-1'),
        ),
      ).toHaveLength(3);
      expect(at.log.some((l) => l.operation === 'DeleteVolume')).toBe(false);
      expect(renderCleanupText(p, result)).toMatch(/BackupNotReady/);
    } finally {
      dispatcher.destroy();
      await journal.close();
    }
  });

  it('skips what carries the protection tag (configurable) and says why', async () => {
    const at = await endpoint();
    const snapshot = await collect(at);
    const volume = snapshot.resources.find((r) => r.id === VOLUME)!;
    volume.tags['cloudrounds:keep'] = 'finance archive';
    const eip = snapshot.resources.find((r) => r.id === EIP)!;
    eip.tags['team:keep'] = '';
    const p = plan(snapshot);
    expect(p.items.map((i) => i.resource.id)).not.toContain(VOLUME);
    expect(p.skipped.find((s) => s.resource.id === VOLUME)).toMatchObject({ why: 'protected' });
    expect(p.items.map((i) => i.resource.id)).toContain(EIP);
    const custom = plan(snapshot, { keepTag: 'team:keep' });
    expect(custom.skipped.find((s) => s.resource.id === EIP)).toMatchObject({ why: 'protected' });
    expect(custom.items.map((i) => i.resource.id)).toContain(VOLUME);

    const journal = await openChangeJournal(join(dir, 'protected.duckdb'));
    const dispatcher = createDispatcher(connection(at));
    try {
      await runCleanup(p, { dryRun: false, dispatcher, journal });
      expect(at.log.some((l) => JSON.stringify(l.params).includes(VOLUME) && WRITE.test(l.operation))).toBe(
        false,
      );
    } finally {
      dispatcher.destroy();
      await journal.close();
    }
  });

  it('--older-than filters by creation age and skips addresses, whose age AWS does not report', async () => {
    const at = await endpoint();
    const snapshot = await collect(at);
    // The volume was created on 2024-01-15: about 1,040 days before the collection.
    const old = plan(snapshot, { olderThanDays: 30 });
    expect(old.items.map((i) => i.resource.id)).toContain(VOLUME);
    expect(old.skipped.find((s) => s.resource.id === EIP)).toMatchObject({ why: 'age-unknown' });
    const young = plan(snapshot, { olderThanDays: 5000 });
    expect(young.skipped.find((s) => s.resource.id === VOLUME)).toMatchObject({ why: 'too-recent' });
  });

  it('registers its write actions for policy --fix', () => {
    expect(allChangeWriteActions()).toEqual(
      expect.arrayContaining(['ec2:DeleteVolume', 'ec2:CreateSnapshot', 'ec2:ReleaseAddress']),
    );
  });
});
