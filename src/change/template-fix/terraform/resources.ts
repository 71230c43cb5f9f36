/**
 * CloudFormation resources a fix adds, as Terraform resources: a bucket policy as
 * `aws_s3_bucket_policy`, an Application Auto Scaling target and policy as `aws_appautoscaling_target`
 * and `aws_appautoscaling_policy`. Intrinsics that name a resource of the configuration become
 * references (`{Ref: X}` -> `X.id`, `Fn::GetAtt [X, Arn]` -> `X.arn`, `Fn::Sub` -> a string template);
 * any other intrinsic is refused, never guessed.
 *
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/appautoscaling_target
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/appautoscaling_policy
 */
import { HclCall, HclExpr, hclTemplate, renderArguments } from './hcl-values.js';

/** Turns a logical id of the fix's patches into a Terraform address, if it names one. */
export type AddressOf = (logicalId: string) => string | undefined;

/** A bucket whose ARN is written literally: its name is a literal in the configuration. */
export interface LiteralBucket {
  address: string;
  arn: string;
}

type Converted = { value: unknown } | { cannot: string };

/** `Arn` -> `arn`, `ResourceId` -> `resource_id`. */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * A CloudFormation value as an HCL value. With `bucket`, the bucket's ARN is written as its literal
 * text rather than a reference, so that a rule can compare it with the bucket's name.
 */
export function convertValue(value: unknown, addressOf: AddressOf, bucket?: LiteralBucket): Converted {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const c = convertValue(v, addressOf, bucket);
      if ('cannot' in c) return c;
      out.push(c.value);
    }
    return { value: out };
  }
  if (value === null || typeof value !== 'object') return { value };
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::')))
    return intrinsic(keys[0]!, o[keys[0]!], addressOf, bucket);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const c = convertValue(v, addressOf, bucket);
    if ('cannot' in c) return c;
    out[k] = c.value;
  }
  return { value: out };
}

function intrinsic(name: string, arg: unknown, addressOf: AddressOf, bucket?: LiteralBucket): Converted {
  if (name === 'Ref' && typeof arg === 'string') {
    const address = addressOf(arg);
    return address ? { value: new HclExpr(`${address}.id`) } : { cannot: `Ref ${arg} names no resource` };
  }
  if (
    name === 'Fn::GetAtt' &&
    Array.isArray(arg) &&
    typeof arg[0] === 'string' &&
    typeof arg[1] === 'string'
  ) {
    const address = addressOf(arg[0]);
    if (!address) return { cannot: `Fn::GetAtt ${arg[0]} names no resource` };
    if (bucket?.address === address && arg[1] === 'Arn') return { value: bucket.arn };
    return { value: new HclExpr(`${address}.${snake(arg[1])}`) };
  }
  if (name === 'Fn::Sub' && typeof arg === 'string') {
    const parts: Array<string | HclExpr> = [];
    let at = 0;
    for (const m of arg.matchAll(/\$\{([^}!]+)\}/g)) {
      parts.push(arg.slice(at, m.index));
      at = m.index + m[0].length;
      // `${X}` or `${X.Attr}`, where a Terraform address X has dots of its own.
      const whole = addressOf(m[1]!);
      const dot = m[1]!.lastIndexOf('.');
      const id = whole ? m[1]! : m[1]!.slice(0, dot);
      const attr = whole || dot < 0 ? undefined : m[1]!.slice(dot + 1);
      const address = whole ?? (dot < 0 ? undefined : addressOf(id));
      if (!address) return { cannot: `Fn::Sub names \${${m[1]}}, which is no resource of the configuration` };
      if (bucket?.address === address && attr === 'Arn') parts.push(bucket.arn);
      else parts.push(new HclExpr(`${address}.${attr ? snake(attr) : 'id'}`));
    }
    parts.push(arg.slice(at));
    if (parts.every((p) => typeof p === 'string')) return { value: parts.join('') };
    return { value: hclTemplate(parts.filter((p) => p !== '')) };
  }
  return { cannot: `${name} has no Terraform form here` };
}

/** An item of a new block's body: an argument, or a nested block. */
export type BodyItem = readonly [string, unknown] | { block: string; body: BodyItem[] };

/** Body lines (without the resource's own indentation): arguments first, then each block after a blank line. */
export function renderBody(items: readonly BodyItem[], indent = '  '): string[] {
  const lines: string[] = [];
  let run: Array<readonly [string, unknown]> = [];
  const flush = () => {
    if (run.length > 0) lines.push(...renderArguments(run, indent).flatMap((l) => l.split('\n')));
    run = [];
  };
  for (const item of items) {
    if (Array.isArray(item)) run.push(item as readonly [string, unknown]);
    else {
      flush();
      const b = item as { block: string; body: BodyItem[] };
      if (lines.length > 0) lines.push('');
      lines.push(`${indent}${b.block} {`, ...renderBody(b.body, `${indent}  `), `${indent}}`);
    }
  }
  flush();
  return lines;
}

/** A Terraform resource for an added CloudFormation resource. */
export interface NewResource {
  type: string;
  /** Body lines, indented for a top-level resource. */
  body: string[];
}

type Props = Record<string, unknown>;

function need(props: Props, keys: readonly string[], type: string): string | undefined {
  const missing = keys.filter((k) => props[k] === undefined);
  return missing.length > 0 ? `${type} without ${missing.join(', ')}` : undefined;
}

/** The Terraform resource of an added CloudFormation resource, or why there is none. */
export function newResource(
  type: string,
  properties: Props,
  addressOf: AddressOf,
  bucket?: LiteralBucket,
): NewResource | { cannot: string } {
  const converted = convertValue(properties, addressOf, bucket);
  if ('cannot' in converted) return converted;
  const p = converted.value as Props;
  switch (type) {
    case 'AWS::S3::BucketPolicy': {
      const missing = need(p, ['Bucket', 'PolicyDocument'], type);
      if (missing) return { cannot: missing };
      return {
        type: 'aws_s3_bucket_policy',
        body: renderBody([
          ['bucket', p.Bucket],
          ['policy', new HclCall('jsonencode', p.PolicyDocument)],
        ]),
      };
    }
    case 'AWS::ApplicationAutoScaling::ScalableTarget': {
      const keys = ['ServiceNamespace', 'ResourceId', 'ScalableDimension', 'MinCapacity', 'MaxCapacity'];
      const missing = need(p, keys, type);
      if (missing) return { cannot: missing };
      const extra = Object.keys(p).filter((k) => !keys.includes(k));
      if (extra.length > 0) return { cannot: `${type} with ${extra.join(', ')} has no mapping here` };
      return {
        type: 'aws_appautoscaling_target',
        body: renderBody([
          ['max_capacity', p.MaxCapacity],
          ['min_capacity', p.MinCapacity],
          ['resource_id', p.ResourceId],
          ['scalable_dimension', p.ScalableDimension],
          ['service_namespace', p.ServiceNamespace],
        ]),
      };
    }
    case 'AWS::ApplicationAutoScaling::ScalingPolicy':
      return scalingPolicy(p);
    default:
      return { cannot: `a new ${type} has no Terraform mapping here` };
  }
}

function scalingPolicy(p: Props): NewResource | { cannot: string } {
  const type = 'AWS::ApplicationAutoScaling::ScalingPolicy';
  const missing = need(p, ['PolicyName', 'PolicyType', 'ScalingTargetId'], type);
  if (missing) return { cannot: missing };
  const target = p.ScalingTargetId;
  // The policy names its target by resource, dimension and namespace; CloudFormation by the target's Ref.
  const ref =
    target instanceof HclExpr ? /^(aws_appautoscaling_target\.[\w-]+)\.id$/.exec(target.text) : null;
  if (!ref) return { cannot: 'the scaling policy’s target is not a scalable target of the configuration' };
  const config = p.TargetTrackingScalingPolicyConfiguration as Props | undefined;
  if (p.PolicyType !== 'TargetTrackingScaling' || !config)
    return { cannot: `a ${String(p.PolicyType)} scaling policy has no mapping here` };
  const metric = config.PredefinedMetricSpecification as Props | undefined;
  const known = ['TargetValue', 'PredefinedMetricSpecification'];
  const extra = Object.keys(config).filter((k) => !known.includes(k));
  if (
    !metric ||
    typeof metric.PredefinedMetricType !== 'string' ||
    Object.keys(metric).length !== 1 ||
    extra.length > 0
  )
    return { cannot: 'only a predefined-metric target tracking configuration has a mapping here' };
  const t = ref[1]!;
  return {
    type: 'aws_appautoscaling_policy',
    body: renderBody([
      ['name', p.PolicyName],
      ['policy_type', p.PolicyType],
      ['resource_id', new HclExpr(`${t}.resource_id`)],
      ['scalable_dimension', new HclExpr(`${t}.scalable_dimension`)],
      ['service_namespace', new HclExpr(`${t}.service_namespace`)],
      {
        block: 'target_tracking_scaling_policy_configuration',
        body: [
          ['target_value', config.TargetValue],
          {
            block: 'predefined_metric_specification',
            body: [['predefined_metric_type', metric.PredefinedMetricType]],
          },
        ],
      },
    ]),
  };
}

/** The Terraform name of an added resource: the fixed resource's name and what the logical id adds. */
export function newName(ownAddress: string, ownName: string, logicalId: string): string {
  const suffix = logicalId.startsWith(ownAddress) ? logicalId.slice(ownAddress.length) : logicalId;
  const words = snake(suffix.replace(/[^A-Za-z0-9]/g, ''))
    .replace(/_(scalable_target|scaling_policy|policy)$/, '')
    .replace(/^_+|_+$/g, '');
  return words ? `${ownName}_${words}` : ownName;
}
