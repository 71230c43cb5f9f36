/**
 * Applies property patches to CloudFormation template text (YAML or JSON) as splices located
 * through the `yaml` package's document model: the nodes give the exact offsets of every key and
 * value, and only the patched key's text is rewritten. Comments, key order, quoting, short-form
 * tags (`!Ref`, `!Sub`) and the indentation of everything else stay byte for byte as written;
 * new keys go at the end of their map, in the style of the file (block YAML, flow YAML, or JSON
 * with its own indentation).
 */
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  visit,
  type Node,
  type YAMLMap,
  type YAMLSeq,
  type Pair,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import {
  afterLine,
  applySplice,
  columnOf,
  indentOf,
  lineEnd,
  lineEnding,
  lineStart,
  reindent,
  trimBack,
  type Splice,
} from './text.js';
import { SHORT_FORMS } from '../../sources/cloudformation/parse.js';

export type PropertyPath = readonly (string | number)[];

/** Conditions an edit checks in the text before it changes anything. */
export interface EditGuard {
  /** `Resources.<id>.Type` must be this (a SAM resource has other properties than what it expands to). */
  resourceType?: string;
  /**
   * The list element at `path` must be the one the model read at that index: the written list has
   * `length` elements, none of them conditional, and the element's literal keys equal `value`'s.
   */
  expect?: { path: PropertyPath; value: unknown; length: number };
}

/** One edit at a path from the template's root (`['Resources', 'Logs', 'Properties', ...]`). */
export type TemplateEdit =
  | ({ op: 'set'; path: PropertyPath; value: unknown } & EditGuard)
  | ({ op: 'remove'; path: PropertyPath } & EditGuard)
  | ({ op: 'append'; path: PropertyPath; value: unknown } & EditGuard)
  /** Adds `Resources.<logicalId>`; refused when the logical id is taken. */
  | { op: 'add-resource'; logicalId: string; type: string; properties: Record<string, unknown> };

/** What became of one edit. */
export type EditOutcome =
  | { status: 'applied' }
  /** The text already says this (the value is equal, or the removed key is absent). */
  | { status: 'unchanged' }
  | { status: 'refused'; reason: string };

export type TemplateFormat = 'yaml' | 'json';

/** The short-form tags of CloudFormation YAML (the loader's list), parsed as plain nodes that keep their tag. */
const TAGS: Array<ScalarTag | CollectionTag> = SHORT_FORMS.flatMap(
  (short): Array<ScalarTag | CollectionTag> => {
    const tag = `!${short}`;
    return [
      { tag, resolve: (value: string) => value },
      { tag, collection: 'seq', resolve: (seq) => seq },
      { tag, collection: 'map', resolve: (map) => map },
    ];
  },
);

/** How the file writes new content. */
interface Style {
  format: TemplateFormat;
  eol: string;
  /** YAML: spaces per level. */
  indent: number;
  /** YAML: block sequences indented under their key (`Key:\n  - a`) rather than level with it. */
  indentSeq: boolean;
  /** YAML: the file uses short-form tags, so new intrinsics are written `!Ref X` too. */
  shortForms: boolean;
  /** YAML: the file quotes strings with `'` more often than with `"`. */
  singleQuote: boolean;
  /** JSON: one level of indentation as written (`'    '`, `'  '`, `'\t'`); empty when minified. */
  jsonUnit: string;
}

/** The format of a template file: JSON when the text is a JSON object, else YAML. */
export function templateFormat(text: string): TemplateFormat {
  if (!text.trimStart().startsWith('{')) return 'yaml';
  try {
    JSON.parse(text);
    return 'json';
  } catch {
    return 'yaml';
  }
}

function detectStyle(text: string, format: TemplateFormat): Style {
  const eol = lineEnding(text);
  const jsonUnit = format === 'json' ? (/^([ \t]+)"/m.exec(text)?.[1] ?? '') : '';
  // The first key under a top-level key gives the indentation step.
  const nested = /^[A-Za-z][\w]*:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*( +)[^\s#-]/m.exec(text);
  const indent = nested ? nested[1]!.length : 2;
  // A key with a block sequence under it: is the dash deeper than the key?
  const seq = /^( *)[^\s#-][^\n:]*:[ \t]*\r?\n( *)- /m.exec(text);
  const indentSeq = seq ? seq[2]!.length > seq[1]!.length : true;
  const shortForms = /(?:^|[\s:[,-])!(?:Ref|Sub|GetAtt|Join|If|Select|FindInMap)\b/m.test(text);
  const singles = text.match(/:[ \t]+'/g)?.length ?? 0;
  const doubles = text.match(/:[ \t]+"/g)?.length ?? 0;
  return { format, eol, indent, indentSeq, shortForms, jsonUnit, singleQuote: singles > doubles };
}

/** Applies edits in order; each edit sees the text the previous ones produced. */
export function applyTemplateEdits(
  text: string,
  edits: readonly TemplateEdit[],
): { text: string; outcomes: EditOutcome[] } {
  const format = templateFormat(text);
  const style = detectStyle(text, format);
  const outcomes: EditOutcome[] = [];
  let current = text;
  for (const edit of edits) {
    const doc = parseDocument(current, { customTags: TAGS, keepSourceTokens: false });
    if (doc.errors.length > 0) {
      outcomes.push({ status: 'refused', reason: `the template does not parse: ${doc.errors[0]!.message}` });
      continue;
    }
    const result = planEdit(current, doc.contents, edit, style);
    if ('splice' in result) {
      current = applySplice(current, result.splice);
      outcomes.push({ status: 'applied' });
    } else outcomes.push(result);
  }
  return { text: current, outcomes };
}

type EditPlan = { splice: Splice } | Exclude<EditOutcome, { status: 'applied' }>;

function planEdit(text: string, root: unknown, edit: TemplateEdit, style: Style): EditPlan {
  if (edit.op !== 'add-resource') {
    const problem = guardProblem(root, edit);
    if (problem) return refused(problem);
  }
  switch (edit.op) {
    case 'set':
      return planSet(text, root, edit.path, edit.value, style);
    case 'remove':
      return planRemove(text, root, edit.path, style);
    case 'append':
      return planAppend(text, root, edit.path, edit.value, style);
    case 'add-resource': {
      const resources = isMap(root) ? findPair(root, 'Resources') : undefined;
      if (!resources) return refused('the template has no Resources section');
      if (isMap(resources.value) && findPair(resources.value, edit.logicalId))
        return refused(`a resource named ${edit.logicalId} already exists`);
      const value: Record<string, unknown> = { Type: edit.type };
      if (Object.keys(edit.properties).length > 0) value.Properties = edit.properties;
      return planSet(text, root, ['Resources', edit.logicalId], value, style);
    }
  }
}

function nodeAt(root: unknown, path: PropertyPath): unknown {
  let node = root;
  for (const step of path) {
    if (isMap(node)) node = findPair(node, step)?.value;
    else if (isSeq(node) && typeof step === 'number') node = node.items[step];
    else return undefined;
  }
  return node;
}

function guardProblem(
  root: unknown,
  edit: Exclude<TemplateEdit, { op: 'add-resource' }>,
): string | undefined {
  const [section, id] = edit.path;
  if (section === 'Resources' && id !== undefined && edit.path.length > 2) {
    const resource = nodeAt(root, ['Resources', id]);
    if (!isMap(resource))
      return `Resources.${id} is not written in this template (a transform or Fn::ForEach generates it)`;
    const type = plain(nodeAt(resource, ['Type']));
    if (edit.resourceType && type !== edit.resourceType)
      return `Resources.${id} is written as ${JSON.stringify(type)}, not ${edit.resourceType}; fix its source form by hand`;
  }
  if (edit.expect) {
    const where = pathText(edit.expect.path);
    const list = nodeAt(root, edit.expect.path.slice(0, -1));
    const node = nodeAt(root, edit.expect.path);
    if (!isSeq(list) || node === undefined) return `${where} is not written in this template`;
    if (list.items.length !== edit.expect.length || list.items.some((item) => intrinsicName(item)))
      return `the list holding ${where} is not written as the rule read it (conditional or generated elements)`;
    if (!sameLiterals(plain(node), edit.expect.value))
      return `${where} in the text is not the element the rule read`;
  }
  return undefined;
}

function hasIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasIntrinsic);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k === 'Ref' || k.startsWith('Fn::') || hasIntrinsic(v));
  return false;
}

/**
 * The written element and the model's agree on every key the text writes literally (a key written
 * with an intrinsic, such as `CidrIp: !Ref AllowedCidr`, resolves in the model and is not compared).
 */
function sameLiterals(written: unknown, model: unknown): boolean {
  if (written === null || typeof written !== 'object' || Array.isArray(written))
    return !hasIntrinsic(written) && loose(written) === loose(model);
  if (model === null || typeof model !== 'object') return false;
  return Object.entries(written)
    .filter(([, v]) => !hasIntrinsic(v))
    .every(([k, v]) => loose(v) === loose((model as Record<string, unknown>)[k]));
}

/** Scalars as strings (CloudFormation reads `"22"` as 22), keys sorted, model metadata (`$folds`) left out. */
function loose(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => !k.startsWith('$'))
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    return v === null || v === undefined ? null : String(v);
  };
  return JSON.stringify(norm(value));
}

function refused(reason: string): EditPlan {
  return { status: 'refused', reason };
}

export function pathText(path: PropertyPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function findPair(map: YAMLMap, key: string | number): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
}

/** `!If [...]`, `{ "Fn::If": [...] }`, `{ Ref: X }`: a value the text computes, which a patch must not walk into. */
function intrinsicName(node: unknown): string | undefined {
  if (
    (isMap(node) || isSeq(node) || isScalar(node)) &&
    node.tag?.startsWith('!') &&
    !node.tag.startsWith('!!')
  )
    return node.tag;
  if (isMap(node) && node.items.length === 1) {
    const key = isScalar(node.items[0]!.key) ? String(node.items[0]!.key.value) : '';
    if (key === 'Ref' || key.startsWith('Fn::')) return key;
  }
  return undefined;
}

function isNullNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** The value that a path below an absent key stands for: `['A', 0, 'B'] -> {A: [{B: value}]}`. */
function nest(rest: PropertyPath, value: unknown): unknown {
  let out = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const step = rest[i]!;
    out = typeof step === 'number' ? [out] : { [step]: out };
  }
  return out;
}

function range(node: unknown): [number, number] {
  const r = (node as Node).range!;
  return [r[0], r[1]];
}

/** Where a node's own text ends: block collections' ranges run on to the next line. */
function contentEnd(text: string, node: unknown): number {
  // Block scalars (`|`, `>`) end after their last line break too.
  return trimBack(text, range(node)[1]);
}

function isFlowContext(node: unknown, style: Style): boolean {
  if (style.format === 'json') return true;
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** The node's value as plain data, short-form tags read as their long form. */
function plain(node: unknown): unknown {
  if (isNullNode(node)) return null;
  const tag = intrinsicName(node);
  if (tag?.startsWith('!')) {
    const name = tag === '!Ref' || tag === '!Condition' ? tag.slice(1) : `Fn::${tag.slice(1)}`;
    const inner = isScalar(node) ? node.value : plainCollection(node);
    if (tag === '!GetAtt' && typeof inner === 'string') {
      const dot = inner.indexOf('.');
      return { [name]: [inner.slice(0, dot), inner.slice(dot + 1)] };
    }
    return { [name]: inner };
  }
  if (isScalar(node)) return node.value;
  return plainCollection(node);
}

function plainCollection(node: unknown): unknown {
  if (isSeq(node)) return node.items.map(plain);
  if (isMap(node))
    return Object.fromEntries(
      node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), plain(p.value)]),
    );
  return isScalar(node) ? node.value : null;
}

// --- set -------------------------------------------------------------------------------------

function planSet(text: string, root: unknown, path: PropertyPath, value: unknown, style: Style): EditPlan {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    const rest = path.slice(i + 1);
    const intrinsic = intrinsicName(node);
    if (intrinsic) return refused(`${pathText(path.slice(0, i))} is computed by ${intrinsic}`);
    if (isMap(node)) {
      const pair = findPair(node, step);
      if (!pair) return insertPair(text, node, String(step), nest(rest, value), style);
      if (last || isNullNode(pair.value)) {
        const next = last ? value : nest(rest, value);
        if (deepEqual(plain(pair.value), next)) return { status: 'unchanged' };
        return replacePairValue(text, node, pair, next, style);
      }
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      if (step < node.items.length) {
        if (last) {
          if (deepEqual(plain(node.items[step]), value)) return { status: 'unchanged' };
          return replaceItem(text, node, step, value, style);
        }
        node = node.items[step];
      } else if (step === node.items.length) {
        return appendItem(text, node, nest(rest, value), style);
      } else return refused(`${pathText(path.slice(0, i + 1))} is past the end of the list`);
    } else {
      return refused(
        `${pathText(path.slice(0, i)) || 'the template'} is not a ${typeof step === 'number' ? 'list' : 'map'}`,
      );
    }
  }
  return refused('empty path');
}

/** Inserts `key: value` after the last entry of a map. */
function insertPair(text: string, map: YAMLMap, key: string, value: unknown, style: Style): EditPlan {
  if (isFlowContext(map, style))
    return { splice: insertFlow(text, map, `${flowKey(key, style)}: `, value, style) };
  const first = map.items[0]!;
  const keyStart = range(first.key)[0];
  const column = columnOf(text, keyStart);
  const last = map.items[map.items.length - 1]!;
  const at = lineEnd(text, contentEnd(text, isNullNode(last.value) ? last.key : last.value));
  const rendered = renderBlock({ [key]: value }, style, ' '.repeat(column));
  return { splice: { start: at, end: at, text: style.eol + ' '.repeat(column) + rendered } };
}

/** Rewrites `key: old` as `key: new` (the key's own text kept). */
function replacePairValue(
  text: string,
  map: YAMLMap,
  pair: Pair<unknown, unknown>,
  value: unknown,
  style: Style,
): EditPlan {
  if (isFlowContext(map, style)) {
    if (isNullNode(pair.value) || !(pair.value as Node).range) return refused('an empty value in a flow map');
    const [start, end] = range(pair.value);
    return { splice: { start, end, text: renderFlow(value, style, indentOf(text, start)) } };
  }
  const keyStart = range(pair.key)[0];
  const keyEnd = range(pair.key)[1];
  const colon = text.indexOf(':', keyEnd);
  const end =
    isNullNode(pair.value) && !(pair.value as Node | null)?.range?.[1]
      ? colon + 1
      : isNullNode(pair.value)
        ? Math.max(colon + 1, range(pair.value)[1])
        : contentEnd(text, pair.value);
  const column = columnOf(text, keyStart);
  const keyText = text.slice(keyStart, keyEnd);
  const rendered = renderBlock({ __KEY__: value }, style, ' '.repeat(column)).replace(/^__KEY__/, keyText);
  return { splice: { start: keyStart, end: Math.max(end, colon + 1), text: rendered } };
}

function replaceItem(text: string, seq: YAMLSeq, index: number, value: unknown, style: Style): EditPlan {
  const item = seq.items[index];
  const [start] = range(item);
  if (isFlowContext(seq, style))
    return { splice: { start, end: range(item)[1], text: renderFlow(value, style, indentOf(text, start)) } };
  const column = columnOf(text, start);
  const rendered = renderBlock([value], style, ' '.repeat(column - 2)).replace(/^- /, '');
  return { splice: { start, end: contentEnd(text, item), text: rendered } };
}

function appendItem(text: string, seq: YAMLSeq, value: unknown, style: Style): EditPlan {
  if (isFlowContext(seq, style) || seq.items.length === 0)
    return { splice: insertFlow(text, seq, '', value, style) };
  const firstStart = range(seq.items[0])[0];
  const dash = indentOf(text, firstStart);
  const last = seq.items[seq.items.length - 1];
  const at = lineEnd(text, contentEnd(text, last));
  return { splice: { start: at, end: at, text: style.eol + dash + renderBlock([value], style, dash) } };
}

/** Inserts an entry (`"key": value` or an item) at the end of a flow collection or JSON object. */
function insertFlow(
  text: string,
  node: YAMLMap | YAMLSeq,
  prefix: string,
  value: unknown,
  style: Style,
): Splice {
  const items = node.items as unknown[];
  const [start, end] = range(node);
  if (items.length === 0) {
    const open = text.indexOf(isMap(node) ? '{' : '[', start);
    const close = text.lastIndexOf(isMap(node) ? '}' : ']', end);
    if (style.jsonUnit) {
      const outer = indentOf(text, open);
      const inner = outer + style.jsonUnit;
      const body = prefix + renderFlow(value, style, inner);
      return { start: open + 1, end: close, text: `${style.eol}${inner}${body}${style.eol}${outer}` };
    }
    return { start: open + 1, end: close, text: prefix + renderFlow(value, style, '') };
  }
  const firstNode = isMap(node) ? (items[0] as Pair).key : items[0];
  const lastItem = items[items.length - 1];
  const lastNode = isMap(node) ? ((lastItem as Pair).value ?? (lastItem as Pair).key) : lastItem;
  const at = range(lastNode)[1];
  const firstStart = range(firstNode)[0];
  const multiline = lineStart(text, firstStart) !== lineStart(text, start);
  if (multiline) {
    const indent = indentOf(text, firstStart);
    return { start: at, end: at, text: `,${style.eol}${indent}${prefix}${renderFlow(value, style, indent)}` };
  }
  return { start: at, end: at, text: `, ${prefix}${renderFlow(value, style, '')}` };
}

// --- remove ----------------------------------------------------------------------------------

function planRemove(text: string, root: unknown, path: PropertyPath, style: Style): EditPlan {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i]!;
    const intrinsic = intrinsicName(node);
    if (intrinsic) return refused(`${pathText(path.slice(0, i))} is computed by ${intrinsic}`);
    if (isMap(node)) node = findPair(node, step)?.value;
    else if (isSeq(node) && typeof step === 'number') node = node.items[step];
    else node = undefined;
    if (node === undefined || isNullNode(node)) return { status: 'unchanged' };
  }
  const step = path[path.length - 1]!;
  const parentPath = path.slice(0, -1);
  const intrinsic = intrinsicName(node);
  if (intrinsic) return refused(`${pathText(parentPath)} is computed by ${intrinsic}`);
  if (isMap(node)) {
    const index = node.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === String(step));
    if (index < 0) return { status: 'unchanged' };
    if (node.items.length === 1) return planSet(text, root, parentPath, {}, style);
    const pair = node.items[index]!;
    const start = range(pair.key)[0];
    const end = isNullNode(pair.value) ? range(pair.key)[1] : contentEnd(text, pair.value);
    return { splice: removeEntry(text, node, index, start, end, style) };
  }
  if (isSeq(node) && typeof step === 'number') {
    if (step >= node.items.length) return { status: 'unchanged' };
    if (node.items.length === 1) return planSet(text, root, parentPath, [], style);
    const item = node.items[step];
    return { splice: removeEntry(text, node, step, range(item)[0], contentEnd(text, item), style) };
  }
  return { status: 'unchanged' };
}

function entryStart(node: YAMLMap | YAMLSeq, index: number): number {
  const item = node.items[index];
  return range(isMap(node) ? (item as Pair).key : item)[0];
}

function entryEnd(text: string, node: YAMLMap | YAMLSeq, index: number): number {
  const item = node.items[index];
  if (!isMap(node)) return contentEnd(text, item);
  const pair = item as Pair;
  return isNullNode(pair.value) ? range(pair.key)[1] : contentEnd(text, pair.value);
}

/** Deletes entry `index` (spanning `[start, end)`) of a collection that has others. */
function removeEntry(
  text: string,
  node: YAMLMap | YAMLSeq,
  index: number,
  start: number,
  end: number,
  style: Style,
): Splice {
  if (isFlowContext(node, style)) {
    // With the comma before it (or after it, for the first entry).
    if (index > 0) return { start: entryEnd(text, node, index - 1), end, text: '' };
    return { start, end: entryStart(node, 1), text: '' };
  }
  const lineBegin = lineStart(text, start);
  const before = text.slice(lineBegin, start);
  if (/^\s*$/.test(before) || /^\s*-\s+$/.test(before)) {
    // The entry owns its lines (`  Key: v` or `  - item`): drop them whole.
    if (!isMap(node) || /^\s*$/.test(before)) return wholeLines(text, lineBegin, afterLine(text, end));
  }
  // The first key of a list item (`- Key: v`): the next key moves up behind the dash.
  return { start, end: entryStart(node, index + 1), text: '' };
}

/** Deletes `[start, end)` (whole lines); a blank line before it goes too when one follows it. */
function wholeLines(text: string, start: number, end: number): Splice {
  const blank = (from: number) => /^[ \t]*\r?\n/.test(text.slice(from, afterLine(text, from)) || 'x');
  if (start > 0 && blank(lineStart(text, start - 1)) && (end >= text.length || blank(end)))
    return { start: lineStart(text, start - 1), end, text: '' };
  return { start, end, text: '' };
}

// --- append ----------------------------------------------------------------------------------

function planAppend(text: string, root: unknown, path: PropertyPath, value: unknown, style: Style): EditPlan {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const intrinsic = intrinsicName(node);
    if (intrinsic) return refused(`${pathText(path.slice(0, i))} is computed by ${intrinsic}`);
    let next: unknown;
    if (isMap(node)) next = findPair(node, step)?.value;
    else if (isSeq(node) && typeof step === 'number') next = node.items[step];
    if (next === undefined || isNullNode(next)) return planSet(text, root, path, [value], style);
    node = next;
  }
  const intrinsic = intrinsicName(node);
  if (intrinsic) return refused(`${pathText(path)} is computed by ${intrinsic}`);
  if (!isSeq(node)) return refused(`${pathText(path)} is not a list`);
  if (node.items.some((item) => deepEqual(plain(item), value))) return { status: 'unchanged' };
  return appendItem(text, node, value, style);
}

// --- rendering -------------------------------------------------------------------------------

/**
 * Block YAML for a one-key map or a one-item list, at column 0 with every following line
 * prefixed by `prefix` (the column where the first line is placed). Intrinsic objects become
 * short-form tags when the file uses them.
 */
function renderBlock(value: unknown, style: Style, prefix: string): string {
  if (style.format === 'json') return renderFlow(value, style, prefix);
  const out = yamlDocument(value, style)
    .toString({
      indent: style.indent,
      indentSeq: style.indentSeq,
      lineWidth: 0,
      singleQuote: style.singleQuote,
    })
    .replace(/\n$/, '');
  return reindent(out, prefix, style.eol);
}

/** A key in a flow map: quoted in JSON, plain in YAML where YAML allows it. */
function flowKey(key: string, style: Style): string {
  return style.format === 'yaml' && /^[A-Za-z_][\w:.-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * A value inside a flow collection: YAML flow style in YAML files, else JSON indented like the
 * file from `prefix` (the indentation of the line it starts on).
 */
function renderFlow(value: unknown, style: Style, prefix: string): string {
  if (style.format === 'yaml') {
    return yamlDocument(value, style)
      .toString({ collectionStyle: 'flow', lineWidth: 0, singleQuote: style.singleQuote })
      .replace(/\n$/, '');
  }
  if (!style.jsonUnit) return JSON.stringify(value).replace(/,"/g, ', "').replace(/":/g, '": ');
  return reindent(JSON.stringify(value, null, style.jsonUnit), prefix, style.eol);
}

/**
 * A document for new content. YAML 1.1 rules decide the quoting, because CloudFormation reads
 * YAML 1.1: `'2012-10-17'` and `'yes'` must stay quoted to stay strings.
 */
function yamlDocument(value: unknown, style: Style): Document {
  const doc = new Document(value, { version: '1.1' });
  if (style.shortForms) shortenIntrinsics(doc);
  return doc;
}

/** `{Ref: X}` -> `!Ref X`, `{"Fn::GetAtt": [A, B]}` -> `!GetAtt A.B`, `{"Fn::Sub": s}` -> `!Sub s`. */
function shortenIntrinsics(doc: Document): void {
  visit(doc, {
    Map(_key, map) {
      if (map.items.length !== 1) return undefined;
      const pair = map.items[0]!;
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const short = name === 'Ref' ? 'Ref' : name.startsWith('Fn::') ? name.slice(4) : undefined;
      if (!short || !(SHORT_FORMS as readonly string[]).includes(short)) return undefined;
      const inner = pair.value;
      if (short === 'GetAtt' && isSeq(inner) && inner.items.length === 2 && inner.items.every(isScalar)) {
        const node = new Scalar(`${String(inner.items[0]!.value)}.${String(inner.items[1]!.value)}`);
        node.tag = '!GetAtt';
        return node;
      }
      if (isScalar(inner) || isSeq(inner) || isMap(inner)) {
        inner.tag = `!${short}`;
        if (isSeq(inner) && inner.items.every(isScalar)) inner.flow = true;
        return inner;
      }
      return undefined;
    },
  });
}
