import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../model/index.js';

/** Read size: large enough that per-chunk costs vanish, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;

const NEWLINE = 0x0a;

/** True when the bytes start with the gzip magic number (RFC 1952, section 2.3.1). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Calls `onLine` for each line, with its 1-based number; `complete` is false for a last line that has no `\n`. */
export type LineHandler = (text: string, lineNo: number, complete: boolean) => void;

/**
 * Streams the lines of a file, gunzipping it when it starts with the gzip magic number. Returns
 * the number of lines.
 *
 * Lines are split by hand, not with `readline`: each chunk is decoded to one string up to its
 * last newline, and lines are cut from it with `indexOf` / `slice`. V8 makes such slices views
 * of the chunk string, so no line is copied before JSON.parse reads it. A `\n` byte is never part
 * of a multi-byte UTF-8 sequence, so cutting bytes at newlines never splits a character.
 */
export async function forEachLine(file: string, onLine: LineHandler): Promise<number> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot open snapshot file: ${error.code ?? error.message}`, { file });
  });
  let lineNo = 0;
  let gzip = false;
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    gzip = isGzip(head);
    const raw = handle.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES, autoClose: false });
    // pipeline() passes a read error on to the gunzip stream, which the loop below iterates.
    const chunks: AsyncIterable<Buffer> = gzip
      ? pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => {})
      : raw;

    // The start of a line that continues into the next chunk.
    let carry: Buffer[] = [];
    for await (const chunk of chunks) {
      let start = 0;
      const first = chunk.indexOf(NEWLINE);
      if (first === -1) {
        carry.push(chunk);
        continue;
      }
      if (carry.length > 0) {
        carry.push(chunk.subarray(0, first));
        onLine(Buffer.concat(carry).toString('utf8'), ++lineNo, true);
        carry = [];
        start = first + 1;
      }
      const last = chunk.lastIndexOf(NEWLINE);
      if (last >= start) {
        // UTF-8 gives a string on the V8 heap. (Node decodes latin1 of more than about 1 MB into an
        // external string, which JSON.parse reads far slower: 18 s of CPU against 12 s per 1M lines.)
        const text = chunk.toString('utf8', start, last);
        let from = 0;
        for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
          onLine(text.slice(from, nl), ++lineNo, true);
          from = nl + 1;
        }
        onLine(text.slice(from), ++lineNo, true);
      }
      if (last + 1 < chunk.length) carry.push(chunk.subarray(last + 1));
    }
    if (carry.length > 0) onLine(Buffer.concat(carry).toString('utf8'), ++lineNo, false);
    return lineNo;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only I/O and zlib failures are the file's fault; anything else (a visitor's own error) passes.
    if (error instanceof InputError || typeof code !== 'string') throw error;
    const where = { file, line: lineNo + 1 };
    if (gzip && code === 'Z_BUF_ERROR') {
      throw new InputError(`the gzip data ends early after line ${lineNo}: the file is truncated`, where);
    }
    if (gzip && code.startsWith('Z_')) {
      throw new InputError(`the gzip data is corrupt (${(error as Error).message})`, where);
    }
    throw new InputError(`cannot read snapshot file: ${code}`, where);
  } finally {
    await handle.close();
  }
}
