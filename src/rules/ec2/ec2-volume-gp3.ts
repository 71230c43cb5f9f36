import { z } from 'zod';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { isUnresolved, type Resource } from '../../model/index.js';
import { money } from './observed.js';
import { EBS_GB_MONTH, GP3_IOPS_MONTH, GP3_THROUGHPUT_MONTH } from './prices.js';
import { DEFAULT_VOLUME_TYPE, volumeSize } from './volume.js';

/**
 * gp2 performance of a volume of `size` GiB, which a gp3 replacement must match: 3 IOPS per GiB
 * (100 to 16,000), and 128 MiB/s up to 170 GiB, 250 MiB/s above (gp2 bursts there).
 * https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
 */
function gp2Performance(size: number): { iops: number; throughput: number } {
  return { iops: Math.min(16000, Math.max(100, 3 * size)), throughput: size <= 170 ? 128 : 250 };
}

/** How reasons name the volume: `EBS volume <id>`. */
function who(volume: Resource): string {
  return `EBS volume ${label(volume)}`;
}

/**
 * Compliant: the EBS volume is not gp2 (an absent `VolumeType` is gp2). gp3 gives the same or
 * better baseline for less; the finding states the monthly saving of a gp3 volume provisioned to
 * match the gp2 volume's IOPS and throughput.
 */
export default defineRule({
  id: 'ec2-volume-gp3',
  title: 'EBS volume uses gp3 rather than gp2',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Volume'],
  rationale:
    'gp3 costs about 20 % less per GB than gp2 and includes a 3,000 IOPS and 125 MiB/s baseline whatever its size, where gp2 ties performance to size (3 IOPS per GB). A gp2 volume can be changed to gp3 in place with Elastic Volumes, without detaching it or stopping the instance. gp2 is still the default volume type in CloudFormation and the EC2 API, so templates that do not set VolumeType create gp2.',
  remediation: {
    text: 'Modify the volume to gp3 (online, no downtime); provision extra IOPS or throughput only if the gp2 volume used more than the gp3 baseline. Set VolumeType: gp3 in templates and launch templates.',
    cli: 'aws ec2 modify-volume --volume-id <volume-id> --volume-type gp3',
    cloudformation: 'Volume:\n  Type: AWS::EC2::Volume\n  Properties:\n    VolumeType: gp3',
    terraform: 'resource "aws_ebs_volume" "this" {\n  type = "gp3"\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/requesting-ebs-volume-modifications.html',
    'https://aws.amazon.com/ebs/pricing/',
  ],
  params: z.object({
    gp2GbMonth: z
      .number()
      .min(0)
      .default(EBS_GB_MONTH.gp2 as number)
      .describe('gp2 price per GB-month (USD).'),
    gp3GbMonth: z
      .number()
      .min(0)
      .default(EBS_GB_MONTH.gp3 as number)
      .describe('gp3 price per GB-month (USD).'),
    gp3IopsMonth: z
      .number()
      .min(0)
      .default(GP3_IOPS_MONTH)
      .describe('gp3 price per provisioned IOPS-month above 3,000 (USD).'),
    gp3ThroughputMonth: z
      .number()
      .min(0)
      .default(GP3_THROUGHPUT_MONTH)
      .describe('gp3 price per MiB/s-month above 125 (USD).'),
  }),
  evaluate(volume, ctx) {
    const type = volume.props.VolumeType;
    if (isUnresolved(type)) return error(`${who(volume)}: ${describeUnresolved('VolumeType', type)}.`);
    const effective = typeof type === 'string' ? type : DEFAULT_VOLUME_TYPE;
    if (effective !== 'gp2') {
      return effective === 'gp3'
        ? pass(() => `${who(volume)} is gp3.`)
        : notApplicable(() => `${who(volume)} is ${effective}, not a general purpose SSD.`);
    }
    const defaulted = typeof type === 'string' ? '' : ' (no VolumeType, so the default gp2)';
    const size = volumeSize(volume);
    if (size === undefined)
      return fail(`${who(volume)} is gp2${defaulted}; gp3 costs about 20 % less per GB.`);
    const p = ctx.params;
    const perf = gp2Performance(size);
    const gp2 = size * p.gp2GbMonth;
    const gp3 =
      size * p.gp3GbMonth +
      Math.max(0, perf.iops - 3000) * p.gp3IopsMonth +
      Math.max(0, perf.throughput - 125) * p.gp3ThroughputMonth;
    return fail(
      `${who(volume)} is gp2${defaulted}: ${size} GiB costs ${money(gp2)} a month; gp3 with the same ${perf.iops} IOPS and ${perf.throughput} MiB/s costs ${money(gp3)}, saving ${money(gp2 - gp3)} a month.`,
    );
  },
});
