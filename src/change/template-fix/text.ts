/**
 * Offsets and lines in template text. Every edit of a fixed template is a splice of the original
 * text, so that the bytes outside the changed region stay exactly as written.
 */

/** A replacement of `[start, end)` by `text`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function applySplice(source: string, splice: Splice): string {
  return source.slice(0, splice.start) + splice.text + source.slice(splice.end);
}

/** The line ending the file uses (CRLF when its first line ends so). */
export function lineEnding(source: string): string {
  const first = source.indexOf('\n');
  return first > 0 && source[first - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the end of the line holding `offset` (before its `\r\n` or `\n`). */
export function lineEnd(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  if (nl < 0) return source.length;
  return nl > 0 && source[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The offset after the line holding `offset`, line break included. */
export function afterLine(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  return nl < 0 ? source.length : nl + 1;
}

/** Moves back over whitespace and line breaks. */
export function trimBack(source: string, offset: number): number {
  let at = offset;
  while (at > 0 && /\s/.test(source[at - 1]!)) at--;
  return at;
}

/** The whitespace that starts the line holding `offset`. */
export function indentOf(source: string, offset: number): string {
  const start = lineStart(source, offset);
  return /^[ \t]*/.exec(source.slice(start, offset + 1))![0];
}

/** The column of `offset` in its line (0-based). */
export function columnOf(source: string, offset: number): number {
  return offset - lineStart(source, offset);
}

/** 1-based line number of an offset. */
export function lineNumberOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** Indents every line but the first by `prefix`, and uses the file's line ending. */
export function reindent(text: string, prefix: string, eol: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : prefix + line))
    .join(eol);
}
