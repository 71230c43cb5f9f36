/**
 * HCL values as text: rendering new values the way `terraform fmt` lays them out, and reading the
 * elements of a written list literal (`cidr_blocks = ["0.0.0.0/0", var.office]`) with their offsets,
 * so that one element can be replaced or removed and the rest of the list stays as written.
 */

/** An HCL expression written as is (`aws_s3_bucket.logs.arn`), not quoted. */
export class HclExpr {
  constructor(readonly text: string) {}
}

/** A function call around a value: `jsonencode({...})`. */
export class HclCall {
  constructor(
    readonly fn: string,
    readonly arg: unknown,
  ) {}
}

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/** A string literal; `${` and `%{` are escaped so that the text is not read as a template. */
export function hclString(value: string): string {
  // A function replacement: in a replacement string `$$` would stand for one `$`.
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/** A string template (`"${aws_s3_bucket.logs.arn}/*"`): the parts are literal text and expressions. */
export function hclTemplate(parts: ReadonlyArray<string | HclExpr>): HclExpr {
  const body = parts
    .map((p) => (p instanceof HclExpr ? `\${${p.text}}` : hclString(p).slice(1, -1)))
    .join('');
  return new HclExpr(`"${body}"`);
}

function isScalar(value: unknown): boolean {
  return value === null || value instanceof HclExpr || typeof value !== 'object';
}

function scalarText(value: unknown): string {
  if (value instanceof HclExpr) return value.text;
  if (typeof value === 'string') return hclString(value);
  if (value === null) return 'null';
  return String(value);
}

/**
 * A value as HCL text at the given indentation (the indentation of the line it starts on): objects
 * one argument per line with the `=` of each run aligned, short lists of scalars on one line.
 */
export function renderValue(value: unknown, indent: string, unit = '  '): string {
  if (value instanceof HclCall) return `${value.fn}(${renderValue(value.arg, indent, unit)})`;
  if (isScalar(value)) return scalarText(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) {
      const line = `[${value.map(scalarText).join(', ')}]`;
      if (line.length + indent.length <= 100) return line;
    }
    const inner = indent + unit;
    return `[\n${value.map((v) => `${inner}${renderValue(v, inner, unit)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const inner = indent + unit;
  return `{\n${renderArguments(entries, inner, unit).join('\n')}\n${indent}}`;
}

/** `name = value` lines, aligned as `terraform fmt` aligns a run of single-line arguments. */
export function renderArguments(
  entries: ReadonlyArray<readonly [string, unknown]>,
  indent: string,
  unit = '  ',
): string[] {
  const keys = entries.map(([k]) => (IDENTIFIER.test(k) ? k : JSON.stringify(k)));
  const values = entries.map(([, v]) => renderValue(v, indent, unit));
  // A run ends after an argument whose value spans lines: its closing line has no `=`.
  const widths: number[] = [];
  let runStart = 0;
  for (let i = 0; i < entries.length; i++) {
    const last = i === entries.length - 1 || values[i]!.includes('\n');
    if (last) {
      const width = Math.max(...keys.slice(runStart, i + 1).map((k) => k.length));
      for (let j = runStart; j <= i; j++) widths[j] = width;
      runStart = i + 1;
    }
  }
  return entries.map((_, i) => `${indent}${keys[i]!.padEnd(widths[i]!)} = ${values[i]!}`);
}

/** One element of a written list, with its text's offsets. */
export interface ListElement {
  start: number;
  end: number;
  text: string;
}

/** The elements of the list literal whose `[` is at `open`, or undefined when it is not one. */
export function listElements(
  text: string,
  open: number,
  end: number,
): { elements: ListElement[]; close: number } | undefined {
  if (text[open] !== '[') return undefined;
  const elements: ListElement[] = [];
  let depth = 0;
  let at = open + 1;
  let start = -1;
  let last = -1;
  const flush = () => {
    if (start >= 0) elements.push({ start, end: last, text: text.slice(start, last) });
    start = -1;
  };
  while (at < end) {
    const c = text[at]!;
    if (c === '"') {
      if (start < 0) start = at;
      at = stringEnd(text, at);
      if (at < 0) return undefined;
      last = at;
      continue;
    }
    if (c === '#' || (c === '/' && text[at + 1] === '/')) {
      const nl = text.indexOf('\n', at);
      at = nl < 0 ? end : nl;
      continue;
    }
    if (c === '/' && text[at + 1] === '*') {
      const close = text.indexOf('*/', at + 2);
      if (close < 0) return undefined;
      at = close + 2;
      continue;
    }
    if (depth === 0 && c === ']') {
      flush();
      return { elements, close: at };
    }
    if (depth === 0 && c === ',') {
      flush();
      at++;
      continue;
    }
    if (c === '[' || c === '(' || c === '{') depth++;
    if (c === ']' || c === ')' || c === '}') depth--;
    if (!/\s/.test(c)) {
      if (start < 0) start = at;
      last = at + 1;
    }
    at++;
  }
  return undefined;
}

/** The offset after the string literal starting at `at` (templates included), or -1. */
function stringEnd(text: string, from: number): number {
  let at = from + 1;
  let depth = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (c === '\\') at += 2;
    else if (depth === 0 && c === '"') return at + 1;
    else if ((c === '$' || c === '%') && text[at + 1] === '{') {
      depth++;
      at += 2;
    } else if (depth > 0 && c === '}') {
      depth--;
      at++;
    } else if (depth > 0 && c === '"') {
      const inner = stringEnd(text, at);
      if (inner < 0) return -1;
      at = inner;
    } else if (c === '\n') return -1;
    else at++;
  }
  return -1;
}

/** The value of a plain string literal (no template), or undefined. */
export function literalString(text: string): string | undefined {
  if (!/^"(?:[^"\\$%]|\\.|\$(?!\{)|%(?!\{))*"$/.test(text)) return undefined;
  try {
    return JSON.parse(text) as string;
  } catch {
    return undefined;
  }
}
