/**
 * `scan PATH... --fix [--write]`: the templates with the declared fixes applied. The unified diff
 * goes to stdout (or `--out`), the summary of what each change closes to stderr; files are
 * rewritten only with `--write`.
 */
import type { RunConfig } from '../../engine/index.js';
import { InputError } from '../../model/index.js';
import { fixTemplates, renderDiffs, renderFixSummary, writeFixed } from '../../change/template-fix/index.js';
import { allRules } from '../../rules/index.js';
import { fixFor } from '../../rules/fixes.js';
import type { SourceOptions } from '../../sources/index.js';
import { writeAtomically, writeChunks } from '../output.js';

export interface ScanFixFlags {
  write?: boolean;
  fixParam?: Record<string, string>;
  out?: string;
}

export async function runScanFix(
  paths: readonly string[],
  flags: ScanFixFlags,
  config: RunConfig,
  source: SourceOptions,
): Promise<void> {
  if (paths.includes('demo'))
    throw new InputError('--fix needs template files; the demo organisation has no source to fix');
  const results = await fixTemplates(paths, {
    rules: allRules,
    fixes: fixFor,
    source,
    params: config.params,
    suppressions: config.suppressions,
    fixParams: flags.fixParam ?? {},
  });
  const diff = renderDiffs(results);
  if (flags.out) await writeAtomically(flags.out, [diff]);
  else await writeChunks([diff]);
  const written = flags.write ? await writeFixed(results) : [];
  // Fixes name their parameters as `cloudrounds fix --param` takes them; in `scan`, `--param` is a
  // CloudFormation parameter and fix parameters are `--fix-param`.
  process.stderr.write(renderFixSummary(results, written).replace(/--param (\w+=)/g, '--fix-param $1'));
}
