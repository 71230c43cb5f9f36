import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StoredFinding } from './types.js';

/**
 * Identifies "the same problem" across runs: a hash of the rule and the resource's type, account,
 * region and id. Resources declared in templates (those with a logical id) also hash their file,
 * because logical ids repeat across the templates of one directory (`Bucket` in two stacks).
 * The reason, severity and title are left out, so rewording a rule does not make every finding new.
 */
export function findingKey(finding: Pick<StoredFinding, 'ruleId' | 'resource'>): string {
  const r = finding.resource;
  const parts = [finding.ruleId, r.type, r.account, r.region, r.id];
  if (r.logicalId !== undefined && r.file !== undefined) parts.push(r.file);
  // U+001F (unit separator) cannot occur in ids, so no two part lists join to the same text.
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}

/** What a run looked at, as given on the command line (`--source`) and resolved by the source. */
export interface ScopeInput {
  /** `demo`, `aws`, or a source kind that reads a path. */
  kind: string;
  /** The path or name given for path sources. */
  input?: string;
  /** Account ids the run read, for `aws` (live collection). */
  accounts?: readonly string[];
}

/**
 * The scope key runs are grouped and compared by. `demo` for the demo organisation; `aws:` plus
 * the sorted account ids for live collection (so the same accounts compare, whatever profile read
 * them); the absolute, symlink-resolved path for everything read from files, so `./infra` and
 * `/home/me/infra` are one scope.
 */
export function scopeKey(scope: ScopeInput): string {
  if (scope.kind === 'demo') return 'demo';
  if (scope.kind === 'aws') {
    const accounts = [...new Set(scope.accounts ?? [])].sort();
    return accounts.length > 0 ? `aws:${accounts.join(',')}` : 'aws';
  }
  if (!scope.input) throw new TypeError(`scopeKey: a ${scope.kind} scope needs the input path`);
  const absolute = resolve(scope.input);
  try {
    return realpathSync.native(absolute);
  } catch {
    return absolute;
  }
}
