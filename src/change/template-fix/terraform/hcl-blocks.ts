/**
 * The block structure of HCL text with offsets: blocks (`resource "aws_s3_bucket" "logs" { ... }`,
 * nested `metadata_options { ... }`) and attributes (`http_tokens = "optional"`). `@cdktf/hcl2json`
 * gives values but no positions, so this scanner finds them, stepping over strings (with `${...}`
 * interpolations), heredocs and comments. It understands structure only; values stay text.
 */

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  /** Offset of the attribute name. */
  start: number;
  valueStart: number;
  /** Offset after the value (before any comment on its line). */
  valueEnd: number;
}

export interface HclBlock {
  kind: 'block';
  type: string;
  labels: string[];
  /** Offset of the block type keyword. */
  start: number;
  /** Offset of `{`. */
  open: number;
  /** Offset of the matching `}`. */
  close: number;
  items: Array<HclAttribute | HclBlock>;
}

/** Thrown when the text is not HCL this scanner can follow; the caller refuses to edit. */
export class HclScanError extends Error {}

/** The top-level items of an HCL file. */
export function scanHcl(text: string): Array<HclAttribute | HclBlock> {
  const scanner = new Scanner(text);
  const items = scanner.body(false);
  return items;
}

/** The `resource "TYPE" "NAME"` block, if written in this text. */
export function findResourceBlock(
  items: readonly (HclAttribute | HclBlock)[],
  type: string,
  name: string,
): HclBlock | undefined {
  return items.find(
    (i): i is HclBlock =>
      i.kind === 'block' && i.type === 'resource' && i.labels[0] === type && i.labels[1] === name,
  );
}

class Scanner {
  private at = 0;
  constructor(private readonly text: string) {}

  body(nested: boolean): Array<HclAttribute | HclBlock> {
    const items: Array<HclAttribute | HclBlock> = [];
    for (;;) {
      this.skipSpace(true);
      if (this.at >= this.text.length) {
        if (nested) throw new HclScanError('unclosed block');
        return items;
      }
      const c = this.text[this.at]!;
      if (c === '}') {
        if (!nested) throw new HclScanError(`unexpected } at offset ${this.at}`);
        return items;
      }
      const start = this.at;
      const name = this.identifier();
      if (!name) throw new HclScanError(`unexpected ${JSON.stringify(c)} at offset ${this.at}`);
      this.skipSpace(false);
      if (this.text[this.at] === '=' && this.text[this.at + 1] !== '=') {
        this.at++;
        this.skipSpace(false);
        const valueStart = this.at;
        const valueEnd = this.expression();
        items.push({ kind: 'attribute', name, start, valueStart, valueEnd });
        continue;
      }
      const labels: string[] = [];
      while (this.text[this.at] !== '{') {
        if (this.text[this.at] === '"') {
          const s = this.at;
          this.string();
          labels.push(JSON.parse(this.text.slice(s, this.at)) as string);
        } else {
          const label = this.identifier();
          if (!label) throw new HclScanError(`expected a label or { at offset ${this.at}`);
          labels.push(label);
        }
        this.skipSpace(false);
      }
      const open = this.at++;
      const inner = this.body(true);
      const close = this.at++;
      items.push({ kind: 'block', type: name, labels, start, open, close, items: inner });
    }
  }

  private identifier(): string {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.at, this.at + 200));
    if (!m) return '';
    this.at += m[0].length;
    return m[0];
  }

  /** Skips blanks and comments; with `newlines`, line breaks too. */
  private skipSpace(newlines: boolean): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t[this.at]!;
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.at++;
      else if (c === '#' || (c === '/' && t[this.at + 1] === '/')) {
        const nl = t.indexOf('\n', this.at);
        this.at = nl < 0 ? t.length : nl;
      } else if (c === '/' && t[this.at + 1] === '*') {
        const end = t.indexOf('*/', this.at + 2);
        if (end < 0) throw new HclScanError('unclosed comment');
        this.at = end + 2;
      } else return;
    }
  }

  /** An attribute's value: up to the end of the line (or a closing `}`) outside brackets. Returns its end. */
  private expression(): number {
    const t = this.text;
    let depth = 0;
    let end = this.at;
    while (this.at < t.length) {
      const c = t[this.at]!;
      if (c === '"') {
        this.string();
        end = this.at;
      } else if (
        c === '<' &&
        t[this.at + 1] === '<' &&
        /^<<-?[A-Za-z_]/.test(t.slice(this.at, this.at + 4))
      ) {
        this.heredoc();
        end = this.at;
      } else if (c === '#' || (c === '/' && (t[this.at + 1] === '/' || t[this.at + 1] === '*'))) {
        if (c === '/' && t[this.at + 1] === '*') {
          const close = t.indexOf('*/', this.at + 2);
          if (close < 0) throw new HclScanError('unclosed comment');
          this.at = close + 2;
        } else {
          const nl = t.indexOf('\n', this.at);
          this.at = nl < 0 ? t.length : nl;
        }
      } else if (c === '(' || c === '[' || c === '{') {
        depth++;
        this.at++;
        end = this.at;
      } else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return end;
        depth--;
        this.at++;
        end = this.at;
      } else if (c === '\n' && depth === 0) {
        return end;
      } else {
        this.at++;
        if (!/\s/.test(c)) end = this.at;
      }
    }
    if (depth > 0) throw new HclScanError('unclosed bracket');
    return end;
  }

  /** A quoted string, with `${...}` and `%{...}` templates that may hold strings of their own. */
  private string(): void {
    const t = this.text;
    this.at++;
    while (this.at < t.length) {
      const c = t[this.at]!;
      if (c === '\\') this.at += 2;
      else if (c === '"') {
        this.at++;
        return;
      } else if ((c === '$' || c === '%') && t[this.at + 1] === '{') {
        this.at += 2;
        this.template();
      } else if (c === '\n') throw new HclScanError('unterminated string');
      else this.at++;
    }
    throw new HclScanError('unterminated string');
  }

  private template(): void {
    const t = this.text;
    let depth = 1;
    while (this.at < t.length) {
      const c = t[this.at]!;
      if (c === '"') this.string();
      else if (c === '{') {
        depth++;
        this.at++;
      } else if (c === '}') {
        this.at++;
        if (--depth === 0) return;
      } else this.at++;
    }
    throw new HclScanError('unterminated template');
  }

  private heredoc(): void {
    const t = this.text;
    const m = /^<<-?([A-Za-z_]\w*)[ \t]*\r?\n/.exec(t.slice(this.at, this.at + 200));
    if (!m) throw new HclScanError('bad heredoc');
    const marker = m[1]!;
    let line = this.at + m[0].length;
    while (line < t.length) {
      const nl = t.indexOf('\n', line);
      const content = t.slice(line, nl < 0 ? t.length : nl).replace(/\r$/, '');
      if (content.trim() === marker) {
        this.at = line + content.length;
        return;
      }
      if (nl < 0) break;
      line = nl + 1;
    }
    throw new HclScanError(`unterminated heredoc ${marker}`);
  }
}
