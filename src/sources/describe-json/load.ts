import { statSync } from 'node:fs';
import {
  InputError,
  isUnresolved,
  makeSnapshot,
  type CoverageGap,
  type Resource,
  type Snapshot,
} from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import { Builder } from './builder.js';
import { findFiles } from './files.js';
import { MAPPERS } from './mappers/index.js';
import { readFile, Reading } from './read.js';

/** One `unresolved-value` gap per resource type, property and reason, not one per resource. */
function unresolvedGaps(resources: Resource[]): CoverageGap[] {
  const groups = new Map<string, { type: string; prop: string; reason: string; ids: string[] }>();
  for (const resource of resources) {
    for (const [prop, value] of Object.entries(resource.props)) {
      if (!isUnresolved(value)) continue;
      const key = `${resource.type}|${prop}|${value.reason}`;
      const group = groups.get(key) ?? { type: resource.type, prop, reason: value.reason, ids: [] };
      group.ids.push(resource.id);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((g) => {
    const sample = g.ids.slice(0, 5).join(', ') + (g.ids.length > 5 ? `, … (${g.ids.length - 5} more)` : '');
    const gap: CoverageGap = {
      kind: 'unresolved-value',
      message: `${g.prop} of ${g.ids.length} ${g.type} resource(s) is unknown: ${g.reason} (${sample})`,
      resourceType: g.type,
      path: g.prop,
    };
    if (g.ids.length === 1) gap.resourceId = g.ids[0];
    return gap;
  });
}

/**
 * Loads a directory (or one file) of saved `aws … describe-*` / `list-*` / `get-*` JSON output.
 * A file that cannot be parsed is a `parse-error` gap and the rest loads; when nothing at all can be
 * loaded (a single bad file, or no describe output anywhere) it is an `InputError`.
 */
export async function loadDescribeJson(input: string, options: SourceOptions = {}): Promise<Snapshot> {
  const info = statSync(input, { throwIfNoEntry: false });
  if (!info) throw new InputError(`no such file or directory: ${input}`, { file: input });
  const files = findFiles(input);
  const single = !info.isDirectory();
  const builder = new Builder(options);
  const reading = new Reading();
  let newest = 0;
  files.forEach((file, index) => {
    readFile(file, single, reading, builder);
    newest = Math.max(newest, statSync(file.path).mtimeMs);
    options.onProgress?.({ phase: 'read describe output', done: index + 1, total: files.length });
  });
  if (reading.recognised === 0) {
    if (reading.firstError) throw reading.firstError;
    throw new InputError(
      `no saved AWS describe output found in ${input} (${files.length} file(s) looked at); expected JSON such as ec2 describe-vpcs output ({"Vpcs": [...]})`,
      { file: input },
    );
  }
  for (const mapper of MAPPERS) mapper(reading, builder);

  for (const [command, list] of reading.reference) {
    builder.gap({
      kind: 'unsupported-type',
      message: `${list.join(', ')}: ${command} output describes AWS, not the account, and is not mapped to resources`,
      file: list[0],
    });
  }
  const resources = builder.resources();
  const accounts = new Set(resources.map((r) => r.account));
  for (const file of files) if (file.context.account) accounts.add(file.context.account);
  return makeSnapshot(resources, [...builder.gaps, ...unresolvedGaps(resources)], {
    takenAt: newest > 0 ? new Date(newest).toISOString() : undefined,
    accounts: [...accounts].sort().map((id) => ({ id })),
  });
}
