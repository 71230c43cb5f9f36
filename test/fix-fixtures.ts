/**
 * The fix test harness. Loads a rule's fixture template through the real CloudFormation source,
 * asks the fix for the template patches of each failing resource, applies them to the template
 * document, loads the patched template again and runs the rule: every fixed resource must pass.
 *
 *   const fixed = await rescanFixed(rule, fix, new URL('./fixtures/<rule-id>.yaml', import.meta.url));
 *   expect(fixed.outcomes).toEqual({ FailSuspended: 'pass', ... });
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runRules, createGraph, type Finding } from '../src/engine/index.js';
import { makeSnapshot, type Resource } from '../src/model/index.js';
import type { AnyFix, TemplatePatch } from '../src/rules/fix.js';
import { patchTemplate, type TemplateDocument } from '../src/rules/fix-testing.js';
import type { AnyRule, Status } from '../src/rules/rule.js';
import { loadTemplate } from '../src/sources/cloudformation/index.js';
import { parseTemplateText } from '../src/sources/cloudformation/parse.js';
import { TEST_ACCOUNT, TEST_NOW, TEST_REGION } from './rule-fixtures.js';

export interface RescanOptions {
  /** Load as deployed to the test account and region. */
  deployed?: boolean;
  /** Fix parameters (`--param`), before defaults. */
  params?: Record<string, unknown>;
  /** Only these logical ids (default: every resource whose rule outcome is `fail`). */
  ids?: readonly string[];
  /** Resources added to the template's (account-level settings). */
  resources?: readonly Resource[];
}

export interface Rescan {
  /** The rule's status of each fixed resource after the patches (`cannot: ...` for refusals). */
  outcomes: Record<string, string>;
  /** The patches of each fixed resource. */
  patches: Record<string, TemplatePatch[]>;
  /** Every finding of the rule on the patched template. */
  findings: Finding[];
  /** The patched template, long form. */
  template: TemplateDocument;
  /** The resources of the original template. */
  before: Resource[];
}

function evaluate(rule: AnyRule, resources: readonly Resource[]): Finding[] {
  const snapshot = makeSnapshot([...resources], [], { takenAt: TEST_NOW.toISOString() });
  return runRules(snapshot, { rules: [rule], now: TEST_NOW }).findings;
}

function load(text: string, file: string, options: RescanOptions): Resource[] {
  const where = options.deployed ? { account: TEST_ACCOUNT, region: TEST_REGION } : {};
  return [...loadTemplate(text, file, where).resources, ...(options.resources ?? [])];
}

/** Patches the fixture with the fix of each failing (or each listed) resource and runs the rule again. */
export function rescanFixed(rule: AnyRule, fix: AnyFix, fixture: URL, options: RescanOptions = {}): Rescan {
  const path = fileURLToPath(fixture);
  const file = path.split('/').pop()!;
  const text = readFileSync(path, 'utf8');
  const before = load(text, file, options);
  const graph = createGraph(before);
  const failing = evaluate(rule, before)
    .filter((f) => f.status === 'fail')
    .map((f) => f.resource.logicalId ?? f.resource.id);
  const ids = options.ids ?? failing;
  const params = (fix.params ? fix.params.parse(options.params ?? {}) : {}) as Record<string, unknown>;

  let template = parseTemplateText(text, file).value as TemplateDocument;
  const outcomes: Record<string, string> = {};
  const patches: Record<string, TemplatePatch[]> = {};
  for (const id of ids) {
    const resource = before.find((r) => (r.origin.logicalId ?? r.id) === id);
    if (!resource) throw new Error(`the fixture has no resource ${id}`);
    if (!fix.template) throw new Error(`fix for ${fix.rule} declares no template patches`);
    const result = fix.template(resource, { params, graph });
    if ('cannot' in result) outcomes[id] = `cannot: ${result.cannot}`;
    else {
      patches[id] = result.patches;
      template = patchTemplate(template, resource, result.patches);
    }
  }
  const after = load(JSON.stringify(template, null, 2), file.replace(/\.ya?ml$/, '.json'), options);
  const findings = evaluate(rule, after);
  for (const f of findings) {
    const id = f.resource.logicalId ?? f.resource.id;
    if (id in patches) outcomes[id] = f.status === 'pass' ? 'pass' : `${f.status}: ${f.reason}`;
  }
  return { outcomes, patches, findings, template, before };
}

/** The ids of a fixture's resources expected to fail (`Fail*`), for `{ id: 'pass' }` expectations. */
export function allPass(ids: readonly string[]): Record<string, Status> {
  return Object.fromEntries(ids.map((id) => [id, 'pass' as Status]));
}
