/**
 * Suppressions from the dashboard: appended to `.cloudrounds.yaml` through the `yaml` Document
 * API, so the comments, order and formatting already in the file survive, and checked by the
 * same parser `daily` uses before the file is replaced. Then the loaded findings are updated in
 * place (no re-evaluation): the failures the new entry matches become suppressed.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { parseConfig, type Suppression } from '../engine/index.js';
import { compileSuppression } from '../engine/suppressions.js';
import { InputError, type Resource } from '../model/index.js';
import { configurableRules } from '../questions/daily.js';
import type { ServerState } from './state.js';

const DAY_MS = 86_400_000;

/** Writes of the configuration file, one at a time. */
let queue: Promise<unknown> = Promise.resolve();

export interface SuppressOutcome {
  file: string;
  line?: number;
  suppression: Suppression;
  /** Open findings now suppressed. */
  suppressed: number;
}

/** Appends the suppression to the configuration file and applies it to the loaded findings. */
export function suppress(state: ServerState, entry: Suppression, now = Date.now()): Promise<SuppressOutcome> {
  const run = queue.then(() => write(state, entry, now));
  queue = run.catch(() => undefined);
  return run;
}

async function write(state: ServerState, entry: Suppression, now: number): Promise<SuppressOutcome> {
  const endsAt = Date.parse(`${entry.expires}T00:00:00Z`) + DAY_MS;
  if (endsAt <= now) {
    throw new InputError(`the expiry ${entry.expires} is in the past`, { path: 'expires' });
  }
  const file = state.configFile;
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw new InputError(`cannot read configuration: ${e.message}`, { file });
  });
  const next = appendSuppression(text, entry, file);
  // The file must still load exactly as `daily` would read it.
  const config = parseConfig(next, file, configurableRules());
  await replaceFile(file, next);
  const written = config.suppressions[config.suppressions.length - 1]!;
  state.config = config;
  const suppressed = applySuppression(state, written, now);
  return {
    file,
    ...(written.line !== undefined ? { line: written.line } : {}),
    suppression: entry,
    suppressed,
  };
}

/** The configuration text with one more `suppressions:` entry; everything else is kept as written. */
export function appendSuppression(text: string, entry: Suppression, file: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new InputError(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, { file });
  }
  const node: Record<string, string> = { rule: entry.rule, resource: entry.resource };
  if (entry.account !== undefined) node.account = entry.account;
  node.reason = entry.reason;
  node.expires = entry.expires;
  if (doc.contents === null) {
    doc.contents = doc.createNode({ suppressions: [node] }) as unknown as typeof doc.contents;
  } else if (!isMap(doc.contents)) {
    throw new InputError('the configuration is not a mapping', { file });
  } else {
    const list = doc.get('suppressions', true);
    if (isSeq(list)) {
      list.flow = false;
      list.add(doc.createNode(node));
    } else if (
      list === undefined ||
      list === null ||
      (typeof list === 'object' && 'value' in list && list.value === null)
    ) {
      const seq = new YAMLSeq();
      seq.add(doc.createNode(node));
      doc.set('suppressions', seq);
    } else {
      throw new InputError('suppressions: expected a list', { file, path: 'suppressions' });
    }
  }
  return doc.toString();
}

/** Writes beside the file and renames, so a reader never sees half a configuration. */
async function replaceFile(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new InputError(`cannot write the configuration: ${(error as Error).message}`, { file });
  }
}

/**
 * Marks the open failures the suppression matches as suppressed, keeping the run's counts right.
 * The answer's findings are replaced one by one in their places, so their order and the index
 * built on them still hold and only what depends on the marks is recomputed.
 */
function applySuppression(state: ServerState, s: Suppression, now: number): number {
  const compiled = compileSuppression(s);
  if (now >= compiled.endsAt) return 0;
  const { counts } = state.evaluation;
  const findings = state.answer.findings;
  const changed: number[] = [];
  let costChanged = false;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.status !== 'fail' || f.suppressed || !compiled.matchesRule(f.ruleId)) continue;
    const r = f.resource;
    const resource = { id: r.id, arn: r.arn, name: r.name, account: r.account } as Resource;
    if (!compiled.matchesResource(resource)) continue;
    changed.push(i);
    if (f.category === 'cost') costChanged = true;
    counts.byStatus.fail--;
    counts.failBySeverity[f.severity]--;
    counts.suppressed++;
    const { suppressionExpired, ...rest } = f;
    if (suppressionExpired) counts.suppressionExpired--;
    findings[i] = { ...rest, suppressed: compiled.note };
  }
  if (changed.length > 0) state.remark(changed, costChanged);
  return changed.length;
}
