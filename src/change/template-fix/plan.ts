/**
 * From failing findings to property patches: asks each finding's declared fix for its template
 * patches, and says plainly why a finding gets none (no fix declared, the fix has no template
 * form, the fix refuses this resource).
 */
import type { Finding } from '../../engine/index.js';
import type { Resource } from '../../model/index.js';
import type { GraphView } from '../../rules/context.js';
import type { AnyFix, TemplatePatch } from '../../rules/fix.js';
import type { EditOutcome, PropertyPath, TemplateEdit } from './cfn-edit.js';
import { pathText } from './cfn-edit.js';

/** Looks up the fix declared for a rule (the registry's `fixFor`, or a test's own). */
export type FixLookup = (ruleId: string) => AnyFix | undefined;

/** What a failing finding gets from its fix. */
export type PatchPlan =
  { kind: 'patches'; fix: AnyFix; patches: TemplatePatch[] } | { kind: 'not-fixable'; reason: string };

/**
 * The template patches for one failing finding. `params` are `--fix-param` values, given to every
 * fix's params schema (each keeps the keys it declares).
 */
export function patchesFor(
  finding: Finding,
  resource: Resource | undefined,
  lookup: FixLookup,
  graph: GraphView,
  params: Record<string, string>,
): PatchPlan {
  const fix = lookup(finding.ruleId);
  if (!fix) return { kind: 'not-fixable', reason: 'no automated fix is declared for this rule' };
  if (!fix.template) return { kind: 'not-fixable', reason: `${fix.title}: the fix has no template form` };
  if (!resource) return { kind: 'not-fixable', reason: 'the resource is not in the loaded template' };
  let parsed: Record<string, unknown> = {};
  if (fix.params) {
    const result = fix.params.safeParse(params);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`);
      return { kind: 'not-fixable', reason: `${fix.title} needs --fix-param values (${issues.join('; ')})` };
    }
    parsed = result.data as Record<string, unknown>;
  }
  const out = fix.template(resource, { params: parsed, graph });
  if ('cannot' in out) return { kind: 'not-fixable', reason: out.cannot };
  if (out.patches.length === 0)
    return { kind: 'not-fixable', reason: `${fix.title}: the fix has nothing to change` };
  return { kind: 'patches', fix, patches: out.patches };
}

/** A standalone resource folded into its target by the sources (see src/sources/cloudformation/README.md). */
interface FoldRecord {
  property: string;
  index?: number;
  logicalId: string;
  type: string;
  file?: string;
}

function foldsOf(resource: Resource): FoldRecord[] {
  const folds = (resource.props as { $folds?: unknown }).$folds;
  return Array.isArray(folds) ? (folds as FoldRecord[]) : [];
}

function valueAt(props: unknown, path: PropertyPath): unknown {
  let node = props;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/**
 * CloudFormation edits for a resource's patches. A patch inside a property the source folded in
 * from a standalone resource (a bucket's `PolicyDocument` from an `AWS::S3::BucketPolicy`, an
 * ingress rule from an `AWS::EC2::SecurityGroupIngress`) goes to that resource's text instead.
 */
export function cloudFormationEdits(
  resource: Resource,
  patches: readonly TemplatePatch[],
): { edits: TemplateEdit[] } | { cannot: string } {
  const logicalId = resource.origin.logicalId ?? resource.id;
  const edits: TemplateEdit[] = [];
  for (const patch of patches) {
    if (patch.op === 'add-resource') {
      edits.push(patch);
      continue;
    }
    const fold = foldsOf(resource).find(
      (f) => f.property === patch.path[0] && (f.index === undefined || f.index === patch.path[1]),
    );
    let target = logicalId;
    let type = resource.type;
    let path: PropertyPath = patch.path;
    if (fold) {
      if (fold.file && resource.origin.file && fold.file !== resource.origin.file)
        return { cannot: `${pathText(patch.path)} is declared by ${fold.logicalId} in ${fold.file}` };
      target = fold.logicalId;
      type = fold.type;
      if (fold.index !== undefined) {
        if (patch.path.length === 2 && patch.op === 'remove') {
          edits.push({ op: 'remove', path: ['Resources', fold.logicalId], resourceType: fold.type });
          continue;
        }
        if (patch.path.length === 2)
          return { cannot: `${pathText(patch.path)} is the whole ${fold.type} ${fold.logicalId}` };
        path = patch.path.slice(2);
      }
    }
    const full = ['Resources', target, 'Properties', ...path];
    // An element of a list is removed or rewritten only if the text's element is the one the model read.
    const expect =
      patch.op !== 'append' && patch.path.some((s) => typeof s === 'number') && !fold
        ? listElement(resource, patch.path, ['Resources', target, 'Properties'])
        : undefined;
    if (patch.op === 'set')
      edits.push({ op: 'set', path: full, value: patch.value, resourceType: type, ...expect });
    else if (patch.op === 'remove') edits.push({ op: 'remove', path: full, resourceType: type, ...expect });
    else edits.push({ op: 'append', path: full, value: patch.value, resourceType: type });
  }
  return { edits };
}

/** The model's value of the list element a path goes through, for the editor to compare with the text. */
function listElement(
  resource: Resource,
  path: PropertyPath,
  prefix: PropertyPath,
): { expect: { path: PropertyPath; value: unknown; length: number } } {
  const last = path.findLastIndex((s) => typeof s === 'number');
  const elementPath = path.slice(0, last + 1);
  const listPath = path.slice(0, last);
  const list = valueAt(resource.props, listPath);
  // Folded elements (from standalone resources) follow the written ones.
  const folded =
    listPath.length === 1
      ? foldsOf(resource).filter((f) => f.property === listPath[0] && f.index !== undefined).length
      : 0;
  const length = (Array.isArray(list) ? list.length : 0) - folded;
  return {
    expect: { path: [...prefix, ...elementPath], value: valueAt(resource.props, elementPath), length },
  };
}

/** One line per edit, for the summary. */
export function describeEdit(edit: TemplateEdit): string {
  switch (edit.op) {
    case 'set':
      return `set ${pathText(edit.path)} = ${JSON.stringify(edit.value)}`;
    case 'remove':
      return `remove ${pathText(edit.path)}`;
    case 'append':
      return `append to ${pathText(edit.path)}: ${JSON.stringify(edit.value)}`;
    case 'add-resource':
      return `add resource ${edit.logicalId} (${edit.type})`;
  }
}

export type { EditOutcome };
