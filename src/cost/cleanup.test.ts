import { describe, expect, it } from 'vitest';
import { createGraph } from '../engine/index.js';
import type { Resource } from '../model/index.js';
import { planProblems } from '../change/executor.js';
import { cleanupChangePlan } from '../change/cleanup.js';
import {
  backupSnapshots,
  parseDays,
  planCleanup,
  registerFromCapture,
  type CleanupOptions,
} from './cleanup.js';
import type { WasteAnswer, WasteItem } from './waste.js';

const NOW = new Date('2026-11-22T00:00:00Z');

function res(type: string, id: string, extra: Partial<Resource> = {}): Resource {
  return {
    type,
    id,
    account: '111122223333',
    region: 'us-east-1',
    tags: {},
    props: {},
    observed: {},
    origin: { source: 'aws' },
    ...extra,
  };
}

function item(r: Resource, ruleId: string, monthly: number | null = 10): WasteItem {
  return {
    ruleId,
    resource: { type: r.type, id: r.id, account: r.account, region: r.region },
    reason: `${r.id} is waste`,
    kind: 'remove',
    monthly,
    currency: 'USD',
    basis: 'test basis',
    priceRegion: 'us-east-1',
    priceDate: '2026-11-01',
  };
}

function waste(items: WasteItem[]): WasteAnswer {
  return {
    items,
    monthlyTotal: 0,
    currency: 'USD',
    priceDate: '2026-11-01',
    priced: items.length,
    unpriced: 0,
  };
}

const image = res('AWS::EC2::Image', 'ami-old', {
  name: 'golden-2024',
  props: {
    Name: 'golden-2024',
    BlockDeviceMappings: [
      { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-root', VolumeSize: 8 } },
      { DeviceName: '/dev/xvdb', Ebs: { SnapshotId: 'snap-shared', VolumeSize: 20 } },
      { DeviceName: '/dev/xvdc', Ebs: { SnapshotId: 'snap-kept', VolumeSize: 5 } },
    ],
  },
  observed: { CreationDate: '2024-01-01T00:00:00Z', State: 'available' },
});
const other = res('AWS::EC2::Image', 'ami-other', {
  props: { BlockDeviceMappings: [{ Ebs: { SnapshotId: 'snap-shared' } }] },
});
const kept = res('AWS::EC2::Snapshot', 'snap-kept', { tags: { 'cloudrounds:keep': 'yes' } });
const instance = res('AWS::EC2::Instance', 'i-idle', {
  name: 'batch',
  observed: { State: 'running', LaunchTime: '2025-01-01T00:00:00Z', PublicIpAddress: '198.51.100.7' },
});
const eip = res('AWS::EC2::EIP', 'eipalloc-1', {
  observed: { PublicIp: '198.51.100.99', AllocationId: 'eipalloc-1' },
});
const volume = res('AWS::EC2::Volume', 'vol-1', {
  tags: { Name: 'old-data', 'aws:cloudformation:stack-name': 'x' },
  props: { AvailabilityZone: 'us-east-1b', VolumeType: 'gp3', Size: 100, Iops: 4000, Throughput: 250 },
  observed: { State: 'available', CreateTime: '2025-06-01T00:00:00Z' },
});
const natGateway = res('AWS::EC2::NatGateway', 'nat-1');
const all = [image, other, kept, instance, eip, volume, natGateway];

function plan(options: Partial<CleanupOptions> = {}, resources = all) {
  const items = [
    item(image, 'ec2-image-in-use', 3.3),
    item(instance, 'ec2-instance-not-idle', 70.08),
    item(eip, 'ec2-eip-associated', 3.65),
    item(volume, 'ec2-volume-attached', 8),
    item(natGateway, 'ec2-nat-gateway-not-idle', 32.85),
  ];
  return planCleanup(waste(items), createGraph(resources), { runId: 'r1', now: NOW, ...options });
}

describe('planCleanup', () => {
  it('acts on the cleanup rules only, and totals the savings of what it acts on', () => {
    const p = plan();
    expect(p.items.map((i) => i.kind).sort()).toEqual(['address', 'instance', 'volume']);
    expect(p.monthlyTotal).toBe(81.73);
    expect(p.skipped.map((s) => [s.resource.id, s.why])).toEqual([
      ['ami-old', 'retention-keep'],
      ['nat-1', 'not-cleanup'],
    ]);
  });

  it('backs up a volume, waits for the backup, deletes it, and restores it from the backup on undo', () => {
    const v = plan().items.find((i) => i.kind === 'volume')!;
    expect(v.steps.map((s) => [s.call.operation, !!s.backup, !!s.destructive, s.waitFor?.until])).toEqual([
      ['CreateSnapshot', true, false, undefined],
      ['DescribeSnapshots', false, false, 'snapshot-completed'],
      ['DeleteVolume', false, true, undefined],
    ]);
    // AWS reserves aws: tags: they are not copied to the backup.
    expect(JSON.stringify(v.steps[0]!.call.input)).not.toContain('aws:cloudformation');
    const captured = {
      Snapshots: [
        { SnapshotId: 'snap-other', VolumeId: 'vol-1', State: 'completed', Tags: [] },
        {
          SnapshotId: 'snap-b',
          VolumeId: 'vol-1',
          State: 'completed',
          Tags: [{ Key: 'cloudrounds:run', Value: 'r1' }],
        },
      ],
    };
    expect(backupSnapshots(captured, 'r1', 'vol-1').map((s) => s.SnapshotId)).toEqual(['snap-b']);
    expect(v.steps[2]!.undo!(captured)).toEqual({
      call: expect.objectContaining({
        operation: 'CreateVolume',
        input: {
          SnapshotId: 'snap-b',
          AvailabilityZone: 'us-east-1b',
          VolumeType: 'gp3',
          Iops: 4000,
          Throughput: 250,
          TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'old-data' }] }],
        },
      }),
    });
    expect(v.steps[2]!.undo!({ Snapshots: [] })).toMatchObject({
      irreversible: expect.stringMatching(/no backup/),
    });
  });

  it('releases an address with a recovery attempt as its undo, and says it may fail', () => {
    const a = plan().items.find((i) => i.kind === 'address')!;
    expect(a.steps[0]!.call).toMatchObject({
      operation: 'ReleaseAddress',
      input: { AllocationId: 'eipalloc-1' },
    });
    expect(a.steps[0]!.undo!({ Addresses: [{ PublicIp: '198.51.100.99' }] })).toMatchObject({
      call: { operation: 'AllocateAddress', input: { Domain: 'vpc', Address: '198.51.100.99' } },
    });
    expect(a.reversal).toMatch(/irreversible unless recovered/);
  });

  it('stops an idle instance, restarts it on undo only if it was running', () => {
    const i = plan().items.find((x) => x.kind === 'instance')!;
    const step = i.steps[0]!;
    expect(step.call).toMatchObject({ operation: 'StopInstances', input: { InstanceIds: ['i-idle'] } });
    const running = { Reservations: [{ Instances: [{ State: { Name: 'running' } }] }] };
    expect(step.undo!(running)).toMatchObject({ call: { operation: 'StartInstances' } });
    expect(step.undo!({ Reservations: [{ Instances: [{ State: { Name: 'stopped' } }] }] })).toMatchObject({
      irreversible: expect.any(String),
    });
    expect(i.notes.join(' ')).toMatch(/198\.51\.100\.7/);
    const store = res('AWS::EC2::Instance', 'i-idle', {
      observed: { State: 'running', RootDeviceType: 'instance-store' },
    });
    const p = plan(
      {},
      all.map((r) => (r === instance ? store : r)),
    );
    expect(p.skipped.find((s) => s.resource.id === 'i-idle')).toMatchObject({ why: 'cannot' });
  });

  it('deregisters an AMI keeping its snapshots (tagged as the backup), with RegisterImage as undo', () => {
    const p = plan({ amiRetention: 'deregister' });
    const i = p.items.find((x) => x.kind === 'image')!;
    expect(i.monthly).toBe(0);
    expect(i.steps.map((s) => [s.call.operation, !!s.backup, !!s.destructive])).toEqual([
      ['CreateTags', true, false],
      ['DeregisterImage', false, false],
    ]);
    const captured = {
      Images: [
        {
          Name: 'golden-2024',
          Architecture: 'x86_64',
          RootDeviceName: '/dev/xvda',
          VirtualizationType: 'hvm',
          BlockDeviceMappings: [
            { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-root', Encrypted: true, VolumeSize: 8 } },
          ],
        },
      ],
    };
    expect(registerFromCapture(captured, image)).toMatchObject({
      call: {
        operation: 'RegisterImage',
        input: {
          Name: 'golden-2024',
          RootDeviceName: '/dev/xvda',
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-root', VolumeSize: 8 } }],
        },
      },
    });
  });

  it('copies an AMI before deregistering it and deletes only snapshots nothing else needs', () => {
    const p = plan({ amiRetention: 'copy', amiCopyRegion: 'eu-west-1' });
    const i = p.items.find((x) => x.kind === 'image')!;
    expect(i.steps.map((s) => `${s.call.operation}@${s.call.region}`)).toEqual([
      'CopyImage@eu-west-1',
      'DescribeImages@eu-west-1',
      'DeregisterImage@us-east-1',
      'DeleteSnapshot@us-east-1',
    ]);
    expect(i.steps[3]!.call.input).toEqual({ SnapshotId: 'snap-root' });
    expect(i.notes.join(' ')).toMatch(/snap-kept/);
    expect(i.notes.join(' ')).toMatch(/snap-shared \(also behind ami-other\)/);
    expect(i.monthly).toBe(0);
  });

  it('every plan it makes passes the executor: each destructive step has a backup before it', () => {
    for (const amiRetention of ['keep', 'deregister', 'copy'] as const) {
      const { plan: change } = cleanupChangePlan(plan({ amiRetention }));
      expect(planProblems(change)).toEqual([]);
    }
  });

  it('skips protected, too recent, unknown-age and non-live resources, saying why', () => {
    const tagged = { ...volume, tags: { ...volume.tags, 'cloudrounds:keep': '' } };
    const p = plan(
      { olderThanDays: 700 },
      all.map((r) => (r === volume ? tagged : r)),
    );
    const why = Object.fromEntries(p.skipped.map((s) => [s.resource.id, s.why]));
    expect(why).toMatchObject({ 'vol-1': 'protected', 'eipalloc-1': 'age-unknown', 'i-idle': 'too-recent' });
    const demo = all.map((r) => ({ ...r, origin: { source: 'demo' as const } }));
    expect(plan({}, demo).items).toEqual([]);
    expect(plan({}, demo).skipped.every((s) => s.why === 'not-live' || s.why === 'not-cleanup')).toBe(true);
  });

  it('parses durations', () => {
    expect([parseDays('30d'), parseDays('2w'), parseDays('6m'), parseDays('45'), parseDays('x')]).toEqual([
      30,
      14,
      180,
      45,
      undefined,
    ]);
  });
});
