import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';

/**
 * Families AWS lists as previous generation (https://aws.amazon.com/ec2/previous-generation/ and
 * the "Previous generation instances" page of the EC2 instance types guide). Kept to those no
 * one disputes; add m4, c4, r4 or t2 through the parameter to be stricter.
 */
const PREVIOUS_GENERATION = [
  't1',
  'm1',
  'm2',
  'm3',
  'c1',
  'c3',
  'cc1',
  'cc2',
  'cg1',
  'cr1',
  'g2',
  'hi1',
  'hs1',
  'i2',
  'r3',
];

function instanceTypeOf(resource: Resource): unknown {
  if (resource.type === 'AWS::EC2::LaunchTemplate') {
    const data = resource.props.LaunchTemplateData;
    return isUnresolved(data) ? data : (data as Record<string, unknown> | undefined)?.InstanceType;
  }
  return resource.props.InstanceType;
}

/** How reasons name the resource: `EC2 instance <id>`, `Launch template <id>`, `Launch configuration <id>`. */
function who(resource: Resource): string {
  const kind =
    resource.type === 'AWS::EC2::Instance'
      ? 'EC2 instance'
      : resource.type === 'AWS::EC2::LaunchTemplate'
        ? 'Launch template'
        : 'Launch configuration';
  return `${kind} ${label(resource)}`;
}

/**
 * Compliant: the instance, launch template or launch configuration uses an instance type of a
 * current generation family. Launch templates that leave the type to the launch are not applicable.
 */
export default defineRule({
  id: 'ec2-instance-type-current-generation',
  title: 'EC2 instance type is of a current generation',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  rationale:
    'Previous-generation instance types (M1, M3, C3, R3, T1 and their peers) cost more per unit of compute than their successors, run on older hardware without the Nitro system, enhanced networking or EBS optimisation by default, and cannot use some current AMIs and features. Moving to the current family is usually a one-line change that lowers the bill and raises performance.',
  remediation: {
    text: "Change the instance type to the current family's equivalent (for example m3 → m7i or m7g, c3 → c7i, r3 → r7i, t1 → t3) after checking AMI support (ENA and NVMe drivers).",
    cli: 'aws ec2 stop-instances --instance-ids <instance-id>\naws ec2 modify-instance-attribute --instance-id <instance-id> --instance-type "{\\"Value\\": \\"m7i.large\\"}"\naws ec2 start-instances --instance-ids <instance-id>',
    cloudformation: 'InstanceType: m7i.large',
    terraform: 'resource "aws_instance" "this" {\n  instance_type = "m7i.large"\n}',
  },
  controls: [],
  references: [
    'https://aws.amazon.com/ec2/previous-generation/',
    'https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html',
  ],
  params: z.object({
    previousGenerationFamilies: z
      .array(z.string())
      .default(PREVIOUS_GENERATION)
      .describe('Instance families (the part before the dot, lower case) that count as previous generation.'),
  }),
  evaluate(resource, ctx) {
    if (resource.observed?.State === 'terminated')
      return notApplicable(() => `${who(resource)} is terminated.`);
    const type = instanceTypeOf(resource);
    if (isUnresolved(type)) return error(`${who(resource)}: ${describeUnresolved('InstanceType', type)}.`);
    if (typeof type !== 'string' || type === '')
      return notApplicable(() => `${who(resource)} sets no instance type.`);
    const family = type.slice(0, type.indexOf('.') === -1 ? type.length : type.indexOf('.')).toLowerCase();
    if (ctx.params.previousGenerationFamilies.includes(family)) {
      return fail(`${who(resource)} uses ${type}, a previous-generation type (family ${family}).`);
    }
    return pass(() => `${who(resource)} uses ${type}, a current-generation type.`);
  },
});
