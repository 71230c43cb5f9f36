/**
 * Fixes one CloudFormation template: load it through the real source, run the rules, turn each
 * failing finding's declared fix into text edits, apply them, and re-scan the new text to show
 * which findings the change closed.
 */
import { createGraph, runRules, type Finding } from '../../engine/index.js';
import { makeSnapshot, type Resource } from '../../model/index.js';
import { loadTemplate } from '../../sources/cloudformation/index.js';
import { applyTemplateEdits, templateFormat } from './cfn-edit.js';
import { markRescan } from './rescan.js';
import { cloudFormationEdits, describeEdit, patchesFor } from './plan.js';
import {
  findingKey,
  unifiedDiff,
  type FindingFix,
  type FixRunOptions,
  type TemplateFixResult,
} from './types.js';

/** Fixes template text; `file` names it in the diff and resolves nested stacks from `baseDir`. */
export function fixCloudFormationText(
  text: string,
  file: string,
  options: FixRunOptions,
  baseDir?: string,
): TemplateFixResult {
  const format = templateFormat(text) === 'json' ? 'cloudformation-json' : 'cloudformation-yaml';
  const scan = (body: string) => {
    const loaded = loadTemplate(body, file, options.source ?? {}, baseDir ? { baseDir } : {});
    const run = runRules(makeSnapshot(loaded.resources, loaded.coverage), {
      rules: options.rules,
      ...(options.params && { params: options.params }),
      ...(options.suppressions && { suppressions: options.suppressions }),
      ...(options.now && { now: options.now }),
      keep: ['fail', 'error'],
    });
    return {
      resources: loaded.resources,
      failing: run.findings.filter((f) => f.status === 'fail' && !f.suppressed),
      undecided: run.findings.filter((f) => f.status === 'error'),
    };
  };

  const before = scan(text);
  const byId = new Map(before.resources.map((r) => [r.id, r]));
  const graph = createGraph(before.resources);
  const findings: FindingFix[] = [];
  let current = text;
  for (const finding of before.failing) {
    const resource: Resource | undefined = byId.get(finding.resource.id);
    const plan = patchesFor(finding, resource, options.fixes, graph, options.fixParams ?? {});
    if (plan.kind === 'not-fixable') {
      findings.push({ finding, status: 'not-fixable', reason: plan.reason, changes: [], touched: [] });
      continue;
    }
    const mapped = cloudFormationEdits(resource!, plan.patches);
    if ('cannot' in mapped) {
      findings.push({
        finding,
        fix: plan.fix.title,
        status: 'refused',
        reason: mapped.cannot,
        changes: [],
        touched: [],
      });
      continue;
    }
    const applied = applyTemplateEdits(current, mapped.edits);
    const refusal = applied.outcomes.find((o) => o.status === 'refused');
    if (refusal && refusal.status === 'refused') {
      // All or nothing per finding: half a fix would leave the template in a state nobody chose.
      findings.push({
        finding,
        fix: plan.fix.title,
        status: 'refused',
        reason: refusal.reason,
        changes: [],
        touched: [],
      });
      continue;
    }
    current = applied.text;
    const done = mapped.edits.filter((_, i) => applied.outcomes[i]?.status === 'applied');
    findings.push({
      finding,
      fix: plan.fix.title,
      status: 'fixed',
      changes: done.map(describeEdit),
      touched: [...new Set(done.map((e) => (e.op === 'add-resource' ? e.logicalId : String(e.path[1]))))],
    });
  }

  let after: ReturnType<typeof scan> | undefined;
  if (current !== text) {
    try {
      after = scan(current);
    } catch (error) {
      // The edits produced text the source cannot read: report it and write nothing.
      const reason = `the fixed text does not load: ${error instanceof Error ? error.message : String(error)}`;
      for (const f of findings)
        if (f.status === 'fixed') Object.assign(f, { status: 'refused', reason, changes: [], touched: [] });
      return { file, format, before: text, after: text, diff: '', findings, newFindings: [] };
    }
  }
  markRescan(findings, after ?? before, 'text');
  const beforeKeys = new Set(before.failing.map(findingKey));
  const newFindings: Finding[] = (after?.failing ?? []).filter((f) => !beforeKeys.has(findingKey(f)));
  return {
    file,
    format,
    before: text,
    after: current,
    diff: unifiedDiff(file, text, current),
    findings,
    newFindings,
  };
}
