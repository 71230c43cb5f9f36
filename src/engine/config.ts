import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InputError } from '../model/index.js';
import type { Status } from '../rules/result.js';
import type { AnyRule } from '../rules/rule.js';
import { resolveParams, type ParamOverrides } from './params.js';
import { suppressionSchema, type Suppression } from './suppressions.js';

/** The default name of the configuration file, looked for in the working directory. */
export const CONFIG_FILE = '.cloudrounds.yaml';

const configSchema = z.strictObject({
  suppressions: z.array(suppressionSchema).default([]),
  /** Rule id -> parameter overrides, checked against each rule's schema. */
  params: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

/** What `.cloudrounds.yaml` configures for a run of the rules. */
export interface RunConfig {
  suppressions: Suppression[];
  params: ParamOverrides;
  /** Statuses whose findings an engine returns (each engine has its default); the rest are counted. */
  keep?: readonly Status[];
}

/**
 * Reads and validates a configuration file; see {@link parseConfig}. With `optional`, a file that
 * does not exist is an empty configuration (for the default `.cloudrounds.yaml`).
 */
export async function loadConfig(
  file: string,
  rules?: readonly AnyRule[],
  options: { optional?: boolean } = {},
): Promise<RunConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (options.optional && (e as NodeJS.ErrnoException).code === 'ENOENT')
      return { suppressions: [], params: {} };
    throw new InputError(`cannot read configuration: ${(e as Error).message}`, { file });
  }
  return parseConfig(text, file, rules);
}

/**
 * Parses `.cloudrounds.yaml`:
 *
 * ```yaml
 * suppressions:
 *   - rule: s3-bucket-versioning-enabled
 *     resource: "scratch-*"            # glob on id, ARN or name
 *     account: "111122223333"          # optional
 *     reason: Scratch data, rebuilt nightly
 *     expires: 2026-12-31              # required; holds through that day (UTC)
 * params:
 *   ec2-security-group-admin-ports-restricted:
 *     ports: [22, 3389, 5985]
 * ```
 *
 * Errors are {@link InputError}s with the file, line and path of the offending value. When `rules`
 * is given, parameter overrides are checked against the rules' schemas too.
 */
export function parseConfig(text: string, file: string, rules?: readonly AnyRule[]): RunConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new InputError(`invalid YAML: ${syntax.message.split('\n')[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw located(issue.message, issue.path, doc, lineCounter, file);
  }
  const suppressions = parsed.data.suppressions.map((s, i) => {
    const line = lineOf(doc, lineCounter, ['suppressions', i]);
    return line === undefined ? { ...s, file } : { ...s, file, line };
  });
  if (rules) {
    try {
      resolveParams(rules, parsed.data.params);
    } catch (e) {
      if (e instanceof InputError && e.path) {
        throw located(e.message, ['params', ...e.path.split('.').slice(1)], doc, lineCounter, file);
      }
      throw e;
    }
  }
  return { suppressions, params: parsed.data.params };
}

function located(
  message: string,
  path: readonly PropertyKey[],
  doc: Document,
  lineCounter: LineCounter,
  file: string,
): InputError {
  const text = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
  const line = lineOf(doc, lineCounter, path);
  return new InputError(message, { file, line, path: text || undefined });
}

/** Line of the node at `path`, or of its nearest ancestor that exists (a missing key's map). */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
