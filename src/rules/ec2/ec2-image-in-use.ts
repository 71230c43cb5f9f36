import { z } from 'zod';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { IMAGE, imageSnapshotGiB, imageUsers, imageUsersUnread, sourceImage } from './image.js';
import { daysBetween, money, parseTime } from './observed.js';
import { SNAPSHOT_GB_MONTH } from './prices.js';

/**
 * Compliant: an AMI the account owns is in use (an instance, launch template, launch
 * configuration or other resource names it), or was launched within `unusedDays`, or is younger
 * than `minAgeDays`. Copies of an AMI that still exists are kept for disaster recovery and are not
 * applicable, as are AMIs that are not available.
 */
export default defineRule({
  id: 'ec2-image-in-use',
  title: 'AMI is in use or recent',
  category: 'cost',
  severity: 'low',
  resourceTypes: [IMAGE],
  rationale:
    'Every AMI keeps EBS snapshots of its volumes, billed monthly. Golden images are rebuilt regularly and the old ones pile up: once no instance, launch template or Auto Scaling group uses an image and it has not been launched for months, its snapshots are paid for nothing. Old AMIs are also a risk: launched by mistake, they bring back unpatched software.',
  remediation: {
    text: 'Deregister the AMI and delete its snapshots (they are not deleted with it), or disable it if it may be needed again.',
    cli: 'aws ec2 deregister-image --image-id <ami-id> --delete-associated-snapshots\naws ec2 disable-image --image-id <ami-id>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/deregister-ami.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-last-launched-time.html',
    'https://aws.amazon.com/ebs/pricing/',
  ],
  params: z.object({
    unusedDays: z
      .number()
      .int()
      .min(0)
      .default(90)
      .describe('An AMI launched within this many days counts as in use.'),
    minAgeDays: z
      .number()
      .int()
      .min(0)
      .default(90)
      .describe('AMIs younger than this, in days, are not reviewed.'),
    gbMonthPrice: z
      .number()
      .min(0)
      .default(SNAPSHOT_GB_MONTH)
      .describe('Snapshot storage price per GB-month (USD).'),
  }),
  evaluate(image, ctx) {
    const who = `AMI ${label(image)}`;
    const state = image.observed?.State;
    if (typeof state === 'string' && state !== 'available') return notApplicable(() => `${who} is ${state}.`);
    const users = imageUsers(image, ctx.graph);
    if (users.length > 0) {
      const shown =
        users.slice(0, 3).map(label).join(', ') + (users.length > 3 ? ` and ${users.length - 3} more` : '');
      return pass(() => `${who} is used by ${shown}.`);
    }
    const source = sourceImage(image);
    if (source && source.region !== image.region && ctx.graph.get(source.id, IMAGE)) {
      return notApplicable(() => `${who} is a copy of ${source.id} kept in ${image.region}.`);
    }
    const p = ctx.params;
    const launched = parseTime(image.observed?.LastLaunchedTime);
    if (launched && daysBetween(launched, ctx.now) <= p.unusedDays) {
      return pass(() => `${who} was launched ${daysBetween(launched, ctx.now)} days ago.`);
    }
    const created = parseTime(image.observed?.CreationDate ?? image.props.CreationDate);
    if (!created) return notApplicable(() => `${who} has no creation date in the snapshot.`);
    const age = daysBetween(created, ctx.now);
    if (age < p.minAgeDays) return pass(() => `${who} is ${age} days old.`);
    // What launches from it may be among what was not listed.
    const unread = imageUsersUnread(image, ctx.graph);
    if (unread)
      return error(`${who} is ${age} days old; whether anything launches from it is not known: ${unread}.`);
    const gib = imageSnapshotGiB(image, ctx.graph);
    const cost =
      gib === undefined
        ? ''
        : `; its ${gib} GiB of snapshots cost up to ${money(gib * p.gbMonthPrice)} a month`;
    const last = launched ? `last launched ${daysBetween(launched, ctx.now)} days ago` : 'no launch recorded';
    return fail(`${who} is ${age} days old, used by nothing in the snapshot, ${last}${cost}.`);
  },
});
