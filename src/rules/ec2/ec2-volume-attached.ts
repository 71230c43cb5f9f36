import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, isPlanned, label, notApplicable, pass } from '../rule.js';
import { money } from './observed.js';
import { EBS_GB_MONTH } from './prices.js';
import { monthlyPrice, volumeSize, volumeType } from './volume.js';

const ATTACHMENT = 'AWS::EC2::VolumeAttachment';
const TRANSIENT = new Set(['creating', 'deleting', 'deleted', 'error']);

/** The live attachments of a volume that are not detached. */
function attachments(volume: Resource): Array<Record<string, unknown> | null> {
  const list = volume.observed?.Attachments;
  return Array.isArray(list)
    ? (list as Array<Record<string, unknown> | null>).filter((a) => a?.State !== 'detached')
    : [];
}

/** What an unattached volume costs, for the failure: `; its 100 GiB gp2 storage costs $10.00 a month`. */
function costs(volume: Resource, gbMonthPrices: Readonly<Record<string, number>>): string {
  const price = monthlyPrice(volume, gbMonthPrices);
  return price === undefined
    ? ''
    : `; its ${volumeSize(volume)} GiB ${volumeType(volume)} storage costs ${money(price)} a month`;
}

/** Whether a template resource attaches the volume: a VolumeAttachment, or an instance's `Volumes`. */
function attaches(r: Resource, volume: Resource): boolean {
  return (
    (r.type === ATTACHMENT && r.props.VolumeId === volume.id) ||
    (r.type === 'AWS::EC2::Instance' &&
      Array.isArray(r.props.Volumes) &&
      (r.props.Volumes as Array<Record<string, unknown> | null>).some((v) => v?.VolumeId === volume.id))
  );
}

/** How reasons name the volume: `EBS volume <id>`. */
function who(volume: Resource): string {
  return `EBS volume ${label(volume)}`;
}

/**
 * Compliant: the EBS volume is attached to an instance: `observed.State` is `in-use` (live), or a
 * template attaches it with an `AWS::EC2::VolumeAttachment` or an instance's `Volumes`. Volumes
 * being created or deleted are not applicable.
 */
export default defineRule({
  id: 'ec2-volume-attached',
  title: 'EBS volume is attached to an instance',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Volume'],
  rationale:
    'An EBS volume is billed for its provisioned size whether or not an instance uses it. Data volumes outlive the instances they were made for when DeleteOnTermination is off, and sit unattached for months: Trusted Advisor and Compute Optimizer both flag them. Snapshot the volume if its data may be needed, then delete it.',
  remediation: {
    text: 'Snapshot the volume if its data may still be needed, then delete it; or attach it to the instance it belongs to.',
    cli: 'aws ec2 create-snapshot --volume-id <volume-id> --description "before delete"\naws ec2 delete-volume --volume-id <volume-id>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html#underutilized-amazon-ebs-volumes',
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-deleting-volume.html',
    'https://aws.amazon.com/ebs/pricing/',
  ],
  params: z.object({
    gbMonthPrices: z
      .record(z.string(), z.number().min(0))
      .default(EBS_GB_MONTH)
      .describe('Storage price per GB-month by volume type (USD); defaults are us-east-1 list prices.'),
  }),
  evaluate(volume, ctx) {
    const state = volume.observed?.State;
    if (typeof state === 'string' && !isPlanned(volume)) {
      if (TRANSIENT.has(state)) return notApplicable(() => `${who(volume)} is ${state}.`);
      if (state === 'in-use' || attachments(volume).length > 0) {
        return pass(() => {
          const to = attachments(volume)
            .map((a) => a?.InstanceId)
            .filter((i) => typeof i === 'string');
          return `${who(volume)} is attached${to.length ? ` to ${to.join(', ')}` : ''}.`;
        });
      }
      return fail(
        `${who(volume)} is not attached to any instance${costs(volume, ctx.params.gbMonthPrices)}.`,
      );
    }
    const referrers = ctx.graph.referencing(volume);
    if (referrers.some((r) => attaches(r, volume))) {
      return pass(
        () =>
          `${who(volume)} is attached by ${referrers
            .filter((r) => attaches(r, volume))
            .map(label)
            .join(', ')}.`,
      );
    }
    if (volume.observed === undefined && !isPlanned(volume)) {
      return error(`${who(volume)} has no observed attachment state.`);
    }
    return fail(
      `${who(volume)} is attached to no instance in the template${costs(volume, ctx.params.gbMonthPrices)}.`,
    );
  },
});
