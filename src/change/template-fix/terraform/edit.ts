/**
 * Applies Terraform edits to `.tf` text as splices at positions the block scanner found: the rest
 * of the file (comments, alignment, heredocs) stays as written.
 */
import type { EditOutcome } from '../cfn-edit.js';
import { applySplice, indentOf, lineEnding, lineStart, type Splice } from '../text.js';
import { findResourceBlock, HclScanError, scanHcl, type HclAttribute, type HclBlock } from './hcl-blocks.js';
import { listElements, renderValue } from './hcl-values.js';
import { planRules } from './ingress.js';
import type { TfEdit, TfSetting } from './mapping.js';

/** Applies edits to one file's text, in order. */
export function applyTfEdits(
  text: string,
  edits: readonly TfEdit[],
): { text: string; outcomes: EditOutcome[] } {
  let current = text;
  const outcomes: EditOutcome[] = [];
  for (const edit of edits) {
    let items;
    try {
      items = scanHcl(current);
    } catch (error) {
      if (!(error instanceof HclScanError)) throw error;
      outcomes.push({
        status: 'refused',
        reason: `the file's structure could not be followed (${error.message})`,
      });
      continue;
    }
    const result =
      edit.op === 'set'
        ? planSet(current, items, edit)
        : edit.op === 'add-resource'
          ? planAdd(current, items, edit)
          : edit.op === 'append-statement'
            ? planStatement(current, items, edit)
            : planRules(current, items, edit);
    if ('splices' in result) {
      if (result.splices.length === 0) outcomes.push({ status: 'unchanged' });
      else {
        // From the end, so earlier offsets stay valid; at one offset, a removal before an insertion.
        for (const s of [...result.splices].sort((a, b) => b.start - a.start || b.end - a.end))
          current = applySplice(current, s);
        outcomes.push({ status: 'applied' });
      }
    } else outcomes.push(result);
  }
  return { text: current, outcomes };
}

type Plan = { splices: Splice[] } | { status: 'refused'; reason: string };

function planSet(
  text: string,
  items: ReturnType<typeof scanHcl>,
  edit: Extract<TfEdit, { op: 'set' }>,
): Plan {
  const block = findResourceBlock(items, edit.type, edit.name);
  if (!block)
    return {
      status: 'refused',
      reason: `resource "${edit.type}" "${edit.name}" is not written in ${edit.file}`,
    };
  const splices: Splice[] = [];
  for (const setting of edit.settings) {
    const splice = setIn(text, block, setting);
    if ('reason' in splice) return { status: 'refused', reason: splice.reason };
    if (splice.splice) splices.push(splice.splice);
  }
  return { splices };
}

function setIn(
  text: string,
  resource: HclBlock,
  setting: TfSetting,
): { splice?: Splice } | { reason: string } {
  const eol = lineEnding(text);
  let block = resource;
  for (let i = 0; i < setting.block.length; i++) {
    const name = setting.block[i]!;
    const nested = block.items.filter((b): b is HclBlock => b.kind === 'block' && b.type === name);
    if (nested.length > 1)
      return { reason: `${name} is written ${nested.length} times in ${resource.labels.join('.')}` };
    if (block.items.some((a) => a.kind === 'attribute' && a.name === name))
      return { reason: `${name} is written as an argument (an expression), not a block` };
    if (nested.length === 0) {
      const inner = newBlockText(setting.block.slice(i), setting, '  ');
      return insertLines(text, block, inner, eol);
    }
    block = nested[0]!;
  }
  const attr = block.items.find((a): a is HclAttribute => a.kind === 'attribute' && a.name === setting.attr);
  if (attr) {
    if (text.slice(attr.valueStart, attr.valueEnd) === setting.value) return {};
    return { splice: { start: attr.valueStart, end: attr.valueEnd, text: setting.value } };
  }
  return insertLines(text, block, [`${alignedName(text, block, setting.attr)} = ${setting.value}`], eol);
}

/** Pads a new argument's name like `terraform fmt` aligns the `=` of the block's last argument run. */
function alignedName(text: string, block: HclBlock, name: string): string {
  const attrs = block.items.filter((a): a is HclAttribute => a.kind === 'attribute');
  const last = attrs[attrs.length - 1];
  if (!last || block.items[block.items.length - 1] !== last) return name;
  const eq = text.lastIndexOf('=', last.valueStart);
  const width = eq - last.start;
  const written = text.slice(last.start, eq).trimEnd().length;
  return width > written && width > name.length ? name.padEnd(width - 1) : name;
}

/** Lines of a new nested block chain holding one argument. */
function newBlockText(blocks: readonly string[], setting: TfSetting, unit: string): string[] {
  const lines: string[] = [];
  blocks.forEach((b, depth) => lines.push(`${unit.repeat(depth)}${b} {`));
  lines.push(`${unit.repeat(blocks.length)}${setting.attr} = ${setting.value}`);
  for (let depth = blocks.length - 1; depth >= 0; depth--) lines.push(`${unit.repeat(depth)}}`);
  return lines;
}

/** Inserts lines at the end of a block's body, indented like its other items. */
function insertLines(
  text: string,
  block: HclBlock,
  lines: readonly string[],
  eol: string,
): { splice: Splice } | { reason: string } {
  const closeLine = lineStart(text, block.close);
  if (text.slice(closeLine, block.close).trim() !== '')
    return { reason: `the ${block.type} block is written on one line; edit it by hand` };
  const outer = indentOf(text, block.start);
  const first = block.items[0];
  const inner = first ? indentOf(text, first.start) : `${outer}  `;
  // A nested block goes after a blank line, as `terraform fmt` users write them.
  const blank = lines.length > 1 && block.items.length > 0 ? eol : '';
  const body = lines.map((l) => inner + l).join(eol);
  return { splice: { start: closeLine, end: closeLine, text: `${blank}${body}${eol}` } };
}

interface BodyTree {
  attrs: Array<[string, string]>;
  blocks: Map<string, BodyTree>;
}

/** Arguments first, aligned as `terraform fmt` aligns them, then each nested block once. */
function renderBody(
  lines: string[],
  indent: string,
  heads: Array<[string, string]>,
  settings: readonly TfSetting[],
): void {
  const tree: BodyTree = { attrs: [...heads], blocks: new Map() };
  for (const s of settings) {
    let node = tree;
    for (const b of s.block) {
      if (!node.blocks.has(b)) node.blocks.set(b, { attrs: [], blocks: new Map() });
      node = node.blocks.get(b)!;
    }
    node.attrs.push([s.attr, s.value]);
  }
  const render = (node: BodyTree, at: string) => {
    const width = Math.max(0, ...node.attrs.map(([n]) => n.length));
    for (const [n, v] of node.attrs) lines.push(`${at}${n.padEnd(width)} = ${v}`);
    // A blank line between the arguments and the first nested block.
    if (node.attrs.length > 0 && node.blocks.size > 0) lines.push('');
    for (const [name, child] of node.blocks) {
      lines.push(`${at}${name} {`);
      render(child, `${at}  `);
      lines.push(`${at}}`);
    }
  };
  render(tree, indent);
}

function planAdd(
  text: string,
  items: ReturnType<typeof scanHcl>,
  edit: Extract<TfEdit, { op: 'add-resource' }>,
): Plan {
  if (findResourceBlock(items, edit.type, edit.name))
    return {
      status: 'refused',
      reason: `resource "${edit.type}" "${edit.name}" already exists (for another bucket?)`,
    };
  const after = findResourceBlock(items, edit.after.type, edit.after.name);
  if (!after)
    return {
      status: 'refused',
      reason: `resource "${edit.after.type}" "${edit.after.name}" is not written in ${edit.file}`,
    };
  const eol = lineEnding(text);
  const outer = indentOf(text, after.start);
  const lines = [`resource "${edit.type}" "${edit.name}" {`];
  if (edit.body) lines.push(...edit.body);
  else {
    const heads = edit.head.map((h) => h.split(' = ') as [string, string]);
    renderBody(lines, '  ', heads, edit.settings);
  }
  lines.push('}');
  const body = lines.map((l) => (l ? outer + l : l)).join(eol);
  return { splices: [{ start: after.close + 1, end: after.close + 1, text: `${eol}${eol}${body}` }] };
}

/**
 * A statement added to the `Statement` list of a `policy = jsonencode({...})` argument, after the
 * last one. A policy written as heredoc JSON, read from a file or built by a data source is refused:
 * its text is not an HCL object this editor follows.
 */
function planStatement(
  text: string,
  items: ReturnType<typeof scanHcl>,
  edit: Extract<TfEdit, { op: 'append-statement' }>,
): Plan {
  const where = `${edit.type}.${edit.name}`;
  const refuse = (reason: string): Plan => ({ status: 'refused', reason: `${where}: ${reason}` });
  const block = findResourceBlock(items, edit.type, edit.name);
  if (!block) return refuse(`not written in ${edit.file}`);
  const policy = block.items.find((a): a is HclAttribute => a.kind === 'attribute' && a.name === 'policy');
  if (!policy) return refuse('no policy argument');
  const value = text.slice(policy.valueStart, policy.valueEnd);
  if (!/^jsonencode\(\s*\{/.test(value))
    return refuse('the policy is not written as jsonencode({...}); add the statement by hand');
  // `Statement = [` (or `"Statement": [`) at the object's first level.
  const keys = [...value.matchAll(/(?:^|[\s{,])"?Statement"?\s*[=:]\s*\[/g)];
  if (keys.length !== 1) return refuse('the policy’s Statement list was not found once');
  const open = policy.valueStart + keys[0]!.index + keys[0]![0].length - 1;
  const list = listElements(text, open, policy.valueEnd);
  if (!list) return refuse('the policy’s Statement is not a list written out');
  const eol = lineEnding(text);
  const keyIndent = indentOf(text, open);
  const last = list.elements[list.elements.length - 1];
  const multiline = text.slice(open, list.close).includes('\n');
  if (last && multiline) {
    const indent = indentOf(text, list.elements[0]!.start);
    const rendered = renderValue(edit.statement, indent).split('\n').join(eol);
    const after = text.slice(last.end).match(/^\s*,/);
    const at = after ? last.end + after[0].length : last.end;
    return { splices: [{ start: at, end: at, text: `${after ? '' : ','}${eol}${indent}${rendered},` }] };
  }
  const indent = `${keyIndent}  `;
  const elements = [...list.elements.map((e) => e.text), renderValue(edit.statement, indent)];
  const body = elements.map((e) => `${indent}${e.split('\n').join(eol)},${eol}`).join('');
  return { splices: [{ start: open, end: list.close + 1, text: `[${eol}${body}${keyIndent}]` }] };
}
