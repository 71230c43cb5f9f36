import { open, readFile } from 'node:fs/promises';
import { InputError } from '../../model/index.js';

/**
 * Decodes a file Terraform (or an editor, or PowerShell's `>` redirection) may have written: UTF-8 with or
 * without a byte order mark, or UTF-16 LE/BE with a BOM. `terraform show -json > plan.json` in Windows
 * PowerShell 5 writes UTF-16 LE with a BOM, which is why plans in the wild come in all three.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  try {
    if (b0 === 0xff && b1 === 0xfe)
      return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (b0 === 0xfe && b1 === 0xff)
      return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    }
    // UTF-16 without a BOM: a JSON document starts with an ASCII character, so one of the first two
    // bytes is NUL.
    if (bytes.length >= 2 && b0 !== 0 && b1 === 0)
      return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    if (bytes.length >= 2 && b0 === 0 && b1 !== 0)
      return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('not valid UTF-8 or UTF-16 text', { file });
  }
}

/** Reads and decodes a whole text file; a missing file is an input error, not a crash. */
export async function readText(file: string): Promise<string> {
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read file: ${err.code ?? err.message}`, { file });
  });
  return decodeText(bytes, file);
}

/** Reads the first `max` bytes of a file, decoded as far as possible; for cheap format sniffing. */
export async function readHead(file: string, max = 64 * 1024): Promise<string | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buffer, 0, max, 0);
    const bytes = buffer.subarray(0, bytesRead);
    // A cut in the middle of a multi-byte character would fail a fatal decode: decode leniently.
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0)
      return new TextDecoder('utf-16le').decode(bytes);
    if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0)
      return new TextDecoder('utf-16be').decode(bytes);
    return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
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
 * `JSON.parse` with the failure turned into an {@link InputError} at the line and column where the
 * text stops being JSON. Node 20's messages do not always carry a position, so it is found by a scan.
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = jsonErrorOffset(text);
    const reason =
      offset >= text.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(text[offset])}`;
    throw new InputError(`not valid JSON: ${reason} (${message.split('\n')[0]?.slice(0, 80)})`, {
      file,
      ...lineColumnAt(text, offset),
    });
  }
}

/** Offset of the first character that makes `text` invalid JSON (its length when it ends too early). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(i);
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i + 2);
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail(i + 1);
        continue;
      }
      if (ch !== undefined && ch < ' ') fail(i);
      i++;
    }
    fail(i);
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail(i);
    i += m?.[0].length ?? 0;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i);
        string();
        ws();
        if (text[i] !== ':') fail(i);
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail(i);
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail(i);
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail(i);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(i);
    return text.length;
  } catch (at) {
    return typeof at === 'number' ? at : text.length;
  }
}
