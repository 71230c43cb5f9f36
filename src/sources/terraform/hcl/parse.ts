/**
 * Parses the `.tf` and `.tf.json` files of one module directory with `@cdktf/hcl2json` (HashiCorp's
 * HCL parser compiled to WebAssembly) into one normalised module configuration. Expressions stay as
 * hcl2json writes them: `"${aws_vpc.main.id}"`, `"web-${var.env}"`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../../../model/index.js';
import { decodeText, lineColumnAt, parseJson } from '../read.js';

/** A block as hcl2json gives it: attributes, and nested blocks as lists of blocks. */
export type HclBody = Record<string, unknown>;

/** A declared resource (or data source) with where it is written. */
export interface HclResource {
  type: string;
  name: string;
  body: HclBody;
  file: string;
  line?: number;
}

export interface HclModuleCall {
  name: string;
  body: HclBody;
  file: string;
  line?: number;
}

/** One module directory's configuration, merged across its files. */
export interface ModuleConfig {
  dir: string;
  variables: Map<string, HclBody>;
  locals: Map<string, unknown>;
  outputs: Map<string, HclBody>;
  resources: HclResource[];
  dataSources: HclResource[];
  modules: HclModuleCall[];
  /** Provider configurations by `aws` or `aws.alias`. */
  providers: Map<string, HclBody>;
  files: string[];
}

type HclParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;

let parser: Promise<HclParse> | undefined;

/**
 * The package's type declarations pull the DOM library into the whole program, so it is imported by a
 * name TypeScript does not resolve.
 */
const HCL2JSON: string = '@cdktf/hcl2json';

/** Loads the WebAssembly parser on first use only (it costs ~0.5 s), never at import. */
function hclParser(): Promise<HclParse> {
  parser ??= (import(HCL2JSON) as Promise<{ parse: HclParse }>).then((m) => m.parse);
  return parser;
}

/** Parses HCL text; a syntax error becomes an {@link InputError} at the parser's line and column. */
export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  const parse = await hclParser();
  try {
    return await parse(basename(file), text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // hcl2json reports `parse config: [main.tf:2,7-3,1: Summary; Detail]`.
    const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)\]?$/.exec(message);
    if (m)
      throw new InputError(`HCL syntax error: ${m[3]?.trim()}`, {
        file,
        line: Number(m[1]),
        column: Number(m[2]),
      });
    throw new InputError(`HCL syntax error: ${message}`, { file });
  }
}

function asBlocks(value: unknown): HclBody[] {
  if (Array.isArray(value))
    return value.filter((v): v is HclBody => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (typeof value === 'object' && value !== null) return [value as HclBody];
  return [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Line of `resource "type" "name"` (or `module "name"`) in the file text. */
function declarationLine(text: string, keyword: string, labels: string[]): number | undefined {
  const pattern = [keyword, ...labels.map((l) => `"?${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?`)].join(
    '\\s+',
  );
  const m = new RegExp(`^\\s*${pattern}\\s*\\{`, 'm').exec(text);
  return m ? lineColumnAt(text, m.index + (m[0].length - m[0].trimStart().length)).line : undefined;
}

/** Reads every `.tf` / `.tf.json` file of a directory (not its subdirectories) into one configuration. */
export async function loadModuleConfig(dir: string, onlyFile?: string): Promise<ModuleConfig> {
  const config: ModuleConfig = {
    dir,
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: [],
    dataSources: [],
    modules: [],
    providers: new Map(),
    files: [],
  };
  const names = onlyFile
    ? [basename(onlyFile)]
    : (await readdir(dir, { withFileTypes: true }).catch(() => []))
        .filter((e) => e.isFile() && /\.tf(\.json)?$/.test(e.name))
        .map((e) => e.name)
        .sort();
  for (const name of names) {
    const file = join(dir, name);
    const text = decodeText(await readFile(file), file);
    const doc = name.endsWith('.json') ? asRecord(parseJson(text, file)) : await parseHcl(file, text);
    config.files.push(file);
    addDocument(config, doc, file, text);
  }
  return config;
}

function addDocument(config: ModuleConfig, doc: Record<string, unknown>, file: string, text: string): void {
  for (const [name, blocks] of Object.entries(asRecord(doc.variable))) {
    config.variables.set(name, asBlocks(blocks)[0] ?? {});
  }
  for (const block of asBlocks(doc.locals)) {
    for (const [name, value] of Object.entries(block)) config.locals.set(name, value);
  }
  for (const [name, blocks] of Object.entries(asRecord(doc.output)))
    config.outputs.set(name, asBlocks(blocks)[0] ?? {});
  for (const [kind, into] of [
    ['resource', config.resources],
    ['data', config.dataSources],
  ] as const) {
    for (const [type, byName] of Object.entries(asRecord(doc[kind]))) {
      for (const [name, blocks] of Object.entries(asRecord(byName))) {
        for (const body of asBlocks(blocks)) {
          const line = declarationLine(text, kind, [type, name]);
          into.push({ type, name, body, file, ...(line !== undefined ? { line } : {}) });
        }
      }
    }
  }
  for (const [name, blocks] of Object.entries(asRecord(doc.module))) {
    const body = asBlocks(blocks)[0] ?? {};
    const line = declarationLine(text, 'module', [name]);
    config.modules.push({ name, body, file, ...(line !== undefined ? { line } : {}) });
  }
  for (const [name, blocks] of Object.entries(asRecord(doc.provider))) {
    for (const body of asBlocks(blocks)) {
      const alias = typeof body.alias === 'string' ? body.alias : undefined;
      config.providers.set(alias ? `${name}.${alias}` : name, body);
    }
  }
}

/** Variable values from `terraform.tfvars`, `*.auto.tfvars` and their `.json` forms, in Terraform's order. */
export async function loadTfvars(dir: string): Promise<Record<string, unknown>> {
  const entries = (await readdir(dir).catch(() => [])).sort();
  // https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence
  const ordered = [
    ...entries.filter((n) => n === 'terraform.tfvars'),
    ...entries.filter((n) => n === 'terraform.tfvars.json'),
    ...entries.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)),
  ];
  const values: Record<string, unknown> = {};
  for (const name of ordered) {
    const file = join(dir, name);
    const text = decodeText(await readFile(file), file);
    Object.assign(
      values,
      name.endsWith('.json') ? asRecord(parseJson(text, file)) : await parseHcl(file, text),
    );
  }
  return values;
}

/**
 * Parses the object or list argument of a function call (`jsonencode({...})`, `toset([...])`) with the
 * same parser, by wrapping it as an attribute. Undefined when it does not parse.
 */
export async function parseArgument(text: string): Promise<unknown> {
  try {
    const doc = await parseHcl('expression.tf', `__value = ${text}\n`);
    return doc.__value;
  } catch {
    return undefined;
  }
}
