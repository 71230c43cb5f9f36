/**
 * `cloudrounds scan TEMPLATE --fix`: the template source with the declared fixes applied, as a
 * unified diff, and (with `--write`) the files rewritten in place. See docs/template-fix.md.
 */
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../../model/index.js';
import { isTerraformPlanJson, looksLikeTerraformDir } from '../../sources/terraform/index.js';
import { listTemplateFiles, looksLikeTemplateText } from '../../sources/cloudformation/index.js';
import { fixCloudFormationText } from './cloudformation.js';
import { fixTerraformDirectory } from './terraform/index.js';
import type { FindingFix, FixRunOptions, TemplateFixResult } from './types.js';

export { fixCloudFormationText } from './cloudformation.js';
export { fixTerraformDirectory } from './terraform/index.js';
export { applyTemplateEdits, type TemplateEdit, type EditOutcome } from './cfn-edit.js';
export type { FixLookup } from './plan.js';
export type { FindingFix, FixRunOptions, TemplateFixResult, TemplateKind } from './types.js';

/** A path as the user sees it: relative to the working directory, with forward slashes. */
function shown(abs: string): string {
  return relative(process.cwd(), abs).split(sep).join('/') || '.';
}

/**
 * Fixes every template among `paths` (files, or directories of templates; a directory of `.tf`
 * files is one Terraform configuration). Nothing is written: see {@link writeFixed}.
 */
export async function fixTemplates(
  paths: readonly string[],
  options: FixRunOptions,
): Promise<TemplateFixResult[]> {
  const results: TemplateFixResult[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new InputError('no such file or directory', { file: path });
    if (info.isDirectory()) {
      if (await looksLikeTerraformDir(path)) results.push(...(await fixTerraformDirectory(path, options)));
      else
        for (const file of await listTemplateFiles(path)) {
          const result = await fixTemplateFile(file, options, { quiet: true });
          if (result) results.push(result);
        }
      continue;
    }
    if (path.endsWith('.tf')) {
      results.push(...(await fixTerraformDirectory(dirname(path), options, resolve(path))));
      continue;
    }
    const result = await fixTemplateFile(path, options, { quiet: false });
    if (result) results.push(result);
  }
  return results;
}

async function fixTemplateFile(
  path: string,
  options: FixRunOptions,
  { quiet }: { quiet: boolean },
): Promise<TemplateFixResult | undefined> {
  const file = shown(resolve(path));
  if (await isTerraformPlanJson(path)) {
    return unsupported(
      file,
      'terraform-plan',
      'a Terraform plan is generated: fix the .tf configuration it comes from (scan DIR --fix on the .tf directory)',
    );
  }
  const bytes = await readFile(path);
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') || bytes[0] === 0xff || bytes[0] === 0xfe)
    return quiet ? undefined : unsupported(file, 'cloudformation-yaml', 'the file is not UTF-8 text');
  if (!looksLikeTemplateText(text)) {
    if (quiet) return undefined;
    throw new InputError('Not a CloudFormation template (no Resources or AWSTemplateFormatVersion)', {
      file,
    });
  }
  try {
    return fixCloudFormationText(text, file, options, dirname(resolve(path)));
  } catch (error) {
    if (quiet && error instanceof InputError) return unsupported(file, 'cloudformation-yaml', error.located);
    throw error;
  }
}

function unsupported(file: string, format: TemplateFixResult['format'], why: string): TemplateFixResult {
  return { file, format, before: '', after: '', diff: '', findings: [], newFindings: [], unsupported: why };
}

/** Writes each changed file in place (a temporary file renamed over it, so a crash leaves the original). */
export async function writeFixed(results: readonly TemplateFixResult[]): Promise<string[]> {
  const written: string[] = [];
  for (const r of results) {
    if (r.unsupported || r.after === r.before) continue;
    const target = resolve(r.file);
    const temp = join(dirname(target), `.${Date.now()}.${process.pid}.cloudrounds-fix`);
    await writeFile(temp, r.after, 'utf8');
    await rename(temp, target);
    written.push(r.file);
  }
  return written;
}

/** Every diff, concatenated: what `scan --fix` prints on stdout (`git apply` reads it). */
export function renderDiffs(results: readonly TemplateFixResult[]): string {
  return results.map((r) => r.diff).join('');
}

const STATUS_TEXT: Record<FindingFix['status'], string> = {
  fixed: 'fixed',
  'still-failing': 'STILL FAILING after the fix',
  unverified: 'NOT VERIFIED after the fix',
  refused: 'not fixed',
  'not-fixable': 'not auto-fixable',
};

/** The per-file summary: what each change closes, what could not be fixed and why. */
export function renderFixSummary(
  results: readonly TemplateFixResult[],
  written: readonly string[] = [],
): string {
  const lines: string[] = [];
  let fixed = 0;
  let open = 0;
  for (const r of results) {
    if (r.unsupported) {
      lines.push(`${r.file}: not fixed: ${r.unsupported}`);
      continue;
    }
    if (r.findings.length === 0) {
      lines.push(`${r.file}: no failing findings`);
      continue;
    }
    const changed = r.after !== r.before;
    lines.push(
      `${r.file}: ${changed ? (written.includes(r.file) ? 'written' : 'changes below (not written; add --write)') : 'unchanged'}`,
    );
    const order: FindingFix['status'][] = ['fixed', 'still-failing', 'unverified', 'refused', 'not-fixable'];
    for (const status of order) {
      for (const f of r.findings.filter((x) => x.status === status)) {
        const where = f.finding.resource.logicalId ?? f.finding.resource.id;
        const why = f.reason ? `: ${f.reason}` : '';
        lines.push(
          `  ${STATUS_TEXT[status]}  ${f.finding.ruleId}  ${where}${f.fix && status === 'fixed' ? ` (${f.fix})` : why}`,
        );
        for (const change of f.changes) lines.push(`      ${change}`);
        if (status === 'fixed') fixed++;
        else open++;
      }
    }
    for (const f of r.newFindings)
      lines.push(
        `  new finding after the fix  ${f.ruleId}  ${f.resource.logicalId ?? f.resource.id}: ${f.reason}`,
      );
  }
  lines.push(
    `${fixed} finding${fixed === 1 ? '' : 's'} fixed (the re-scan of the fixed text passes), ${open} left open.`,
  );
  return lines.join('\n') + '\n';
}
