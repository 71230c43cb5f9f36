/**
 * AMI facts the image rules share: who launches from it, whether it is a cross-region copy, and
 * the snapshots behind it. AMIs are the model-only type `AWS::EC2::Image` (describe-images fields;
 * `observed.LastLaunchedTime`, `SourceImageId`, `SourceImageRegion`). Not a rule.
 */
import { asNumber, type GraphView } from '../rule.js';
import type { Resource } from '../../model/index.js';
import { regionsInUse } from '../config/accounts.js';
import { unreadAny, unreadReason } from '../unread.js';

export const IMAGE = 'AWS::EC2::Image';
/** Types whose reference to an AMI means something launches from it (or records it for launching). */
const NOT_USERS = new Set([IMAGE, 'AWS::EC2::Snapshot']);

/** Resources that launch from (or publish) the AMI: instances, launch templates, SSM parameters... */
export function imageUsers(image: Resource, graph: GraphView): Resource[] {
  return graph.referencing(image).filter((r) => !NOT_USERS.has(r.type) && r.observed?.State !== 'terminated');
}

/** Types that launch from an AMI of their account and region, by its id. */
const LAUNCHERS = ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'];

/** Why something that launches from the AMI may be missing: a launcher listing that failed where it is. */
export function imageUsersUnread(image: Resource, graph: GraphView): string | undefined {
  return unreadAny(graph, LAUNCHERS, image.account, image.region);
}

/**
 * Why a copy of the AMI in another region of its account may be missing: the AMI listing failed in
 * one of `regions` (when given) or in a region of the account other than the AMI's own.
 */
export function copiesUnread(
  image: Resource,
  graph: GraphView,
  regions: readonly string[],
): string | undefined {
  if (regions.length > 0) {
    for (const region of regions) {
      if (region === image.region) continue;
      const unread = unreadReason(graph, IMAGE, image.account, region);
      if (unread) return unread;
    }
    return undefined;
  }
  // Any region of the account may hold a copy: a gap without a region covers them all.
  const gap = graph.unread(IMAGE, image.account);
  if (gap && gap.region !== image.region) return unreadReason(graph, IMAGE, image.account);
  for (const region of regionsInUse(graph, image.account)) {
    if (region === image.region) continue;
    const unread = unreadReason(graph, IMAGE, image.account, region);
    if (unread) return unread;
  }
  return undefined;
}

/** The AMI's source, when AWS recorded that it is a copy (describe-images `SourceImageId`). */
export function sourceImage(image: Resource): { readonly id: string; readonly region?: string } | undefined {
  const id = image.props.SourceImageId ?? image.observed?.SourceImageId;
  if (typeof id !== 'string' || id === '') return undefined;
  const region = image.props.SourceImageRegion ?? image.observed?.SourceImageRegion;
  return { id, ...(typeof region === 'string' ? { region } : {}) };
}

/** GiB of EBS snapshots behind the AMI's block device mappings. */
export function imageSnapshotGiB(image: Resource, graph: GraphView): number | undefined {
  const mappings = image.props.BlockDeviceMappings;
  if (!Array.isArray(mappings)) return undefined;
  let total = 0;
  let any = false;
  for (const m of mappings as Array<Record<string, unknown> | null>) {
    const ebs = m?.Ebs as Record<string, unknown> | undefined;
    if (!ebs) continue;
    const snapshotId = ebs.SnapshotId;
    const snapshot =
      typeof snapshotId === 'string' ? graph.get(snapshotId, 'AWS::EC2::Snapshot', image) : undefined;
    const size = asNumber(ebs.VolumeSize) ?? asNumber(snapshot?.props.VolumeSize);
    if (size === undefined) continue;
    total += size;
    any = true;
  }
  return any ? total : undefined;
}
