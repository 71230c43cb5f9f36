import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { asNumber, defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { unreadAny } from '../unread.js';
import { daysBetween, money, parseTime } from './observed.js';
import { SNAPSHOT_GB_MONTH } from './prices.js';

const SNAPSHOT = 'AWS::EC2::Snapshot';
const VOLUME = 'AWS::EC2::Volume';
const IMAGE = 'AWS::EC2::Image';
/**
 * "Snapshots that are created by the CopySnapshot action have an arbitrary volume ID that should
 * not be used for any purpose." https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Snapshot.html
 */
const COPY_VOLUME_ID = 'vol-ffffffff';

function managedByBackup(snapshot: {
  tags: Record<string, string>;
  props: Record<string, unknown>;
}): boolean {
  for (const key in snapshot.tags) {
    if (Object.hasOwn(snapshot.tags, key) && key.startsWith('aws:backup:')) return true;
  }
  const d = snapshot.props.Description;
  return typeof d === 'string' && /created by the AWS Backup service/i.test(d);
}

/** How reasons name the snapshot: `EBS snapshot <id>`. */
function who(snapshot: Resource): string {
  return `EBS snapshot ${label(snapshot)}`;
}

/**
 * Compliant: an EBS snapshot older than `minAgeDays` (90) still has a reason to exist: its
 * source volume is in the snapshot, or an AMI uses it. Snapshots kept by AWS Backup (their
 * lifecycle deletes them), copies (whose volume id is meaningless), incomplete snapshots and
 * recent ones are not applicable.
 */
export default defineRule({
  id: 'ec2-snapshot-source-exists',
  title: 'EBS snapshot belongs to an existing volume or AMI',
  category: 'cost',
  severity: 'low',
  resourceTypes: [SNAPSHOT],
  rationale:
    "Snapshots taken by hand before a migration or a change outlive the volumes they came from and are billed every month for the data they hold. When the volume is gone and no AMI needs the snapshot, nobody is going to restore it: it is an orphan. Snapshots made by AWS Backup are governed by their plan's lifecycle, and those behind an AMI must stay with it; the rest should be deleted or archived after a review.",
  remediation: {
    text: 'Delete the snapshot after checking nobody needs it, or move it to the archive tier if it must be kept for compliance; keep future manual snapshots under an AWS Backup plan or a Data Lifecycle Manager policy so they expire.',
    cli: 'aws ec2 delete-snapshot --snapshot-id <snap-id>\naws ec2 modify-snapshot-tier --snapshot-id <snap-id> --storage-tier archive',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-deleting-snapshot.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive.html',
    'https://aws.amazon.com/ebs/pricing/',
  ],
  params: z.object({
    minAgeDays: z
      .number()
      .int()
      .min(0)
      .default(90)
      .describe('Snapshots younger than this, in days, are not reviewed.'),
    gbMonthPrice: z
      .number()
      .min(0)
      .default(SNAPSHOT_GB_MONTH)
      .describe('Snapshot storage price per GB-month (USD, standard tier).'),
  }),
  evaluate(snapshot, ctx) {
    const state = snapshot.observed?.State;
    if (typeof state === 'string' && state !== 'completed')
      return notApplicable(() => `${who(snapshot)} is ${state}.`);
    const ami = ctx.graph.referencing(snapshot).find((r) => r.type === IMAGE);
    if (ami) return pass(() => `${who(snapshot)} backs AMI ${label(ami)}.`);
    const volumeId = snapshot.props.VolumeId;
    const volume = typeof volumeId === 'string' ? ctx.graph.get(volumeId, VOLUME, snapshot) : undefined;
    if (volume) return pass(() => `${who(snapshot)} is of volume ${label(volume)}, which exists.`);
    if (managedByBackup(snapshot))
      return notApplicable(
        () => `${who(snapshot)} is an AWS Backup recovery point; its backup plan deletes it.`,
      );
    if (volumeId === COPY_VOLUME_ID)
      return notApplicable(
        () => `${who(snapshot)} is a copy; its source volume is in another snapshot or region.`,
      );
    if (typeof volumeId !== 'string') return error(`${who(snapshot)} names no source volume.`);
    const started = parseTime(snapshot.observed?.StartTime);
    if (!started) return error(`${who(snapshot)} has no StartTime, so its age is not known.`);
    const age = daysBetween(started, ctx.now);
    if (age < ctx.params.minAgeDays)
      return notApplicable(
        () => `${who(snapshot)} is ${age} days old (reviewed after ${ctx.params.minAgeDays}).`,
      );
    // The volume, or an AMI of the account that uses the snapshot, may be among what was not listed.
    const unread = unreadAny(ctx.graph, [VOLUME, IMAGE], snapshot.account, snapshot.region);
    if (unread) {
      return error(
        `${who(snapshot)}: whether volume ${volumeId} still exists or an AMI uses the snapshot is not known: ${unread}.`,
      );
    }
    if (!ctx.graph.inAccount(VOLUME, snapshot.account).find((v) => v.region === snapshot.region)) {
      return error(
        `${who(snapshot)}: no volumes of account ${snapshot.account} in ${snapshot.region} are in the snapshot, so whether ${volumeId} exists is not known.`,
      );
    }
    const full = asNumber(snapshot.observed?.FullSnapshotSizeInBytes);
    const gb = full !== undefined ? full / 1024 ** 3 : asNumber(snapshot.props.VolumeSize);
    const cost =
      gb === undefined
        ? ''
        : full !== undefined
          ? `; it costs ${money(gb * ctx.params.gbMonthPrice)} a month`
          : `; it costs up to ${money(gb * ctx.params.gbMonthPrice)} a month (${gb} GiB volume; snapshots bill only the blocks they hold)`;
    return fail(
      `${who(snapshot)} is ${age} days old, its volume ${volumeId} no longer exists and no AMI uses it${cost}.`,
    );
  },
});
