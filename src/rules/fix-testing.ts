/**
 * Test support for fix declarations: applies {@link TemplatePatch}es to a template document (the
 * long-form JSON of a CloudFormation template) or to a copy of a resource's props, and lists the
 * calls of a plan. Pure; the tests load the patched template through the real CloudFormation
 * source and run the rule again, so "the fix makes the rule pass" is checked end to end.
 */
import type { Resource } from '../model/index.js';
import type { AwsCall, FixPlan, FixStep, TemplatePatch } from './fix.js';
import { foldSource } from './fix-support.js';

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

/** A deep copy of plain JSON data (templates, props). */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The container that holds the last key of `path`, created on the way as objects or lists. */
function parentOf(root: Json, path: Path): { holder: Json | unknown[]; key: string | number } {
  if (path.length === 0) throw new Error('a patch path is never empty');
  let node: Json | unknown[] = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const child = (node as Record<string | number, unknown>)[key];
    if (child === undefined || child === null) {
      const created: Json | unknown[] = nextIsIndex ? [] : {};
      (node as Record<string | number, unknown>)[key] = created;
      node = created;
    } else if (typeof child === 'object') {
      node = child as Json | unknown[];
    } else {
      throw new Error(`patch path ${path.join('.')} crosses the scalar at ${path.slice(0, i + 1).join('.')}`);
    }
  }
  return { holder: node, key: path[path.length - 1]! };
}

/** Applies one set/remove/append patch to `props` in place. */
function applyPropertyPatch(props: Json, patch: Exclude<TemplatePatch, { op: 'add-resource' }>): void {
  const { holder, key } = parentOf(props, patch.path);
  const slot = holder as Record<string | number, unknown>;
  if (patch.op === 'set') slot[key] = copy(patch.value);
  else if (patch.op === 'remove') {
    if (Array.isArray(holder) && typeof key === 'number') holder.splice(key, 1);
    else delete slot[key];
  } else {
    const list = slot[key];
    if (list === undefined) slot[key] = [copy(patch.value)];
    else if (Array.isArray(list)) list.push(copy(patch.value));
    else throw new Error(`append at ${patch.path.join('.')}: not a list`);
  }
}

/** A CloudFormation template document (long form), as far as patches need it. */
export interface TemplateDocument {
  Resources: Record<string, { Type: string; Properties?: Json; [attribute: string]: unknown }>;
  [section: string]: unknown;
}

/**
 * The template with the patches of the fix of `resource` applied, as the template writer applies
 * them: a path inside a property the source folded in from a standalone resource (a bucket's
 * `PolicyDocument` from its `AWS::S3::BucketPolicy`, `SecurityGroupIngress[i]` from an
 * `AWS::EC2::SecurityGroupIngress`, per `props.$folds`) edits that resource; removing a folded list
 * entry removes its resource. New resources are added; a taken logical id is refused.
 */
export function patchTemplate(
  template: TemplateDocument,
  resource: Resource,
  patches: readonly TemplatePatch[],
): TemplateDocument {
  const out = copy(template);
  const logicalId = resource.origin.logicalId ?? resource.id;
  for (const patch of patches) {
    if (patch.op === 'add-resource') {
      if (out.Resources[patch.logicalId]) throw new Error(`logical id ${patch.logicalId} is already taken`);
      out.Resources[patch.logicalId] = { Type: patch.type, Properties: copy(patch.properties) };
      continue;
    }
    let target = logicalId;
    let path: Path = patch.path;
    const fold = foldSource(resource, String(patch.path[0]));
    const indexed =
      typeof patch.path[1] === 'number'
        ? foldSource(resource, String(patch.path[0]), patch.path[1])
        : undefined;
    if (indexed) {
      // A list entry that is a resource of its own: its props are the entry.
      if (patch.path.length === 2) {
        if (patch.op !== 'remove')
          throw new Error(`${patch.path.join('.')} is the whole ${indexed.logicalId}`);
        delete out.Resources[indexed.logicalId];
        continue;
      }
      target = indexed.logicalId;
      path = patch.path.slice(2);
    } else if (fold && fold.index === undefined) {
      target = fold.logicalId;
    }
    const entry = out.Resources[target];
    if (!entry) throw new Error(`the template has no resource ${target}`);
    entry.Properties ??= {};
    applyPropertyPatch(entry.Properties, { ...patch, path });
  }
  return out;
}

/** A copy of the resource with the property patches applied to its props (new resources returned apart). */
export function patchResource(
  resource: Resource,
  patches: readonly TemplatePatch[],
): { resource: Resource; added: TemplatePatch[] } {
  const props = copy(resource.props);
  const added: TemplatePatch[] = [];
  for (const patch of patches) {
    if (patch.op === 'add-resource') added.push(patch);
    else applyPropertyPatch(props, patch);
  }
  return { resource: { ...resource, props }, added };
}

/** The steps of a plan, failing loudly when the plan is a refusal. */
export function stepsOf(plan: FixPlan): FixStep[] {
  if ('cannot' in plan) throw new Error(`expected a plan, got: ${plan.cannot}`);
  return plan.steps;
}

/** The write calls of a plan, as `client:Operation` with the input, for exact comparisons. */
export function callsOf(plan: FixPlan): Array<Pick<AwsCall, 'client' | 'operation' | 'input'>> {
  return stepsOf(plan).map(({ call }) => ({
    client: call.client,
    operation: call.operation,
    input: call.input,
  }));
}

/** Every IAM action a plan's write calls (and the undo calls it can compute) need. */
export function writeActionsOf(plan: FixPlan): string[] {
  return [...new Set(stepsOf(plan).map((s) => s.call.action))].sort();
}
