import { InputError } from '../../model/index.js';

/**
 * Decodes a file's bytes to text. `aws ... > out.json` in Windows PowerShell 5 writes UTF-16LE
 * with a byte-order mark, and some editors add a UTF-8 BOM; both are accepted.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Parses JSON, turning the engine's syntax error into an `InputError` with the file, line and
 * column (V8 reports only a character offset, or nothing when the input ends early).
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.trimEnd().length;
    const { line, column } = lineColumn(text, offset);
    const reason = at ? message.replace(/\s*in JSON at position \d+.*$/, '') : message;
    // An error at the very end means the text stopped early (an interrupted redirect, a full disk).
    const truncated = offset >= text.trimEnd().length ? ' (the file looks truncated)' : '';
    throw new InputError(`invalid JSON: ${reason}${truncated}`, { file, line, column });
  }
}

/** The line each array element (and nested array element, a few levels down) starts on. */
export type ItemLines = Map<string, number>;

/**
 * Finds the line where each element of the file's arrays starts, keyed by JSON path
 * (`Vpcs[0]`, `Reservations[2].Instances[0]`), so that a resource can point back at its line.
 * A light scan over the already-validated text; paths deeper than `maxDepth` are not recorded.
 */
export function locateItems(text: string, maxDepth = 4): ItemLines {
  const lines: ItemLines = new Map();
  // One frame per open container: its path, whether it is an array, the next index / last key.
  const stack: Array<{ path: string; array: boolean; index: number; key: string }> = [];
  let line = 1;
  let lastString = '';
  let i = 0;
  const n = text.length;
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.array) return `${top.path}[${top.index}]`;
    return top.path ? `${top.path}.${top.key}` : top.key;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) j += 2;
        else if (d === 34) break;
        else j++;
      }
      lastString = text.slice(i + 1, j);
      i = j + 1;
      continue;
    }
    if (c === 58 /* : */) {
      const top = stack[stack.length - 1];
      if (top && !top.array) top.key = lastString;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const path = childPath();
      const top = stack[stack.length - 1];
      if (top?.array && stack.length <= maxDepth * 2) lines.set(path, line);
      stack.push({ path, array: c === 91, index: 0, key: '' });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
    }
    i++;
  }
  return lines;
}
