import { GLOBAL_REGION, type Resource } from '../../model/index.js';
import { seededRandom } from './ids.js';
import { PROBLEM_TAG, TWIN_TAG, type ProblemId } from './problems.js';

/** Where a resource lives. */
export interface Place {
  account: string;
  region: string;
}

/** What a module knows about one resource; the inventory adds tags, origin and the `Tags` prop. */
export interface Spec {
  type: string;
  id: string;
  arn?: string;
  /** The service's own name for the resource; for EC2 resources it also becomes the `Name` tag. */
  name?: string;
  tags?: Record<string, string>;
  /** CloudFormation-shaped properties. */
  props: Record<string, unknown>;
  /** Runtime facts a template cannot know (state, metrics, last use). */
  observed?: Record<string, unknown>;
  /** Seeded problem(s) this resource carries. */
  problem?: ProblemId | readonly ProblemId[];
  /** Problem(s) this resource is the compliant twin of. */
  twin?: ProblemId | readonly ProblemId[];
}

/**
 * Types whose CloudFormation resource has no `Tags` list property (no tagging, a map, or another
 * name): their tags stay on `Resource.tags` only.
 */
const NO_TAGS_PROP = new Set([
  'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy',
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupSelection',
  'AWS::Backup::BackupVault',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::EC2::Image',
  'AWS::EC2::Snapshot',
  'AWS::IAM::AccountPasswordPolicy',
  'AWS::IAM::Group',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::RootAccount',
  'AWS::KMS::Alias',
  'AWS::Organizations::Organization',
  'AWS::RDS::DBSnapshot',
  'AWS::Route53::HealthCheck',
  'AWS::Route53::HostedZone',
  'AWS::Route53::RecordSet',
  'AWS::S3::AccountPublicAccessBlock',
]);

/** EC2 types whose name is a `Name` tag rather than a property. */
const NAME_TAGGED = /^AWS::(EC2|AutoScaling)::/;

function ids(value: ProblemId | readonly ProblemId[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return (typeof value === 'string' ? [value] : [...value]).join(' ');
}

/** The demo's resources in the order they were declared, which is the snapshot's order. */
export class Inventory {
  readonly resources: Resource[] = [];

  add(place: Place, spec: Spec): Resource {
    const tags: Record<string, string> = {};
    if (spec.name && NAME_TAGGED.test(spec.type)) tags.Name = spec.name;
    Object.assign(tags, spec.tags);
    const problem = ids(spec.problem);
    const twin = ids(spec.twin);
    if (problem) tags[PROBLEM_TAG] = problem;
    if (twin) tags[TWIN_TAG] = twin;

    const props: Record<string, unknown> = { ...spec.props };
    // Templates and describe output carry tags as a CloudFormation `Tags` list too.
    if (Object.keys(tags).length > 0 && props.Tags === undefined && !NO_TAGS_PROP.has(spec.type)) {
      props.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    }
    // Keys in the order of the model, absent ones left out, as a snapshot file would have them.
    const resource: Resource = {
      type: spec.type,
      id: spec.id,
      ...(spec.arn !== undefined ? { arn: spec.arn } : {}),
      account: place.account,
      region: place.region,
      ...(spec.name !== undefined ? { name: spec.name } : {}),
      tags,
      props,
      ...(spec.observed !== undefined ? { observed: spec.observed } : {}),
      origin: { source: 'demo' },
    };
    this.resources.push(resource);
    return resource;
  }
}

/** `arn:aws:<service>:<region>:<account>:<resource>`; global services have an empty region. */
export function arnOf(service: string, place: Place, resource: string): string {
  const region = place.region === GLOBAL_REGION ? '' : place.region;
  return `arn:aws:${service}:${region}:${place.account}:${resource}`;
}

/** An IAM policy document. */
export function policyDocument(...statements: Array<Record<string, unknown>>): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * One CloudWatch metric over the look-back window, as a collector summarises it for `observed.Metrics`:
 * one value per period, oldest first, the last period ending at the snapshot time.
 */
export interface MetricSeries {
  Namespace: string;
  Statistic: 'Average' | 'Sum' | 'Maximum' | 'Minimum';
  Unit: string;
  PeriodSeconds: number;
  Values: number[];
}

const DAY_SECONDS = 86_400;

/** A daily metric series of `days` values around `base` ± `spread`, never negative, deterministic per key. */
export function dailyMetric(
  key: string,
  namespace: string,
  statistic: MetricSeries['Statistic'],
  unit: string,
  days: number,
  base: number,
  spread: number,
  decimals = 2,
): MetricSeries {
  const random = seededRandom(key);
  const factor = 10 ** decimals;
  const values = Array.from({ length: days }, () => {
    const value = Math.max(0, base + (random() * 2 - 1) * spread);
    return Math.round(value * factor) / factor;
  });
  return {
    Namespace: namespace,
    Statistic: statistic,
    Unit: unit,
    PeriodSeconds: DAY_SECONDS,
    Values: values,
  };
}

/** A daily series with explicit values (a spike, a flat zero). */
export function dailyValues(
  namespace: string,
  statistic: MetricSeries['Statistic'],
  unit: string,
  values: number[],
): MetricSeries {
  return {
    Namespace: namespace,
    Statistic: statistic,
    Unit: unit,
    PeriodSeconds: DAY_SECONDS,
    Values: values,
  };
}
