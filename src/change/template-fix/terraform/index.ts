/**
 * Fixes `.tf` configuration: loads the directory through the Terraform source, maps each failing
 * finding's CloudFormation patches to Terraform arguments (mapping.ts), edits the files, and
 * re-scans a copy of the directory with the edits to show what they closed.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { createGraph, runRules, type Finding } from '../../../engine/index.js';
import type { Snapshot } from '../../../model/index.js';
import { terraformSource } from '../../../sources/terraform/index.js';
import { markRescan, type Rescan } from '../rescan.js';
import { patchesFor } from '../plan.js';
import {
  findingKey,
  unifiedDiff,
  type FindingFix,
  type FixRunOptions,
  type TemplateFixResult,
} from '../types.js';
import { applyTfEdits } from './edit.js';
import { findResourceBlock, scanHcl, type HclAttribute, type HclBlock } from './hcl-blocks.js';
import { terraformEdits, type TfContext, type TfEdit } from './mapping.js';

function describe(edit: TfEdit): string[] {
  switch (edit.op) {
    case 'set':
      return edit.settings.map(
        (s) => `${edit.type}.${edit.name}: ${[...s.block, s.attr].join('.')} = ${s.value}`,
      );
    case 'add-resource':
      return edit.body
        ? [`new ${edit.type}.${edit.name}`]
        : edit.settings.map(
            (s) => `new ${edit.type}.${edit.name}: ${[...s.block, s.attr].join('.')} = ${s.value}`,
          );
    case 'append-statement':
      return [`${edit.type}.${edit.name}: append a statement to policy.Statement`];
    case 'sg-rules':
      return [
        ...edit.changes.map((c) => {
          const cidr = String(c.was.CidrIp ?? c.was.CidrIpv6);
          return c.kind === 'remove'
            ? `${edit.type}.${edit.name}: remove ingress from ${cidr}`
            : `${edit.type}.${edit.name}: ingress from ${cidr} -> ${c.value}`;
        }),
        ...edit.appends.map(
          (e) => `${edit.type}.${edit.name}: add ingress block from ${String(e.CidrIp ?? e.CidrIpv6)}`,
        ),
      ];
  }
}

function failing(snapshot: Snapshot, options: FixRunOptions): Rescan {
  const run = runRules(snapshot, {
    rules: options.rules,
    ...(options.params && { params: options.params }),
    ...(options.suppressions && { suppressions: options.suppressions }),
    ...(options.now && { now: options.now }),
    keep: ['fail', 'error'],
  });
  return {
    failing: run.findings.filter((f) => f.status === 'fail' && !f.suppressed),
    undecided: run.findings.filter((f) => f.status === 'error'),
  };
}

/** The directory copied without `.terraform` and hidden entries, with some files replaced. */
async function rescan(dir: string, replaced: Map<string, string>, options: FixRunOptions): Promise<Rescan> {
  const copy = await mkdtemp(join(tmpdir(), 'cloudrounds-fix-'));
  try {
    await cp(dir, copy, { recursive: true, filter: (src) => !basename(src).startsWith('.') || src === dir });
    for (const [file, text] of replaced) await writeFile(join(copy, file), text, 'utf8');
    return failing(await terraformSource.load(copy, options.source ?? {}), options);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/**
 * Fixes the `.tf` files of one configuration directory (with `only`, the findings of that file).
 * One result per file with failing findings or changes.
 */
export async function fixTerraformDirectory(
  dir: string,
  options: FixRunOptions,
  only?: string,
): Promise<TemplateFixResult[]> {
  const root = resolve(dir);
  const snapshot = await terraformSource.load(root, options.source ?? {});
  const before = failing(snapshot, options);
  const byId = new Map(snapshot.resources.map((r) => [r.id, r]));
  const graph = createGraph(snapshot.resources);
  // Resources folded into others (an aws_s3_bucket_policy into its bucket) still hold their address.
  const folded = new Map(
    snapshot.resources.flatMap((r) => {
      const folds = (r.props as { $folds?: unknown }).$folds;
      return Array.isArray(folds)
        ? folds.map((f) => {
            const fold = f as { logicalId?: unknown; type?: unknown };
            return [String(fold.logicalId), String(fold.type)] as const;
          })
        : [];
    }),
  );
  const texts = new Map<string, string>();
  const original = new Map<string, string>();
  const read = async (file: string) => {
    if (!texts.has(file)) {
      const text = await readFile(join(root, file), 'utf8');
      texts.set(file, text);
      original.set(file, text);
    }
    return texts.get(file)!;
  };
  const blocks = new Map<string, ReturnType<typeof scanHcl>>();
  const hasBlockSync = (file: string, type: string, name: string, block: string) => {
    const items = blocks.get(file);
    const resource = items && findResourceBlock(items, type, name);
    return !!resource?.items.some((i): i is HclBlock => i.kind === 'block' && i.type === block);
  };
  const context: TfContext = {
    hasBlock: hasBlockSync,
    argumentText: (file, type, name, attr) => {
      const items = blocks.get(file);
      const text = texts.get(file);
      const arg =
        items &&
        findResourceBlock(items, type, name)?.items.find(
          (i): i is HclAttribute => i.kind === 'attribute' && i.name === attr,
        );
      return arg && text?.slice(arg.valueStart, arg.valueEnd);
    },
    taken: (address) => byId.get(address)?.type ?? folded.get(address),
  };

  const fileOf = (f: Finding) => byId.get(f.resource.id)?.origin.file ?? f.resource.file ?? '';
  const wanted = only ? relative(root, only).split(sep).join('/') : undefined;
  const findings = new Map<string, FindingFix[]>();
  const record = (file: string, fix: FindingFix) => findings.set(file, [...(findings.get(file) ?? []), fix]);

  for (const finding of before.failing) {
    const resource = byId.get(finding.resource.id);
    const file = fileOf(finding);
    if (wanted && file !== wanted) continue;
    const plan = patchesFor(finding, resource, options.fixes, graph, options.fixParams ?? {});
    if (plan.kind === 'not-fixable') {
      record(file, { finding, status: 'not-fixable', reason: plan.reason, changes: [], touched: [] });
      continue;
    }
    if (resource?.origin.file && file.endsWith('.tf')) {
      try {
        blocks.set(file, scanHcl(await read(file)));
      } catch {
        // applyTfEdits reports the file it cannot follow.
      }
    }
    const mapped = resource ? terraformEdits(resource, plan.patches, context) : { cannot: 'not loaded' };
    if ('cannot' in mapped) {
      record(file, {
        finding,
        fix: plan.fix.title,
        status: 'refused',
        reason: mapped.cannot,
        changes: [],
        touched: [],
      });
      continue;
    }
    if (mapped.edits.some((e) => !e.file.endsWith('.tf'))) {
      record(file, {
        finding,
        fix: plan.fix.title,
        status: 'refused',
        reason: 'only .tf files are edited (not .tf.json)',
        changes: [],
        touched: [],
      });
      continue;
    }
    // All or nothing per finding, across the files its edits touch.
    const staged = new Map<string, string>();
    let refusal: string | undefined;
    const done: TfEdit[] = [];
    for (const edit of mapped.edits) {
      const text = staged.get(edit.file) ?? (await read(edit.file));
      const applied = applyTfEdits(text, [edit]);
      const outcome = applied.outcomes[0]!;
      if (outcome.status === 'refused') {
        refusal = outcome.reason;
        break;
      }
      if (outcome.status === 'applied') done.push(edit);
      staged.set(edit.file, applied.text);
    }
    if (refusal) {
      record(file, {
        finding,
        fix: plan.fix.title,
        status: 'refused',
        reason: refusal,
        changes: [],
        touched: [],
      });
      continue;
    }
    for (const [f, t] of staged) texts.set(f, t);
    record(file, {
      finding,
      fix: plan.fix.title,
      status: 'fixed',
      changes: done.flatMap(describe),
      touched: [...new Set(done.map((e) => `${e.type}.${e.name}`))],
    });
  }

  const changed = new Map([...texts].filter(([f, t]) => original.get(f) !== t));
  const after = changed.size > 0 ? await rescan(root, changed, options) : before;
  const beforeKeys = new Set(before.failing.map(findingKey));
  const results: TemplateFixResult[] = [];
  const files = new Set([...findings.keys(), ...changed.keys()]);
  for (const file of [...files].sort()) {
    const fixes = findings.get(file) ?? [];
    markRescan(fixes, after, 'configuration');
    const shown = relative(process.cwd(), join(root, file)).split(sep).join('/');
    const beforeText = original.get(file) ?? '';
    const afterText = texts.get(file) ?? beforeText;
    results.push({
      file: shown,
      format: 'terraform',
      before: beforeText,
      after: afterText,
      diff: unifiedDiff(shown, beforeText, afterText),
      findings: fixes,
      newFindings: after.failing.filter((f) => !beforeKeys.has(findingKey(f)) && fileOf(f) === file),
    });
  }
  return results;
}
