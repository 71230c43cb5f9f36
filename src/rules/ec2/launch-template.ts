/**
 * The launch template an instance or Auto Scaling group launches from, and its
 * `LaunchTemplateData`, so that rules can read settings (metadata options, instance profile,
 * instance type) that live in the template rather than on the instance. Not a rule.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-launchtemplatespecification.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, type GraphView } from '../rule.js';

export const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';

export type LaunchTemplateLookup =
  | { readonly template: Resource; readonly data: Record<string, unknown> }
  /** The resource names no launch template. */
  | { readonly none: true }
  | { readonly unknown: string };

/** Most instances name no launch template: one answer serves them all. */
const NONE: LaunchTemplateLookup = { none: true };
const REFERENCE_KEYS = ['LaunchTemplateId', 'LaunchTemplateName'] as const;

/**
 * Resolves a `LaunchTemplate: {LaunchTemplateId | LaunchTemplateName, Version}` specification.
 * The snapshot holds one version of a template (its props); the specification's version is not
 * compared, which is what a template deploying both together means.
 */
export function launchTemplateOf(
  spec: unknown,
  at: string,
  graph: GraphView,
  near: Resource,
): LaunchTemplateLookup {
  if (spec === undefined || spec === null) return NONE;
  if (isUnresolved(spec)) return { unknown: describeUnresolved(at, spec) };
  if (typeof spec !== 'object') return { unknown: `${at} is not a launch template specification` };
  const s = spec as Record<string, unknown>;
  for (const key of REFERENCE_KEYS) {
    const ref = s[key];
    if (isUnresolved(ref)) return { unknown: describeUnresolved(`${at}.${key}`, ref) };
    if (typeof ref !== 'string') continue;
    const template =
      key === 'LaunchTemplateId'
        ? graph.get(ref, LAUNCH_TEMPLATE, near)
        : graph.resolve(ref, LAUNCH_TEMPLATE, near);
    if (!template) return { unknown: `${at} names launch template ${ref}, which is not in the snapshot` };
    const data = template.props.LaunchTemplateData;
    if (isUnresolved(data)) return { unknown: describeUnresolved(`LaunchTemplateData of ${ref}`, data) };
    return {
      template,
      data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {},
    };
  }
  return { unknown: `${at} names no launch template` };
}
