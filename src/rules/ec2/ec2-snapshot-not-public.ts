import { isUnresolved, type Resource } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
} from '../rule.js';
import { unreadReason } from '../unread.js';

const BLOCK = 'AWS::EC2::SnapshotBlockPublicAccess';

/** How reasons name the snapshot: `EBS snapshot <id>`. */
function who(snapshot: Resource): string {
  return `EBS snapshot ${label(snapshot)}`;
}

/**
 * Compliant: the EBS snapshot cannot be restored by anyone: its `createVolumePermission` has no
 * `all` group (observed as `CreateVolumePermissions`, or `Public`), or the region's snapshot block
 * public access is `block-all-sharing`. Snapshots whose permissions were not collected are not
 * applicable; a live snapshot whose public listing failed (`Public` unresolved) is an error.
 */
export default defineRule({
  id: 'ec2-snapshot-not-public',
  title: 'EBS snapshot is not public',
  category: 'security',
  severity: 'critical',
  resourceTypes: ['AWS::EC2::Snapshot'],
  rationale:
    'A public snapshot can be copied and turned into a volume by any AWS account, with everything on the disk: databases, keys, configuration, customer data. Public snapshots are searched for systematically. Sharing should name accounts; block public access for snapshots (block-all-sharing) stops it account-wide, including for snapshots already shared.',
  remediation: {
    text: 'Remove the public permission from the snapshot, and turn on block public access for snapshots in every region.',
    cli: 'aws ec2 modify-snapshot-attribute --snapshot-id <snap-id> --attribute createVolumePermission --operation-type remove --group-names all\naws ec2 enable-snapshot-block-public-access --state block-all-sharing',
    cloudformation:
      'SnapshotBlockPublicAccess:\n  Type: AWS::EC2::SnapshotBlockPublicAccess\n  Properties:\n    State: block-all-sharing',
  },
  controls: ['aws-fsbp:EC2.1'],
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1',
  ],
  evaluate(snapshot, ctx) {
    const permissions = snapshot.observed?.CreateVolumePermissions;
    // Who may restore it could not be read: unknown, not private.
    const publicFlag = snapshot.observed?.Public;
    if (isUnresolved(publicFlag) && !Array.isArray(permissions))
      return error(`${who(snapshot)}: ${describeUnresolved('Public', publicFlag)}.`);
    const flag = asBoolean(snapshot.observed?.Public);
    if (!Array.isArray(permissions) && flag === undefined) {
      return notApplicable(() => `${who(snapshot)} has no createVolumePermission data in the snapshot.`);
    }
    const isPublic =
      flag === true ||
      (Array.isArray(permissions) &&
        permissions.some((p) => (p as { Group?: unknown } | null)?.Group === 'all'));
    if (!isPublic) return pass(() => `${who(snapshot)} is not shared publicly.`);
    // "block-all-sharing": public sharing is blocked, including for snapshots already public.
    const block = ctx.graph.find(
      BLOCK,
      (b) => b.account === snapshot.account && b.region === snapshot.region,
    );
    const state = block?.props.State ?? block?.observed?.State;
    if (state === 'block-all-sharing') {
      return pass(
        () =>
          `${who(snapshot)} has a public permission, but block public access for snapshots (block-all-sharing) blocks it.`,
      );
    }
    // A setting that was not read may block the sharing.
    const unread = block ? undefined : unreadReason(ctx.graph, BLOCK, snapshot.account, snapshot.region);
    if (unread) {
      return error(
        `${who(snapshot)} has a public permission; whether block public access for snapshots blocks it is not known: ${unread}.`,
      );
    }
    return fail(`${who(snapshot)} can be restored by any AWS account (createVolumePermission group all).`);
  },
});
