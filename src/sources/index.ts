import { stat } from 'node:fs/promises';
import { InputError, type Snapshot } from '../model/index.js';
import type { Source, SourceOptions } from './types.js';

export type { Source, SourceOptions, ProgressEvent } from './types.js';

/** What `--source` accepts, for help texts and errors. */
export const SOURCE_HELP =
  "demo (default), aws, a snapshot file (.jsonl[.gz]), CloudFormation templates (file or directory), a Terraform plan JSON or .tf directory, or a directory of raw 'aws ... describe-*' JSON output";

/**
 * Resolves a `--source` value to the source that reads it. Sources are imported lazily so that a
 * command pays only for the parsers it uses.
 */
export async function resolveSource(spec: string): Promise<Source> {
  if (spec === 'demo') return (await import('./demo/index.js')).demoSource;
  if (spec === 'aws') return (await import('./aws/index.js')).awsSource;
  const info = await stat(spec).catch(() => undefined);
  if (!info) throw new InputError(`--source ${spec}: no such file or directory (expected ${SOURCE_HELP})`);

  const snapshot = await import('./snapshot/index.js');
  const terraform = await import('./terraform/index.js');
  const describe = await import('./describe-json/index.js');
  const cloudformation = await import('./cloudformation/index.js');
  if (info.isDirectory()) {
    if (await describe.looksLikeDescribeJson(spec)) return describe.describeJsonSource;
    if (await terraform.looksLikeTerraformDir(spec)) return terraform.terraformSource;
    return cloudformation.cloudFormationSource;
  }
  if (await snapshot.isSnapshotFile(spec)) return snapshot.snapshotSource;
  if (await terraform.isTerraformPlanJson(spec)) return terraform.terraformSource;
  if (await describe.looksLikeDescribeJson(spec)) return describe.describeJsonSource;
  return cloudformation.cloudFormationSource;
}

/** Loads any `--source` into a snapshot. */
export async function loadSource(spec: string, options: SourceOptions = {}): Promise<Snapshot> {
  const source = await resolveSource(spec);
  return source.load(spec, options);
}
