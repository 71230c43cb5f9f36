import {
  GLOBAL_REGION,
  isUnresolved,
  UNKNOWN_ACCOUNT,
  UNKNOWN_REGION,
  type CoverageGap,
  type Resource,
} from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import { buildArn, isGlobalType, naturalName } from './attributes.js';
import { resourceIsCreated } from './conditions.js';
import { foldResources } from './folds.js';
import { expandSection, usesForEach, type SectionEntry } from './foreach.js';
import { GapSink } from './gaps.js';
import { childOf, literalOnly, resolve, resourceProps } from './intrinsics.js';
import { makeChildLoader } from './nested.js';
import type { KeyPath } from './parse.js';
import { expandSam, SAM_TRANSFORM } from './sam.js';
import { isPlainObject, isPreprocessorKey, Scope, type PlainObject, type RawResource } from './scope.js';

/** Where a template sits and how its resources are named. */
export interface StackContext {
  /** The file as shown in origins and gaps (relative to the input). */
  file: string;
  /** Absolute path, to find nested templates; absent for text given in memory. */
  absFile?: string;
  /** Directory that `file` is relative to (for nested templates' display paths). */
  baseDir?: string;
  /** Prepended to logical ids to form resource ids (`dir/file.yaml#`, `Stack/`). */
  idPrefix: string;
  options: SourceOptions;
  /** Parameter values from the parent stack, for nested templates. */
  parentParams?: PlainObject;
  /** Absolute paths of the enclosing templates, against cycles. */
  ancestry: readonly string[];
}

export interface StackResult {
  resources: Resource[];
  coverage: CoverageGap[];
  scope: Scope;
}

const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/**
 * Evaluates one template (and, through `loadChild`, its local nested stacks): transforms, then
 * conditions and intrinsics, then one model resource per created resource. Folding and the
 * aggregated unresolved-value gaps are done once for the whole tree by {@link finishStack}.
 */
export function evaluateTemplate(
  template: PlainObject,
  lineOf: (path: KeyPath) => number | undefined,
  stack: StackContext,
): StackResult {
  const { options } = stack;
  const gaps = new GapSink({
    file: stack.file,
    ...(options.account ? { account: options.account } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  const problem = (kind: 'unexpanded' | 'parse-error') => (message: string, keyPath: KeyPath) =>
    gaps.add(kind, message, { path: keyPath.join('.'), ...lineAt(lineOf, keyPath) });

  const transforms = transformNames(template.Transform);
  for (const name of transforms) {
    if (name !== SAM_TRANSFORM && name !== LANGUAGE_EXTENSIONS) {
      problem('unexpanded')(`Transform ${name} (a macro) is not expanded; resources are loaded as written`, [
        'Transform',
      ]);
    }
  }

  // Loop collections only need parameters and mappings, so a scope without resources will do.
  const paramScope = new Scope(template, new Map(), gaps, { ...stack, lineOf });
  const hooks = {
    collection: (expr: unknown) => resolve(expr, paramScope, 'Fn::ForEach', 'value'),
    problem: problem('unexpanded'),
  };
  const sectionEntries = (name: string): SectionEntry[] => {
    const section = template[name];
    if (section === undefined || section === null) return [];
    if (!isPlainObject(section)) {
      problem('parse-error')(`${name} is not a map; it is ignored`, [name]);
      return [];
    }
    return usesForEach(section)
      ? expandSection(section, [name], hooks)
      : Object.entries(section).map(([key, value]) => ({ key, value, keyPath: [name, key] }));
  };

  let entries = sectionEntries('Resources');
  const expanded: PlainObject = { ...template };
  for (const name of ['Conditions', 'Outputs']) {
    if (usesForEach(template[name]))
      expanded[name] = Object.fromEntries(sectionEntries(name).map((e) => [e.key, e.value]));
  }
  if (transforms.includes(SAM_TRANSFORM))
    entries = expandSam(entries, template.Globals, { problem: problem('unexpanded') });

  const raws = new Map<string, RawResource>();
  for (const entry of entries) {
    const def = entry.value;
    if (entry.key === 'Fn::Transform') {
      // AWS::Include or a macro that inserts resources: only CloudFormation can run it.
      problem('unexpanded')(
        'Fn::Transform in Resources is not expanded; the resources it adds are not loaded',
        entry.keyPath,
      );
      continue;
    }
    if (!isPlainObject(def)) {
      problem('parse-error')(`Resource ${entry.key} is not a map; it is not loaded`, entry.keyPath);
      continue;
    }
    raws.set(entry.key, {
      logicalId: entry.key,
      type: def.Type,
      properties: def.Properties,
      condition: def.Condition,
      deletionPolicy: def.DeletionPolicy,
      updateReplacePolicy: def.UpdateReplacePolicy,
      keyPath: entry.keyPath,
    });
  }

  const scope = new Scope(expanded, raws, gaps, {
    ...stack,
    lineOf,
    loadChild: makeChildLoader(stack, evaluateTemplate),
  });

  const resources: Resource[] = [];
  const coverage: CoverageGap[] = [];
  for (const raw of raws.values()) {
    const resource = buildResource(scope, raw, transforms);
    if (!resource) continue;
    resources.push(resource);
    if (resource.type === 'AWS::CloudFormation::Stack') {
      const child = childOf(scope, raw.logicalId);
      if (child) {
        resources.push(...child.resources);
        coverage.push(...child.coverage);
      }
    }
  }
  return { resources, coverage: [...gaps.list, ...coverage], scope };
}

function lineAt(lineOf: (path: KeyPath) => number | undefined, keyPath: KeyPath): { line?: number } {
  for (let n = keyPath.length; n > 0; n--) {
    const line = lineOf(keyPath.slice(0, n));
    if (line !== undefined) return { line };
  }
  return {};
}

function transformNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((t) =>
    typeof t === 'string' ? t : isPlainObject(t) && typeof t.Name === 'string' ? t.Name : '?',
  );
}

/** `AWS::Service::Type`, `Custom::Name`, or a registry / module type `Org::Service::Type(::MODULE)`. */
const AWS_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;
const CUSTOM_TYPE = /^Custom::[A-Za-z0-9_@.-]+$/;
const THIRD_PARTY_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?$/;

function buildResource(scope: Scope, raw: RawResource, transforms: readonly string[]): Resource | undefined {
  const path = `Resources.${raw.logicalId}`;
  const { type } = raw;
  if (typeof type !== 'string') {
    const tag = isPlainObject(type) ? Object.keys(type)[0] : undefined;
    if (tag !== undefined && isPreprocessorKey(tag)) {
      scope.gap(
        'unexpanded',
        `Resource ${raw.logicalId} has Type ${tag} (a preprocessor module); not loaded`,
        path,
      );
    } else {
      scope.gap('parse-error', `Resource ${raw.logicalId} has no Type; not loaded`, path);
    }
    return undefined;
  }
  if (type.startsWith('AWS::Serverless::') && !transforms.includes(SAM_TRANSFORM)) {
    scope.gap('unexpanded', `${type} without the ${SAM_TRANSFORM} transform is not expanded`, path);
  } else if (!AWS_TYPE.test(type) && !CUSTOM_TYPE.test(type)) {
    scope.gap(
      'unsupported-type',
      THIRD_PARTY_TYPE.test(type)
        ? `${type} is a third-party or module type; its properties are loaded as written`
        : `"${type}" is not a valid resource type name; its properties are loaded as written`,
      path,
    );
  }

  const created = resourceIsCreated(scope, raw.logicalId);
  if (created === false) return undefined;
  if (isUnresolved(created)) {
    scope.gap(
      'unresolved-value',
      `${raw.logicalId} exists only if condition ${String(raw.condition)} holds, which is not determined: ${created.reason}`,
      `${path}.Condition`,
    );
  }

  const props: PlainObject = { ...resourceProps(scope, raw.logicalId) };
  for (const [key, value] of [
    ['DeletionPolicy', raw.deletionPolicy],
    ['UpdateReplacePolicy', raw.updateReplacePolicy],
  ] as const) {
    if (value !== undefined) props[key] = resolve(value, scope, `${path}.${key}`, 'string');
  }

  const tags = tagsOf(props.Tags);
  const name = tags.Name ?? naturalName(props);
  const arn = buildArn(type, literalOnly(scope, raw.logicalId, props), {
    partition: scope.partitionName(),
    region: scope.regionName(),
    account: scope.accountId(),
  });
  const line = scope.lineOfResource(raw.logicalId);
  return {
    type,
    id: scope.idOf(raw.logicalId),
    ...('arn' in arn ? { arn: arn.arn } : {}),
    account: scope.accountId() ?? UNKNOWN_ACCOUNT,
    region: isGlobalType(type) ? GLOBAL_REGION : (scope.regionName() ?? UNKNOWN_REGION),
    ...(name !== undefined ? { name } : {}),
    tags,
    props,
    origin: {
      source: 'cloudformation',
      file: scope.settings.file,
      logicalId: raw.logicalId,
      ...(line !== undefined ? { line } : {}),
    },
  };
}

/** `Tags: [{Key, Value}]` (most types) or a `{key: value}` map (SSM, SAM, a few others). */
function tagsOf(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  const put = (key: unknown, v: unknown) => {
    // A tag whose key or value is not determined stays only in props.Tags (with its gap).
    if (
      typeof key === 'string' &&
      (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    ) {
      tags[key] = String(v);
    }
  };
  if (Array.isArray(value)) {
    for (const tag of value) if (isPlainObject(tag)) put(tag.Key, tag.Value);
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) put(k, v);
  }
  return tags;
}

/** Folds standalone resources and adds one unresolved-value gap per resource property. */
export function finishStack(result: { resources: Resource[]; coverage: CoverageGap[] }): {
  resources: Resource[];
  coverage: CoverageGap[];
} {
  const folded = foldResources(result.resources);
  return {
    resources: folded.resources,
    coverage: [...result.coverage, ...folded.gaps, ...unresolvedGaps(folded.resources)],
  };
}

function unresolvedGaps(resources: readonly Resource[]): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  for (const r of resources) {
    for (const [key, value] of Object.entries(r.props)) {
      const reasons = new Set<string>();
      const count = countUnresolved(value, reasons);
      if (count === 0) continue;
      const shown =
        [...reasons].slice(0, 3).join('; ') + (reasons.size > 3 ? `; and ${reasons.size - 3} more` : '');
      const logicalId = r.origin.logicalId ?? r.id;
      gaps.push({
        kind: 'unresolved-value',
        message: `${logicalId}.${key}: ${count} value${count === 1 ? '' : 's'} not determined by the template (${shown})`,
        account: r.account,
        region: r.region,
        resourceType: r.type,
        resourceId: r.id,
        ...(r.origin.file ? { file: r.origin.file } : {}),
        ...(r.origin.line !== undefined ? { line: r.origin.line } : {}),
        path: `Resources.${logicalId}.Properties.${key}`,
      });
    }
  }
  return gaps;
}

function countUnresolved(value: unknown, reasons: Set<string>): number {
  if (isUnresolved(value)) {
    reasons.add(value.reason);
    return 1;
  }
  let count = 0;
  if (Array.isArray(value)) for (const v of value) count += countUnresolved(v, reasons);
  else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) count += countUnresolved(v, reasons);
  }
  return count;
}
