import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve as resolvePath } from 'node:path';
import {
  InputError,
  makeSnapshot,
  type CoverageGap,
  type Resource,
  type Snapshot,
} from '../../model/index.js';
import type { Source, SourceOptions } from '../types.js';
import { decodeTemplateBytes } from './decode.js';
import { displayPath, isLocalTemplateUrl } from './nested.js';
import { isTemplateValue, mentionsTemplateKeys, parseTemplateText, type ParsedTemplate } from './parse.js';
import { isPlainObject } from './scope.js';
import { evaluateTemplate, finishStack } from './template.js';

export { decodeTemplateBytes } from './decode.js';
export { cidrSubnets } from './cidr.js';

/** File extensions read when the input is a directory. */
export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template'];

export interface TemplateLoad {
  resources: Resource[];
  coverage: CoverageGap[];
}

/** Where the text of {@link loadTemplate} lives, for nested stacks and resource ids. */
export interface TemplateLocation {
  /** Directory `file` is relative to; nested `TemplateURL`s resolve from there. Default: the working directory. */
  baseDir?: string;
  /** Prefix of every resource id (the directory loader uses `<file>#`). Default: none. */
  idPrefix?: string;
}

/**
 * Loads one template from text: resources (logical ids as ids) and coverage gaps. Throws
 * {@link InputError} when the text is not valid YAML/JSON or not a CloudFormation template.
 */
export function loadTemplate(
  text: string,
  file: string,
  options: SourceOptions = {},
  location: TemplateLocation = {},
): TemplateLoad {
  const parsed = parseTemplateText(text, file);
  if (!isTemplateValue(parsed.value)) {
    throw new InputError('Not a CloudFormation template (no Resources or AWSTemplateFormatVersion)', {
      file,
    });
  }
  return loadParsed(parsed, file, options, location);
}

function loadParsed(
  parsed: ParsedTemplate,
  file: string,
  options: SourceOptions,
  location: TemplateLocation,
): TemplateLoad {
  const baseDir = location.baseDir ?? process.cwd();
  const result = evaluateTemplate(parsed.value as Record<string, unknown>, parsed.lineOf, {
    file,
    absFile: resolvePath(baseDir, file),
    baseDir,
    idPrefix: location.idPrefix ?? '',
    options,
    ancestry: [],
  });
  return finishStack(result);
}

/** The CloudFormation source: a template file, or a directory of templates (recursive). */
export const cloudFormationSource: Source = {
  kind: 'cloudformation',
  async load(input: string, options: SourceOptions): Promise<Snapshot> {
    const info = await stat(input).catch(() => {
      throw new InputError('No such file or directory', { file: input });
    });
    const loaded = info.isDirectory() ? await loadDirectory(input, options) : await loadFile(input, options);
    return makeSnapshot(loaded.resources, loaded.coverage, {
      ...(options.region ? { regions: [options.region] } : {}),
    });
  },
};

async function loadFile(input: string, options: SourceOptions): Promise<TemplateLoad> {
  const file = basename(input);
  const text = decodeTemplateBytes(await readFile(input), file);
  return loadTemplate(text, file, options, { baseDir: dirname(resolvePath(input)) });
}

interface Candidate {
  abs: string;
  file: string;
  parsed?: ParsedTemplate;
}

/**
 * Every template under `dir`. A file that is not a template is skipped with a note; one that
 * fails to parse becomes a parse-error gap and the rest still loads. Ids are `<file>#<logicalId>`
 * because unrelated templates reuse logical ids.
 */
async function loadDirectory(dir: string, options: SourceOptions): Promise<TemplateLoad> {
  const root = resolvePath(dir);
  const files = await listTemplateFiles(root);
  const coverage: CoverageGap[] = [];
  const resources: Resource[] = [];
  const skip = (file: string, kind: 'skipped-file' | 'parse-error', message: string, line?: number) =>
    coverage.push({ kind, message, file, ...(line !== undefined ? { line } : {}) });

  const candidates: Candidate[] = [];
  for (const abs of files) {
    const file = displayPath(root, abs);
    let text: string;
    try {
      text = decodeTemplateBytes(await readFile(abs), file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skip(file, 'skipped-file', `${error.message}; skipped`, error.line);
      continue;
    }
    try {
      candidates.push({ abs, file, parsed: parseTemplateText(text, file) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (mentionsTemplateKeys(text)) skip(file, 'parse-error', error.message, error.line);
      else
        skip(file, 'skipped-file', `Not a CloudFormation template (${error.message}); skipped`, error.line);
    }
  }

  const templates = candidates.filter((c) => {
    if (isTemplateValue(c.parsed?.value)) return true;
    skip(
      c.file,
      'skipped-file',
      'Not a CloudFormation template (no Resources or AWSTemplateFormatVersion); skipped',
    );
    return false;
  });
  const nestedBy = nestedTemplates(templates);
  let done = 0;
  for (const t of templates) {
    options.onProgress?.({ phase: 'cloudformation', done: done++, total: templates.length });
    const parent = nestedBy.get(t.abs);
    if (parent) {
      skip(t.file, 'skipped-file', `Used as a nested stack by ${parent}; loaded through it, not on its own`);
      continue;
    }
    const loaded = loadParsed(t.parsed as ParsedTemplate, t.file, options, {
      baseDir: root,
      idPrefix: `${t.file}#`,
    });
    resources.push(...loaded.resources);
    coverage.push(...loaded.coverage);
  }
  options.onProgress?.({ phase: 'cloudformation', done, total: templates.length });
  return { resources, coverage };
}

/** Templates another template in the set uses as a local nested stack (absolute path → parent). */
function nestedTemplates(templates: readonly Candidate[]): Map<string, string> {
  const known = new Set(templates.map((t) => t.abs));
  const out = new Map<string, string>();
  for (const t of templates) {
    const resources = (t.parsed?.value as Record<string, unknown>).Resources;
    if (!isPlainObject(resources)) continue;
    for (const def of Object.values(resources)) {
      if (!isPlainObject(def) || def.Type !== 'AWS::CloudFormation::Stack' || !isPlainObject(def.Properties))
        continue;
      const url = def.Properties.TemplateURL;
      if (typeof url !== 'string' || !isLocalTemplateUrl(url)) continue;
      const child = resolvePath(dirname(t.abs), url);
      if (known.has(child) && child !== t.abs) out.set(child, t.file);
    }
  }
  return out;
}

/** The files a directory load reads (by extension, recursive, sorted; hidden dirs and node_modules skipped). */
export async function listTemplateFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && TEMPLATE_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * Whether `path` is a CloudFormation template, or a directory holding at least one, for the
 * `--source` dispatcher. Reads only the start of each file and stops at the first template found.
 */
export async function isCloudFormationTemplate(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return false;
  if (info.isDirectory()) {
    for (const file of await listTemplateFiles(path)) if (await looksLikeTemplateFile(file)) return true;
    return false;
  }
  return TEMPLATE_EXTENSIONS.includes(extname(path).toLowerCase()) && looksLikeTemplateFile(path);
}

async function looksLikeTemplateFile(file: string): Promise<boolean> {
  let text: string;
  try {
    text = decodeTemplateBytes(await readFile(file), file);
  } catch {
    return false;
  }
  return looksLikeTemplateText(text);
}

/** A text check that a template has `Resources` or `AWSTemplateFormatVersion` at its top level. */
export function looksLikeTemplateText(text: string): boolean {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return isTemplateValue(JSON.parse(trimmed));
    } catch {
      return mentionsTemplateKeys(text);
    }
  }
  return /^["']?(AWSTemplateFormatVersion|Resources)["']?\s*:/m.test(text);
}
