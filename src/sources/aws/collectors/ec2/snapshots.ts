import { DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { unresolved } from '../../../../model/index.js';
import type { Collector, ListCall } from '../../collector.js';
import { isJson } from '../../json.js';
import { gapKindOf } from '../../errors.js';
import { CallFailed } from '../../runner.js';
import { ec2Collector, ec2Pages } from './common.js';

/**
 * The account's own snapshots that any AWS account may restore: `describe-snapshots --owner-ids
 * self --restorable-by-user-ids all` lists the snapshots whose createVolumePermission has the `all`
 * group, in one paged call per region instead of one describe-snapshot-attribute per snapshot.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshots.html
 */
const PUBLIC_SNAPSHOTS: ListCall = {
  command: DescribeSnapshotsCommand,
  action: 'ec2:DescribeSnapshots',
  items: ['Snapshots'],
  input: () => ({ OwnerIds: ['self'], RestorableByUserIds: ['all'] }),
  paginate: ec2Pages(1000)!,
};

const base = ec2Collector({
  id: 'ec2/snapshots',
  resourceTypes: ['AWS::EC2::Snapshot'],
  command: DescribeSnapshotsCommand,
  items: 'Snapshots',
  pageSize: 1000,
  input: { OwnerIds: ['self'] },
});

/**
 * `ec2 describe-snapshots` → 'AWS::EC2::Snapshot', each with `Public` (true when any account may
 * restore it). When the public listing fails, `Public` is unresolved on every snapshot of the
 * region, so the public-snapshot rule gives `error` rather than a verdict.
 */
export const snapshots: Collector = {
  ...base,
  extra: [PUBLIC_SNAPSHOTS],
  custom: async (api, data) => {
    // A region where the account's not-configured answer ended the listing has no snapshots to mark.
    const all = data.items.Snapshots ?? [];
    if (all.length === 0) return;
    let open: Set<unknown>;
    try {
      const listed = await api.list(PUBLIC_SNAPSHOTS);
      open = new Set((listed.Snapshots ?? []).map((s) => (isJson(s) ? s.SnapshotId : undefined)));
    } catch (error) {
      if (!(error instanceof CallFailed)) throw error;
      const reason = `who may restore the snapshots was not read (${error.error.code})`;
      api.gap({
        kind: gapKindOf(error.error),
        message: `AWS::EC2::Snapshot public permissions in ${api.ctx.account} ${api.ctx.region}: ${reason}; the public-snapshot check cannot decide`,
        resourceType: 'AWS::EC2::Snapshot',
        path: 'createVolumePermission',
      });
      for (const s of all)
        s.Public = unresolved(
          `ec2 describe-snapshots --owner-ids self --restorable-by-user-ids all --region ${api.ctx.region}`,
          reason,
        );
      return;
    }
    for (const s of all) s.Public = open.has(s.SnapshotId);
  },
};
