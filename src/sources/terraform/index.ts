/**
 * Terraform source: a `terraform show -json` plan or state, or a directory of `.tf` files, mapped into
 * the CloudFormation-typed model. Resource ids are Terraform addresses (`module.net.aws_subnet.a["x"]`).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError, type Snapshot } from '../../model/index.js';
import type { Source, SourceOptions } from '../types.js';
import { buildSnapshot } from './build.js';
import { readPlanText } from './plan.js';
import { readHead, readText } from './read.js';

export { readPlanText } from './plan.js';
export { buildSnapshot } from './build.js';
export type { TfInstance, TfReadResult } from './instance.js';

/** Loads a plan/state JSON file, a `.tf` file or a directory of `.tf` files. */
export const terraformSource: Source = {
  kind: 'terraform',
  async load(input: string, options: SourceOptions = {}): Promise<Snapshot> {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new InputError('no such file or directory', { file: input });
    if (info.isDirectory() || /\.tf(\.json)?$/.test(input)) {
      const { readTerraformConfiguration } = await import('./hcl/load.js');
      const read = await readTerraformConfiguration(input, options);
      return buildSnapshot(read, options);
    }
    options.onProgress?.({ phase: 'terraform: reading plan', done: 0, total: 1 });
    // Named as the CloudFormation source names a single template: by its file name.
    const read = readPlanText(await readText(input), basename(input));
    options.onProgress?.({ phase: 'terraform: reading plan', done: 1, total: 1 });
    return buildSnapshot(read, options);
  },
};

/**
 * True when a file looks like `terraform show -json` output (plan or state), from its first bytes.
 * Corrupted files that still look like one answer true, so that loading reports what is wrong.
 */
export async function isTerraformPlanJson(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  if (extname(path).toLowerCase() === '.tf') return false;
  const head = await readHead(path);
  if (!head || !head.trimStart().startsWith('{')) return false;
  if (/"(planned_values|resource_changes|terraform_version|prior_state)"\s*:/.test(head)) return true;
  return /"format_version"\s*:/.test(head) && /"values"\s*:\s*\{\s*"(root_module|outputs)"/.test(head);
}

/** True when a directory holds Terraform configuration (`*.tf` or `*.tf.json` files). */
export async function looksLikeTerraformDir(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.some((e) => e.isFile() && /\.tf(\.json)?$/.test(e.name));
}
