import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, label, notApplicable, pass, fail, type GraphView } from '../rule.js';
import { copiesUnread, IMAGE, imageUsers, imageUsersUnread, sourceImage } from './image.js';

const related = new WeakMap<GraphView, Map<string, Resource[]>>();

/** AMIs by `<account> name <Name>` and by `source <SourceImageId>`, built once per graph. */
function relatedIndex(graph: GraphView): Map<string, Resource[]> {
  let index = related.get(graph);
  if (!index) {
    const map = new Map<string, Resource[]>();
    const put = (key: string, r: Resource) => map.set(key, [...(map.get(key) ?? []), r]);
    for (const image of graph.byType(IMAGE)) {
      const name = image.props.Name ?? image.name;
      if (typeof name === 'string' && name !== '') put(`${image.account} name ${name}`, image);
      const source = sourceImage(image);
      if (source) put(`source ${source.id}`, image);
    }
    related.set(graph, map);
    index = map;
  }
  return index;
}

/** Available copies of the AMI in other regions of the same account: recorded as such, or by the same name. */
function copiesOf(image: Resource, graph: GraphView): Resource[] {
  const index = relatedIndex(graph);
  const name = image.props.Name ?? image.name;
  const candidates = new Set<Resource>([
    ...(index.get(`source ${image.id}`) ?? []),
    ...(typeof name === 'string' && name !== '' ? (index.get(`${image.account} name ${name}`) ?? []) : []),
  ]);
  const source = sourceImage(image);
  const original = source ? graph.get(source.id, IMAGE, image) : undefined;
  if (original) candidates.add(original);
  return [...candidates].filter(
    (other) =>
      other !== image &&
      other.account === image.account &&
      other.region !== image.region &&
      (other.observed?.State === undefined || other.observed.State === 'available'),
  );
}

/** How reasons name the AMI: `AMI <id>`. */
function who(image: Resource): string {
  return `AMI ${label(image)}`;
}

/**
 * Compliant: an AMI that something launches from (an instance, launch template or launch
 * configuration) has an available copy in another region of the same account, in one of
 * `drRegions` when that list is set. A copy is an AMI whose `SourceImageId` names it, or one with
 * the same name. AMIs nothing uses, and AMIs in a DR region themselves, are not applicable.
 */
export default defineRule({
  id: 'ec2-image-copied-to-dr-region',
  title: 'AMI in use has a copy in a disaster recovery region',
  category: 'dr',
  severity: 'medium',
  resourceTypes: [IMAGE],
  rationale:
    'An AMI exists only in the region where it was made. If that region fails, the launch templates and Auto Scaling groups of the recovery plan have nothing to launch from in the other region, and rebuilding the image there takes hours the recovery time objective does not have. The AMI is the whole package (its encrypted snapshots included): make it, copy it to the DR region, and do it again for every new version.',
  remediation: {
    text: 'Copy the AMI to the disaster recovery region (re-encrypting with a key of that region) as part of the image pipeline, and reference the copy in the DR launch templates.',
    cli: 'aws ec2 copy-image --source-image-id <ami-id> --source-region <region> --region <dr-region> --name <name> --encrypted --kms-key-id <dr-key-arn>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html',
    'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html',
  ],
  params: z.object({
    drRegions: z
      .array(z.string())
      .default([])
      .describe('Regions that count as disaster recovery regions; empty means any other region.'),
  }),
  evaluate(image, ctx) {
    const state = image.observed?.State;
    if (typeof state === 'string' && state !== 'available')
      return notApplicable(() => `${who(image)} is ${state}.`);
    const dr = ctx.params.drRegions;
    if (dr.includes(image.region))
      return notApplicable(() => `${who(image)} is in disaster recovery region ${image.region}.`);
    const users = imageUsers(image, ctx.graph);
    if (users.length === 0) {
      const unread = imageUsersUnread(image, ctx.graph);
      if (unread) return error(`${who(image)}: whether anything launches from it is not known: ${unread}.`);
      return notApplicable(() => `${who(image)} is used by nothing in the snapshot.`);
    }
    const copies = copiesOf(image, ctx.graph).filter((c) => dr.length === 0 || dr.includes(c.region));
    const usedBy = users.slice(0, 2).map(label).join(', ') + (users.length > 2 ? ' and others' : '');
    if (copies.length > 0) {
      return pass(
        () =>
          `${who(image)} (used by ${usedBy}) has a copy in ${copies.map((c) => `${c.region} (${c.id})`).join(', ')}.`,
      );
    }
    const where = dr.length > 0 ? `in ${dr.join(' or ')}` : 'in another region';
    const unread = copiesUnread(image, ctx.graph, dr);
    if (unread)
      return error(
        `${who(image)} is used by ${usedBy}; whether it has a copy ${where} is not known: ${unread}.`,
      );
    return fail(
      `${who(image)} is used by ${usedBy} but has no copy ${where}: a regional outage leaves nothing to launch from.`,
    );
  },
});
