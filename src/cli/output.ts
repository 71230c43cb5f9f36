import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../model/index.js';

/** Writes to stdout, waiting when the pipe is full so large outputs stream with bounded memory. */
export async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Writes a value as one JSON document followed by a newline. */
export async function writeJson(value: unknown): Promise<void> {
  await write(JSON.stringify(value, null, 2) + '\n');
}

const FLUSH_AT = 1 << 16;

/** Gathers small chunks into blocks of about 64 KiB, so a large report never becomes one string. */
export async function writeChunks(
  chunks: Iterable<string>,
  sink: (text: string) => Promise<unknown> = write,
): Promise<void> {
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= FLUSH_AT) {
      await sink(buffer);
      buffer = '';
    }
  }
  if (buffer) await sink(buffer);
}

/**
 * Writes to a temporary file beside `file` and renames it into place, so a reader never sees half
 * a report and a failed run leaves the previous file intact.
 */
export async function writeAtomically(file: string, chunks: Iterable<string>): Promise<void> {
  const target = resolve(file);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    const h = handle;
    await writeChunks(chunks, (text) => h.write(text));
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw new InputError(`cannot write the report: ${writeProblem(error)}`, { file });
  }
}

/** Why a file could not be written, without the temporary file's name. */
function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its directory does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'EISDIR') return 'it is a directory';
  return (error as Error).message;
}
