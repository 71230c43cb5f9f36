import type { CoverageGap, CoverageGapKind, Resource } from '../../model/index.js';
import { isUnresolved, unresolved, type Unresolved } from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import type { GapSink } from './gaps.js';
import type { KeyPath } from './parse.js';

/** `AWS::NoValue`: removes the property or list element that holds it. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * How a value is used. In `value` position a `Ref` to a resource is a link (the target's `id`);
 * inside a string (`Fn::Sub`, `Fn::Join`) it must be the physical name, which a template rarely fixes.
 */
export type Mode = 'value' | 'string';

/** A resource as declared (after transforms), before its intrinsics are evaluated. */
export interface RawResource {
  logicalId: string;
  type: unknown;
  properties: unknown;
  condition?: unknown;
  deletionPolicy?: unknown;
  updateReplacePolicy?: unknown;
  /** Where the declaration is in the text, for its line number. */
  keyPath: KeyPath;
}

/** A nested stack that was loaded, for `Fn::GetAtt Stack.Outputs.Name`. */
export interface LoadedChild {
  output(name: string, mode: Mode): unknown;
  /** The child's resources (unfolded) and gaps, merged into the parent's. */
  resources: Resource[];
  coverage: CoverageGap[];
}

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnresolved(value);
}

/** Everything the evaluation of one template needs, with its memo tables. */
export class Scope {
  readonly parameters: PlainObject;
  readonly mappings: PlainObject;
  readonly conditions: PlainObject;
  readonly outputs: PlainObject;
  readonly resources: Map<string, RawResource>;

  /** Memo tables, filled by the evaluator (see intrinsics.ts and conditions.ts). */
  readonly parameterValues = new Map<string, unknown>();
  readonly conditionValues = new Map<string, boolean | Unresolved | 'pending'>();
  readonly resolvedProps = new Map<string, PlainObject | 'pending'>();
  readonly children = new Map<string, LoadedChild | undefined>();

  constructor(
    template: PlainObject,
    resources: Map<string, RawResource>,
    readonly gaps: GapSink,
    readonly settings: {
      file: string;
      idPrefix: string;
      options: SourceOptions;
      /** Parameter values given by a parent stack (replace `options.params` for nested templates). */
      parentParams?: PlainObject;
      lineOf: (path: KeyPath) => number | undefined;
      loadChild?: (scope: Scope, logicalId: string) => LoadedChild | undefined;
    },
  ) {
    this.parameters = section(template.Parameters);
    this.mappings = section(template.Mappings);
    this.conditions = section(template.Conditions);
    this.outputs = section(template.Outputs);
    this.resources = resources;
  }

  /** The resource `id` of a logical id (prefixed for directories and nested stacks). */
  idOf(logicalId: string): string {
    return `${this.settings.idPrefix}${logicalId}`;
  }

  lineOfResource(logicalId: string): number | undefined {
    const raw = this.resources.get(logicalId);
    return raw ? this.settings.lineOf(raw.keyPath) : undefined;
  }

  /** Records a gap; a path under `Resources.X` is tied to resource X and its line. */
  gap(kind: CoverageGapKind, message: string, path: string): void {
    const logicalId = /^Resources\.([^.[]+)/.exec(path)?.[1];
    const raw = logicalId ? this.resources.get(logicalId) : undefined;
    const section = /^(\w+)\.([^.[]+)/.exec(path);
    const line = raw
      ? this.settings.lineOf(raw.keyPath)
      : section
        ? this.settings.lineOf([section[1] as string, section[2] as string])
        : undefined;
    this.gaps.add(kind, message, {
      path,
      ...(line !== undefined ? { line } : {}),
      ...(raw && logicalId ? { resourceId: this.idOf(logicalId) } : {}),
      ...(raw && typeof raw.type === 'string' ? { resourceType: raw.type } : {}),
    });
  }

  /** An explicit override from `--param` (or the parent stack), then the given fallback. */
  override(name: string): unknown {
    // A nested template takes its parameters from the parent stack only; `--param` is for the root.
    const parent = this.settings.parentParams;
    if (parent) return parent[name];
    return this.settings.options.params?.[name];
  }

  /**
   * Pseudo parameters: `--param AWS::X=...` wins, then `options.account`/`options.region`, then what
   * follows from the region (partition, URL suffix); otherwise unresolved.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
   */
  pseudo(name: string): unknown {
    const given = this.settings.options.params?.[name];
    if (given !== undefined) return name === 'AWS::NotificationARNs' ? splitList(given) : given;
    const region = this.regionName();
    const partition = this.partitionName();
    switch (name) {
      case 'AWS::Region':
        return region ?? unresolved({ Ref: name }, 'the region is not known (pass --region)');
      case 'AWS::AccountId':
        return this.accountId() ?? unresolved({ Ref: name }, 'the account is not known (pass --account)');
      case 'AWS::Partition':
        return partition ?? unresolved({ Ref: name }, 'the partition is not known (pass --region)');
      case 'AWS::URLSuffix':
        return partition === undefined
          ? unresolved({ Ref: name }, 'the partition is not known (pass --region)')
          : partition === 'aws-cn'
            ? 'amazonaws.com.cn'
            : 'amazonaws.com';
      case 'AWS::StackName':
      case 'AWS::StackId':
      case 'AWS::NotificationARNs':
        return unresolved({ Ref: name }, `${name} is known only when the stack is deployed`);
      default:
        return undefined;
    }
  }

  regionName(): string | undefined {
    return this.settings.options.params?.['AWS::Region'] ?? this.settings.options.region;
  }

  accountId(): string | undefined {
    return this.settings.options.params?.['AWS::AccountId'] ?? this.settings.options.account;
  }

  partitionName(): string | undefined {
    const given = this.settings.options.params?.['AWS::Partition'];
    if (given) return given;
    const region = this.regionName();
    if (!region) return undefined;
    if (region.startsWith('cn-')) return 'aws-cn';
    if (region.startsWith('us-gov-')) return 'aws-us-gov';
    if (region.startsWith('us-iso-')) return 'aws-iso';
    if (region.startsWith('us-isob-')) return 'aws-iso-b';
    return 'aws';
  }
}

function section(value: unknown): PlainObject {
  return isPlainObject(value) ? value : {};
}

/**
 * A key left by a preprocessor the loader does not run: an unknown YAML tag (`!Rain::Embed`, kept
 * as `{"!Rain::Embed": ...}` by the parser) or its JSON form (`{"Rain::Module": ...}`).
 */
export function isPreprocessorKey(key: string): boolean {
  return key.startsWith('!') || key.startsWith('Rain::');
}

export function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',').map((s) => s.trim());
}
