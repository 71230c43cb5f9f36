import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Pair,
  parseDocument,
  Scalar,
  visit,
  YAMLMap,
  type CollectionTag,
  type Node,
  type ScalarTag,
  type YAMLError,
} from 'yaml';
import { InputError } from '../../model/index.js';
import { jsonKeyLines } from './json-lines.js';

/** Deeper nesting than this is rejected: no real template comes close, and it guards the stack. */
export const MAX_DEPTH = 200;
/** Bound on YAML alias expansion (the "billion laughs" attack). */
export const MAX_ALIAS_COUNT = 100;

/** A key path inside the template, e.g. `['Resources', 'Web']`. */
export type KeyPath = ReadonlyArray<string | number>;

/** A parsed template, with the line of any key path. */
export interface ParsedTemplate {
  value: unknown;
  /** 1-based line of the key (or list item) at `path`, when the path exists in the text. */
  lineOf(path: KeyPath): number | undefined;
}

/**
 * The short-form tags of CloudFormation YAML and the intrinsic each stands for.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Base64',
  'Cidr',
  'FindInMap',
  'ForEach',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Length',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  // Only valid in the Rules section, accepted so those templates parse.
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
] as const;

function longName(short: string): string {
  return short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
}

/** `{ name: node }` as an AST node, so that aliases inside `node` still go through `toJS` limits. */
function wrap(name: string, node: unknown): YAMLMap {
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(name), node));
  return map;
}

function intrinsicTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [];
  for (const short of SHORT_FORMS) {
    const tag = `!${short}`;
    const name = longName(short);
    tags.push({
      tag,
      resolve: (value: string) => {
        // `!GetAtt Res.Attr.Sub` is `["Res", "Attr.Sub"]`: the logical id never contains a dot.
        if (short === 'GetAtt') {
          const dot = value.indexOf('.');
          return { [name]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
        }
        return { [name]: value };
      },
    });
    tags.push({ tag, collection: 'seq', resolve: (seq) => wrap(name, seq) });
    tags.push({ tag, collection: 'map', resolve: (map) => wrap(name, map) });
  }
  return tags;
}

const CUSTOM_TAGS = intrinsicTags();
const KNOWN_TAGS = new Set(SHORT_FORMS.map((s) => `!${s}`));

/**
 * Parses YAML or JSON template text (JSON is read by the YAML parser too, which gives it line
 * numbers and duplicate-key detection that `JSON.parse` lacks). Throws {@link InputError} with the
 * line and column of syntax errors, duplicate keys, alias bombs and absurd nesting.
 */
export function parseTemplateText(text: string, file: string): ParsedTemplate {
  if (text.trimStart().startsWith('{')) {
    const json = parseJson(text, file);
    if (json) return json;
  }
  return parseYaml(text, file);
}

/**
 * JSON templates go through `JSON.parse` (several times faster than the YAML parser on large
 * templates) with a separate scan for lines and duplicate keys. A `.json` file must be strict
 * JSON; other text that starts with `{` but is not JSON (a YAML flow map) goes to the YAML parser.
 */
function parseJson(text: string, file: string): ParsedTemplate | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!file.toLowerCase().endsWith('.json') || !(error instanceof SyntaxError)) return undefined;
    if (/call stack/i.test(error.message)) return undefined; // the YAML parser reports the depth
    throw jsonError(error, text, file);
  }
  checkValueDepth(value, file);
  return { value, lineOf: jsonKeyLines(text, file) };
}

function jsonError(error: SyntaxError, text: string, file: string): InputError {
  const message = error.message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  const position = /at position (\d+)/.exec(error.message);
  if (!position) return new InputError(`JSON syntax error: ${message}`, { file });
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return new InputError(`JSON syntax error: ${message}`, { file, line, column });
}

function parseYaml(text: string, file: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    customTags: CUSTOM_TAGS,
    uniqueKeys: true,
    lineCounter,
    prettyErrors: true,
  });
  const error = doc.errors[0];
  if (error) throw syntaxError(error, text, file);

  checkDepth(doc.contents, lineCounter, file);
  markUnknownTags(doc.contents);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new InputError(
        `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} times the document; an alias bomb?)`,
        { file },
      );
    }
    throw e;
  }
  checkValueDepth(value, file);
  return { value, lineOf: (path) => lineOfPath(doc.contents, path, lineCounter) };
}

function syntaxError(error: YAMLError, text: string, file: string): InputError {
  const where = error.linePos?.[0];
  const first = error.message.split('\n')[0] ?? error.message;
  const summary = first.replace(/ at line \d+, column \d+:?$/, '');
  let message: string;
  if (/Maximum call stack/i.test(summary)) {
    message = `Nesting is too deep to parse (the limit is ${MAX_DEPTH} levels)`;
  } else if (error.code === 'DUPLICATE_KEY') {
    const key = /^\s*"?([^":\n]+)"?\s*:/.exec(text.slice(error.pos[0]))?.[1]?.trim();
    message = `Duplicate key${key ? ` "${key}"` : ''}: a logical id or property is declared twice`;
  } else if (error.code === 'MULTIPLE_DOCS') {
    message = 'Contains several YAML documents; a CloudFormation template is a single document';
  } else {
    message = `Syntax error: ${summary}`;
  }
  return new InputError(message, { file, line: where?.line, column: where?.col });
}

/** Rejects nesting deeper than {@link MAX_DEPTH} before anything recursive walks the tree. */
function checkDepth(root: unknown, lineCounter: LineCounter, file: string): void {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_DEPTH) {
      const offset = (node as { range?: [number, number] }).range?.[0];
      const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
      throw new InputError(`Nesting is deeper than ${MAX_DEPTH} levels`, {
        file,
        line: pos?.line,
        column: pos?.col,
      });
    }
    if (isMap(node)) {
      for (const pair of node.items) stack.push([pair.value, depth + 1]);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
}

/** Aliases can nest an anchor inside itself many times over; check the expanded value too. */
function checkValueDepth(root: unknown, file: string): void {
  const stack: Array<[unknown, number]> = [[root, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++visited > 5_000_000) throw new InputError('Template expands to too many values', { file });
    if (depth > MAX_DEPTH) throw new InputError(`Nesting is deeper than ${MAX_DEPTH} levels`, { file });
    if (Array.isArray(value)) for (const v of value) stack.push([v, depth + 1]);
    else if (value !== null && typeof value === 'object')
      for (const v of Object.values(value)) stack.push([v, depth + 1]);
  }
}

/**
 * A tag the parser does not know (`!PyPlate`, a macro's own tag) becomes `{ "!Tag": value }`,
 * so the evaluator reports it as unexpanded instead of silently reading the bare value.
 */
function markUnknownTags(root: unknown): void {
  if (!root) return;
  visit(root as Node, (_key, node) => {
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return undefined;
    const tag = node.tag;
    if (!tag || !tag.startsWith('!') || tag.startsWith('!!') || KNOWN_TAGS.has(tag)) return undefined;
    node.tag = undefined;
    // `!Rain::Embed x` and the JSON form `{"Rain::Embed": "x"}` read the same.
    return wrap(tag.startsWith('!Rain::') ? tag.slice(1) : tag, node);
  });
}

function lineOfPath(root: unknown, path: KeyPath, lineCounter: LineCounter): number | undefined {
  let node: unknown = root;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return undefined;
      offset = (pair.key as Scalar).range?.[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) return undefined;
      offset = (item as Node).range?.[0];
      node = item;
    } else {
      return undefined;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/** Top-level keys that make a document a CloudFormation template. */
export function isTemplateValue(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ('Resources' in value || 'AWSTemplateFormatVersion' in value)
  );
}

/** Cheap text check used before parsing, and to tell a broken template from a broken other file. */
export function mentionsTemplateKeys(text: string): boolean {
  return /^\s*["']?(AWSTemplateFormatVersion|Resources)["']?\s*:/m.test(text);
}
