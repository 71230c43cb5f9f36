/**
 * The cleanup plan: the priced waste of {@link priceWaste} turned into the exact AWS calls that
 * remove it, each destructive call preceded by its backup. Pure: the waste answer, the graph and
 * the options in; a plan out. src/change/cleanup.ts executes it. See docs/cleanup.md.
 *
 * What cleanup acts on is what the cost rules call waste (one definition of "idle" and "unused"):
 * - `ec2-volume-attached`: CreateSnapshot (tagged with the run id), wait until it is completed,
 *   DeleteVolume; undo creates a new volume from the backup snapshot.
 * - `ec2-eip-associated`: ReleaseAddress; undo is a recovery attempt (AllocateAddress with the same
 *   address), which AWS grants only while no other account has taken the address.
 * - `ec2-image-in-use`: per `amiRetention` (below).
 * - `ec2-instance-not-idle`: StopInstances; undo StartInstances.
 * Everything else the waste answer lists is left to the user, and the plan says so.
 */
import type { Resource } from '../model/index.js';
import type { AwsCall, FixStep, UndoPlan } from '../rules/fix.js';
import type { GraphView } from '../rules/context.js';
import type { WasteAnswer, WasteItem } from './waste.js';

/** The tag that marks every backup a cleanup run makes, with the run id as its value. */
export const RUN_TAG = 'cloudrounds:run';
/** The tag on a backup naming the resource it backs up. */
export const SOURCE_TAG = 'cloudrounds:source';
/** Resources carrying this tag (any value) are never touched, unless another key is configured. */
export const DEFAULT_KEEP_TAG = 'cloudrounds:keep';

/**
 * What happens to an unused AMI:
 * - `keep` (default): nothing; the AMI is listed as skipped.
 * - `deregister`: DeregisterImage only. Its snapshots stay (tagged with the run id) and are the
 *   backup: undo registers the image again from them. No storage is saved until they are deleted.
 * - `copy`: CopyImage (to `amiCopyRegion`, default the AMI's own region) is the backup, then
 *   DeregisterImage and DeleteSnapshot of the original's snapshots. The copy costs about what the
 *   original did, so this moves the cost rather than removing it; the plan says so.
 */
export const AMI_RETENTIONS = ['keep', 'deregister', 'copy'] as const;
export type AmiRetention = (typeof AMI_RETENTIONS)[number];

/** The rules whose failures cleanup acts on, and what it does about each. */
export const CLEANUP_RULES = {
  'ec2-volume-attached': 'volume',
  'ec2-eip-associated': 'address',
  'ec2-image-in-use': 'image',
  'ec2-instance-not-idle': 'instance',
} as const;
export type CleanupKind = (typeof CLEANUP_RULES)[keyof typeof CLEANUP_RULES];

/** Every IAM write action a cleanup plan may use, for `cloudrounds policy --fix`. */
export const CLEANUP_WRITE_ACTIONS = [
  'ec2:CopyImage',
  'ec2:CreateSnapshot',
  'ec2:CreateTags',
  'ec2:DeleteSnapshot',
  'ec2:DeleteVolume',
  'ec2:DeregisterImage',
  'ec2:ReleaseAddress',
  'ec2:StopInstances',
] as const;

/** Write actions undo of a cleanup may use (restoring is a separate, explicit decision). */
export const CLEANUP_UNDO_ACTIONS = [
  'ec2:AllocateAddress',
  'ec2:CreateVolume',
  'ec2:RegisterImage',
  'ec2:StartInstances',
] as const;

export interface CleanupOptions {
  /** The id of this cleanup run: the value of {@link RUN_TAG} on every backup. */
  runId: string;
  /** The time ages are measured at (the snapshot's `takenAt`). */
  now: Date;
  /** Only resources created (or, for AMIs, last launched) at least this many days ago. */
  olderThanDays?: number;
  /** Tag key that protects a resource; default {@link DEFAULT_KEEP_TAG}. */
  keepTag?: string;
  amiRetention?: AmiRetention;
  /** Region the AMI copies go to with `amiRetention: 'copy'`; default the AMI's region. */
  amiCopyRegion?: string;
}

/**
 * A step of a cleanup plan. `waitFor`: the step is a read-only call repeated until the backup it
 * describes is usable (snapshot `completed`, image `available`); the next step must not run before.
 */
export interface CleanupStep extends FixStep {
  waitFor?: WaitFor;
}

/** A backup to wait for: made by run `runId` from resource `source`. */
export interface WaitFor {
  until: 'snapshot-completed' | 'image-available';
  what: string;
  runId: string;
  source: string;
}

/** One resource the plan acts on. */
export interface CleanupItem {
  kind: CleanupKind;
  ruleId: string;
  resource: WasteItem['resource'];
  /** The finding's reason. */
  reason: string;
  /** What the steps do, in words. */
  action: string;
  steps: CleanupStep[];
  /** Per month, what the steps save (0 when they only move or keep the cost); null when not priced. */
  monthly: number | null;
  basis: string;
  /** How far the change can be reversed, in words. */
  reversal: string;
  /** Caveats: what is lost for good, what still costs. */
  notes: string[];
  /** Age in days used for `olderThanDays`, when known. */
  ageDays?: number;
}

export type SkipReason =
  'protected' | 'too-recent' | 'age-unknown' | 'retention-keep' | 'not-cleanup' | 'not-live' | 'cannot';

/** A waste item the plan does not act on, and why. */
export interface CleanupSkip {
  ruleId: string;
  resource: WasteItem['resource'];
  why: SkipReason;
  detail: string;
  monthly: number | null;
}

export interface CleanupPlan {
  runId: string;
  items: CleanupItem[];
  skipped: CleanupSkip[];
  /** Per month; each resource once. */
  monthlyTotal: number;
  currency: string;
  priceDate: string;
  keepTag: string;
  amiRetention: AmiRetention;
  olderThanDays?: number;
}

const DAY_MS = 86_400_000;

/** Plans the cleanup of the priced waste. Pure. */
export function planCleanup(waste: WasteAnswer, graph: GraphView, options: CleanupOptions): CleanupPlan {
  const keepTag = options.keepTag ?? DEFAULT_KEEP_TAG;
  const retention = options.amiRetention ?? 'keep';
  const items: CleanupItem[] = [];
  const skipped: CleanupSkip[] = [];
  const seen = new Set<string>();
  const skip = (w: WasteItem, why: SkipReason, detail: string) =>
    skipped.push({ ruleId: w.ruleId, resource: w.resource, why, detail, monthly: w.monthly });

  for (const w of waste.items) {
    const kind = (CLEANUP_RULES as Record<string, CleanupKind | undefined>)[w.ruleId];
    if (!kind) {
      skip(w, 'not-cleanup', `cleanup does not act on ${w.ruleId}; see its remediation`);
      continue;
    }
    const key = `${w.resource.type}\u001f${w.resource.account}\u001f${w.resource.region}\u001f${w.resource.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const resource = graph.get(w.resource.id, w.resource.type);
    if (!resource) {
      skip(w, 'cannot', 'the resource is not in the snapshot');
      continue;
    }
    if (resource.origin.source !== 'aws' && resource.origin.source !== 'snapshot') {
      skip(w, 'not-live', `from a ${resource.origin.source} source: cleanup acts on live accounts only`);
      continue;
    }
    if (keepTag in resource.tags) {
      skip(w, 'protected', `tagged ${keepTag}${resource.tags[keepTag] ? `=${resource.tags[keepTag]}` : ''}`);
      continue;
    }
    const age = ageOf(kind, resource, options.now);
    if (options.olderThanDays !== undefined) {
      if (age === undefined) {
        skip(w, 'age-unknown', `${ageSource(kind)} is not known, so --older-than cannot be checked`);
        continue;
      }
      if (age < options.olderThanDays) {
        skip(w, 'too-recent', `${ageSource(kind)} ${age} days ago, under ${options.olderThanDays}`);
        continue;
      }
    }
    const planned = planItem(kind, w, resource, graph, { ...options, keepTag, amiRetention: retention });
    if ('skip' in planned) {
      skip(w, planned.skip, planned.detail);
      continue;
    }
    items.push({ ...planned, ...(age !== undefined ? { ageDays: age } : {}) });
  }
  const monthlyTotal = round(items.reduce((n, i) => n + (i.monthly ?? 0), 0));
  return {
    runId: options.runId,
    items,
    skipped,
    monthlyTotal,
    currency: waste.currency,
    priceDate: waste.priceDate,
    keepTag,
    amiRetention: retention,
    ...(options.olderThanDays !== undefined ? { olderThanDays: options.olderThanDays } : {}),
  };
}

type Planned = Omit<CleanupItem, 'ageDays'> | { skip: SkipReason; detail: string };
type Resolved = CleanupOptions & { keepTag: string; amiRetention: AmiRetention };

function planItem(kind: CleanupKind, w: WasteItem, r: Resource, graph: GraphView, o: Resolved): Planned {
  switch (kind) {
    case 'volume':
      return planVolume(w, r, o);
    case 'address':
      return planAddress(w, r);
    case 'image':
      return planImage(w, r, graph, o);
    case 'instance':
      return planInstance(w, r);
  }
}

function base(w: WasteItem, kind: CleanupKind) {
  return { kind, ruleId: w.ruleId, resource: w.resource, reason: w.reason, basis: w.basis };
}

const ec2 = (r: Resource, operation: string, input: Record<string, unknown>, region = r.region): AwsCall => ({
  client: 'ec2',
  operation,
  input,
  action: `ec2:${operation}`,
  account: r.account,
  region,
});

function runTags(runId: string, source: string): Array<{ Key: string; Value: string }> {
  return [
    { Key: RUN_TAG, Value: runId },
    { Key: SOURCE_TAG, Value: source },
  ];
}

/** The resource's own tags, for carrying them to a restored copy (AWS reserves `aws:` keys). */
function userTags(r: Resource): Array<{ Key: string; Value: string }> {
  return Object.entries(r.tags)
    .filter(([k]) => !k.startsWith('aws:'))
    .map(([Key, Value]) => ({ Key, Value }));
}

// --- Volumes -------------------------------------------------------------------------------

/** The backup snapshot of the volume this run made: what undo restores from. */
function backupFilter(runId: string, volumeId: string) {
  return {
    Filters: [
      { Name: `tag:${RUN_TAG}`, Values: [runId] },
      { Name: 'volume-id', Values: [volumeId] },
    ],
  };
}

function planVolume(w: WasteItem, r: Resource, o: Resolved): Planned {
  const state = r.observed?.State;
  if (state !== undefined && state !== 'available') {
    return { skip: 'cannot', detail: `volume is ${String(state)}, not available` };
  }
  const tags = userTags(r);
  const create = (captured: unknown): UndoPlan => {
    const snapshot = backupSnapshots(captured, o.runId, r.id)[0]?.SnapshotId;
    if (!snapshot) return { irreversible: `no backup snapshot tagged ${RUN_TAG}=${o.runId} was found` };
    const input: Record<string, unknown> = {
      SnapshotId: snapshot,
      AvailabilityZone: r.props.AvailabilityZone,
      VolumeType: r.props.VolumeType,
    };
    // gp3 / io1 / io2 carry provisioned performance; gp2 and magnetic types derive it from the size.
    if (['gp3', 'io1', 'io2'].includes(String(r.props.VolumeType)) && r.props.Iops !== undefined)
      input.Iops = r.props.Iops;
    if (r.props.VolumeType === 'gp3' && r.props.Throughput !== undefined)
      input.Throughput = r.props.Throughput;
    if (tags.length > 0) input.TagSpecifications = [{ ResourceType: 'volume', Tags: tags }];
    return { call: ec2(r, 'CreateVolume', input) };
  };
  return {
    ...base(w, 'volume'),
    action: `Snapshot EBS volume ${r.id}, then delete it`,
    monthly: w.monthly,
    reversal: `a new volume (new id) can be created from the backup snapshot in ${String(r.props.AvailabilityZone ?? r.region)}; attachments are not restored`,
    notes: [`the backup snapshot is kept (tag ${RUN_TAG}=${o.runId}) and billed as snapshot storage`],
    steps: [
      {
        description: `Back up volume ${r.id} to a snapshot tagged ${RUN_TAG}=${o.runId}`,
        call: ec2(r, 'CreateSnapshot', {
          VolumeId: r.id,
          Description: `cloudrounds cleanup ${o.runId}: backup of ${r.id} before delete`,
          TagSpecifications: [{ ResourceType: 'snapshot', Tags: [...runTags(o.runId, r.id), ...tags] }],
        }),
        backup: true,
      },
      {
        // Snapshot data is copied asynchronously; the volume goes only once its backup is whole.
        // https://docs.aws.amazon.com/ebs/latest/userguide/ebs-creating-snapshot.html
        description: `Wait until the backup snapshot of ${r.id} is completed`,
        call: ec2(r, 'DescribeSnapshots', backupFilter(o.runId, r.id)),
        waitFor: {
          until: 'snapshot-completed',
          what: `backup snapshot of ${r.id}`,
          runId: o.runId,
          source: r.id,
        },
      },
      {
        description: `Delete volume ${r.id}`,
        call: ec2(r, 'DeleteVolume', { VolumeId: r.id }),
        capture: ec2(r, 'DescribeSnapshots', backupFilter(o.runId, r.id)),
        undo: create,
        destructive: true,
      },
    ],
  };
}

/** A snapshot as DescribeSnapshots answers it (the SDK's shape, dates as strings). */
export interface SnapshotAnswer {
  SnapshotId?: string;
  VolumeId?: string;
  State?: string;
  Tags?: Array<{ Key?: string; Value?: string }>;
}

/**
 * The backup snapshots of a volume made by one run, in a DescribeSnapshots answer, completed ones
 * first. Filtered here as well as in the request: what the answer says is what counts.
 */
export function backupSnapshots(captured: unknown, runId: string, volumeId: string): SnapshotAnswer[] {
  const list = (captured as { Snapshots?: SnapshotAnswer[] } | null)?.Snapshots;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (s) =>
        typeof s.SnapshotId === 'string' &&
        s.State !== 'error' &&
        (s.VolumeId === undefined || s.VolumeId === volumeId) &&
        (s.Tags ?? []).some((t) => t.Key === RUN_TAG && t.Value === runId),
    )
    .sort((a, b) => Number(b.State === 'completed') - Number(a.State === 'completed'));
}

// --- Elastic IPs ---------------------------------------------------------------------------

function planAddress(w: WasteItem, r: Resource): Planned {
  if (r.observed?.AssociationId) return { skip: 'cannot', detail: 'the address is associated now' };
  const allocationId = r.observed?.AllocationId ?? (String(r.id).startsWith('eipalloc-') ? r.id : undefined);
  const publicIp = r.observed?.PublicIp ?? r.name;
  const input = allocationId ? { AllocationId: allocationId } : { PublicIp: publicIp };
  const tags = userTags(r);
  const recover = (captured: unknown): UndoPlan => {
    // The answer is matched by id, not taken first: what it says is what counts.
    const list = (captured as { Addresses?: Array<{ PublicIp?: unknown; AllocationId?: unknown }> } | null)
      ?.Addresses;
    const found = (Array.isArray(list) ? list : []).find((a) =>
      allocationId ? a.AllocationId === allocationId : a.PublicIp === publicIp,
    );
    const ip = typeof found?.PublicIp === 'string' ? found.PublicIp : publicIp;
    if (typeof ip !== 'string') return { irreversible: 'the public address was not recorded' };
    const input: Record<string, unknown> = { Domain: 'vpc', Address: ip };
    if (tags.length > 0) input.TagSpecifications = [{ ResourceType: 'elastic-ip', Tags: tags }];
    return { call: ec2(r, 'AllocateAddress', input) };
  };
  return {
    ...base(w, 'address'),
    action: `Release Elastic IP ${String(publicIp ?? r.id)}`,
    monthly: w.monthly,
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/working-with-eips.html#using-eip-recovering
    reversal:
      'irreversible unless recovered: AllocateAddress with the same address succeeds only while no other AWS account has been given it; DNS records and allow-lists naming it break otherwise',
    notes: ['a released address returns to the Amazon pool; there is nothing to back up'],
    steps: [
      {
        description: `Release Elastic IP ${String(publicIp ?? r.id)} (${r.id})`,
        call: ec2(r, 'ReleaseAddress', input),
        capture: ec2(
          r,
          'DescribeAddresses',
          allocationId ? { AllocationIds: [allocationId] } : { PublicIps: [publicIp] },
        ),
        undo: recover,
      },
    ],
  };
}

// --- AMIs ----------------------------------------------------------------------------------

interface Mapping {
  DeviceName?: string;
  Ebs?: { SnapshotId?: string };
}

function imageSnapshots(r: Resource): string[] {
  const m = r.props.BlockDeviceMappings;
  if (!Array.isArray(m)) return [];
  return (m as Array<Mapping | null>)
    .map((x) => x?.Ebs?.SnapshotId)
    .filter((id): id is string => typeof id === 'string');
}

/** RegisterImage from a captured DescribeImages answer: the same snapshots and boot settings. */
export function registerFromCapture(captured: unknown, r: Resource): UndoPlan {
  const images = (captured as { Images?: Array<Record<string, unknown>> } | null)?.Images;
  const image = (Array.isArray(images) ? images : []).find(
    (i) => i.ImageId === undefined || i.ImageId === r.id,
  );
  if (!image) return { irreversible: `image ${r.id} was not found when captured` };
  const mappings = Array.isArray(image.BlockDeviceMappings)
    ? (image.BlockDeviceMappings as Array<Record<string, unknown>>).map((m) => {
        const ebs = m.Ebs as Record<string, unknown> | undefined;
        if (!ebs) return m;
        // RegisterImage takes the snapshot and its volume settings; encryption comes from the snapshot.
        const { Encrypted: _e, KmsKeyId: _k, ...rest } = ebs;
        return { ...m, Ebs: rest };
      })
    : undefined;
  const keys = [
    'Name',
    'Description',
    'Architecture',
    'RootDeviceName',
    'VirtualizationType',
    'EnaSupport',
    'SriovNetSupport',
    'BootMode',
    'TpmSupport',
    'ImdsSupport',
  ];
  const input: Record<string, unknown> = {};
  for (const k of keys) if (image[k] !== undefined) input[k] = image[k];
  if (mappings) input.BlockDeviceMappings = mappings;
  const tags = userTags(r);
  if (tags.length > 0) input.TagSpecifications = [{ ResourceType: 'image', Tags: tags }];
  return { call: ec2(r, 'RegisterImage', input) };
}

function planImage(w: WasteItem, r: Resource, graph: GraphView, o: Resolved): Planned {
  if (o.amiRetention === 'keep') {
    return {
      skip: 'retention-keep',
      detail: 'AMI retention is keep: pass --ami-retention deregister or copy to act on AMIs',
    };
  }
  const snapshots = imageSnapshots(r);
  const capture = ec2(r, 'DescribeImages', { ImageIds: [r.id] });
  const deregister: CleanupStep = {
    description: `Deregister AMI ${r.id}${r.name ? ` (${r.name})` : ''}`,
    call: ec2(r, 'DeregisterImage', { ImageId: r.id }),
    capture,
    undo: (captured) => registerFromCapture(captured, r),
  };
  if (o.amiRetention === 'deregister') {
    return {
      ...base(w, 'image'),
      action: `Deregister AMI ${r.id}, keeping its ${snapshots.length} snapshot(s)`,
      monthly: 0,
      basis: `snapshots kept: ${w.basis || 'not priced'}`,
      reversal:
        'the image can be registered again from its kept snapshots (a new AMI id; launch permissions are not restored)',
      notes: [
        `its snapshots are kept and tagged ${RUN_TAG}=${o.runId}; deleting them later saves ${w.monthly === null ? 'an unpriced amount' : `${w.monthly} ${w.currency}`} a month`,
      ],
      steps: [
        ...(snapshots.length
          ? [
              {
                description: `Tag the snapshots of ${r.id} with ${RUN_TAG}=${o.runId}: they are what the image can be registered from again`,
                call: ec2(r, 'CreateTags', { Resources: snapshots, Tags: runTags(o.runId, r.id) }),
                backup: true,
              },
            ]
          : []),
        deregister,
      ],
    };
  }
  // copy: the copy is the backup, then the original and its snapshots go.
  const target = o.amiCopyRegion ?? r.region;
  const protectedSnaps: string[] = [];
  const sharedSnaps: string[] = [];
  const deletable: string[] = [];
  for (const id of snapshots) {
    const snap = graph.get(id, 'AWS::EC2::Snapshot', r);
    const others = graph
      .filter('AWS::EC2::Image', (i) => i.id !== r.id && imageSnapshots(i).includes(id))
      .map((i) => i.id);
    if (snap && o.keepTag in snap.tags) protectedSnaps.push(id);
    else if (others.length) sharedSnaps.push(`${id} (also behind ${others.join(', ')})`);
    else deletable.push(id);
  }
  const name = `${String(r.props.Name ?? r.name ?? r.id)}-cloudrounds-${o.runId}`.slice(0, 128);
  const copy: CleanupStep = {
    description: `Copy AMI ${r.id} to ${target} as "${name}", tagged ${RUN_TAG}=${o.runId}`,
    call: ec2(
      r,
      'CopyImage',
      {
        SourceImageId: r.id,
        SourceRegion: r.region,
        Name: name,
        Description: `cloudrounds cleanup ${o.runId}: copy of ${r.id} before deregistering it`,
        CopyImageTags: true,
        TagSpecifications: [
          { ResourceType: 'image', Tags: runTags(o.runId, r.id) },
          { ResourceType: 'snapshot', Tags: runTags(o.runId, r.id) },
        ],
      },
      target,
    ),
    backup: true,
  };
  const wait: CleanupStep = {
    description: `Wait until the copy of ${r.id} is available in ${target}`,
    call: ec2(
      r,
      'DescribeImages',
      {
        Owners: ['self'],
        Filters: [
          { Name: `tag:${RUN_TAG}`, Values: [o.runId] },
          { Name: `tag:${SOURCE_TAG}`, Values: [r.id] },
        ],
      },
      target,
    ),
    waitFor: { until: 'image-available', what: `copy of ${r.id}`, runId: o.runId, source: r.id },
  };
  const deletes: CleanupStep[] = deletable.map((id) => ({
    description: `Delete snapshot ${id} of the deregistered AMI ${r.id}`,
    call: ec2(r, 'DeleteSnapshot', { SnapshotId: id }),
    undo: () => ({
      irreversible: `snapshot ${id} is gone; the copy made in ${target} by this run holds the same data`,
    }),
    destructive: true,
  }));
  const notes = [
    `the copy's snapshots are full copies and cost about what the original's did${target === r.region ? '' : ` (in ${target})`}: this moves the cost, it does not remove it`,
  ];
  if (protectedSnaps.length) notes.push(`kept, tagged ${o.keepTag}: ${protectedSnaps.join(', ')}`);
  if (sharedSnaps.length) notes.push(`kept, used by another AMI: ${sharedSnaps.join(', ')}`);
  return {
    ...base(w, 'image'),
    action: `Copy AMI ${r.id} to ${target}, deregister it and delete ${deletable.length} snapshot(s)`,
    monthly: 0,
    basis: `moved to the copy: ${w.basis || 'not priced'}`,
    reversal: `the copy in ${target} replaces it (a new AMI id); the original cannot be brought back`,
    notes,
    steps: [copy, wait, deregister, ...deletes],
  };
}

// --- Instances -----------------------------------------------------------------------------

function planInstance(w: WasteItem, r: Resource): Planned {
  const state = r.observed?.State;
  if (state !== undefined && state !== 'running') {
    return { skip: 'cannot', detail: `instance is ${String(state)}, not running` };
  }
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Stop_Start.html
  if (r.observed?.RootDeviceType === 'instance-store') {
    return { skip: 'cannot', detail: 'an instance-store-backed instance cannot be stopped, only terminated' };
  }
  if (r.observed?.InstanceLifecycle === 'spot') {
    return {
      skip: 'cannot',
      detail: 'a Spot instance is stopped only if its request is persistent: left to the user',
    };
  }
  const notes = [
    'its EBS volumes are still billed while it is stopped',
    'data on instance-store volumes is lost when it stops',
  ];
  if (r.observed?.PublicIpAddress) {
    notes.push(
      `its public IPv4 ${String(r.observed.PublicIpAddress)} is released on stop unless it is an Elastic IP`,
    );
  }
  return {
    ...base(w, 'instance'),
    action: `Stop idle instance ${r.id}`,
    monthly: w.monthly,
    reversal: 'StartInstances starts it again (a new public IPv4 address unless it has an Elastic IP)',
    notes,
    steps: [
      {
        description: `Stop instance ${r.id}${r.name ? ` (${r.name})` : ''}`,
        call: ec2(r, 'StopInstances', { InstanceIds: [r.id] }),
        capture: ec2(r, 'DescribeInstances', { InstanceIds: [r.id] }),
        undo: (captured) => {
          const reservations =
            (
              captured as {
                Reservations?: Array<{
                  Instances?: Array<{ InstanceId?: string; State?: { Name?: string } }>;
                }>;
              } | null
            )?.Reservations ?? [];
          const s = reservations
            .flatMap((x) => x.Instances ?? [])
            .find((x) => x.InstanceId === undefined || x.InstanceId === r.id)?.State?.Name;
          if (s !== undefined && s !== 'running') return { irreversible: `the instance was ${s} before` };
          return { call: ec2(r, 'StartInstances', { InstanceIds: [r.id] }) };
        },
      },
    ],
  };
}

// --- Ages ----------------------------------------------------------------------------------

function ageSource(kind: CleanupKind): string {
  switch (kind) {
    case 'volume':
      return 'volume created';
    case 'address':
      return 'address allocated (DescribeAddresses does not report when)';
    case 'image':
      return 'AMI last launched (or created)';
    case 'instance':
      return 'instance launched';
  }
}

/** Days since creation, or since last use for AMIs. */
function ageOf(kind: CleanupKind, r: Resource, now: Date): number | undefined {
  const o = r.observed ?? {};
  const when =
    kind === 'volume'
      ? o.CreateTime
      : kind === 'image'
        ? (o.LastLaunchedTime ?? o.CreationDate ?? r.props.CreationDate)
        : kind === 'instance'
          ? o.LaunchTime
          : undefined;
  if (typeof when !== 'string') return undefined;
  const t = Date.parse(when);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((now.getTime() - t) / DAY_MS);
}

/** `30d`, `12w`, `6m` (30-day months) or a bare number of days → days. */
export function parseDays(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([dwm]?)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return unit === 'w' ? n * 7 : unit === 'm' ? n * 30 : n;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
