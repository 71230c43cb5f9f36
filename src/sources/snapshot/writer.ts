import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import {
  InputError,
  type AccountInfo,
  type CoverageGap,
  type Resource,
  type Snapshot,
} from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import {
  SNAPSHOT_FILE_VERSION,
  SNAPSHOT_FORMAT,
  type SnapshotEndLine,
  type SnapshotGapLine,
  type SnapshotHeader,
} from './format.js';
import { checkGap, checkResource } from './validate.js';

/** Options for writing a snapshot file. */
export interface WriteSnapshotOptions extends Pick<SourceOptions, 'onProgress'> {
  /** Compress with gzip; by default, when the file name ends with `.gz`. */
  gzip?: boolean;
  /** Header fields for a streamed input (a `Snapshot` carries its own). Default: now, none, none. */
  takenAt?: string;
  accounts?: AccountInfo[];
  regions?: string[];
  /**
   * Coverage gaps for a streamed input, read after the last resource (a collector learns of gaps as
   * it goes). Ignored for a `Snapshot`, which carries its own.
   */
  coverage?: Iterable<CoverageGap> | (() => Iterable<CoverageGap>);
}

/** What was written. */
export interface WriteSnapshotResult {
  file: string;
  resources: number;
  gaps: number;
}

/** Buffered text is handed to the stream in pieces of about this size. */
const FLUSH_CHARS = 1 << 16;

/** Resources between progress reports. */
const PROGRESS_EVERY = 100_000;

/**
 * Writes a snapshot file from a snapshot in memory or from a stream of resources, never holding
 * more than a buffer of output. It writes to a temporary file beside the target and renames it into
 * place once complete and flushed to disk, so the target is either the old file or the whole new
 * one: a crash or a failing input leaves no half-written snapshot under the target's name.
 */
export async function writeSnapshot(
  input: Snapshot | Iterable<Resource> | AsyncIterable<Resource>,
  file: string,
  options: WriteSnapshotOptions = {},
): Promise<WriteSnapshotResult> {
  const snapshot = isSnapshot(input) ? input : undefined;
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    schemaVersion: SNAPSHOT_FILE_VERSION,
    takenAt: snapshot?.takenAt ?? options.takenAt ?? new Date().toISOString(),
    accounts: snapshot?.accounts ?? options.accounts ?? [],
    regions: snapshot?.regions ?? options.regions ?? [],
  };
  const gzip = options.gzip ?? file.endsWith('.gz');
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

  const out = createWriteStream(temp, { highWaterMark: 1 << 20 });
  const gz = gzip ? createGzip() : undefined;
  const sink: Writable = gz ?? out;
  const done = gz ? pipeline(gz, out) : finished(out);
  // Until awaited, a failure of the stream must not surface as an unhandled rejection.
  done.catch(() => {});

  let buffered = '';
  // Returns a promise only when the caller must wait, so the common case costs no await.
  const put = (line: string): Promise<unknown> | undefined => {
    buffered += line + '\n';
    if (buffered.length < FLUSH_CHARS) return undefined;
    const text = buffered;
    buffered = '';
    // Backpressure: wait while the stream's buffer is full, so a fast producer cannot fill memory.
    return sink.write(text) ? undefined : Promise.race([once(sink, 'drain'), done]);
  };
  let resources = 0;
  const putResource = (resource: Resource): Promise<unknown> | undefined => {
    const problem = checkResource(resource as unknown as Record<string, unknown>);
    if (problem) {
      throw new TypeError(
        `cannot write resource #${resources + 1} (${String(resource.type)} ${String(resource.id)}) to a snapshot: ${problem.message}`,
      );
    }
    if (++resources % PROGRESS_EVERY === 0)
      options.onProgress?.({ phase: 'write snapshot', done: resources });
    return put(JSON.stringify(resource));
  };

  let gaps = 0;
  try {
    // A header listing thousands of accounts can fill the buffer on its own.
    await put(JSON.stringify(header));
    const source = snapshot ? snapshot.resources : input;
    if (Symbol.asyncIterator in source) {
      for await (const resource of source) await putResource(resource);
    } else {
      // A plain loop for arrays and generators: it awaits only when the stream asks it to wait.
      for (const resource of source as Iterable<Resource>) {
        const wait = putResource(resource);
        if (wait) await wait;
      }
    }
    const coverage = snapshot
      ? snapshot.coverage
      : typeof options.coverage === 'function'
        ? options.coverage()
        : (options.coverage ?? []);
    for (const gap of coverage) {
      const problem = checkGap(gap);
      if (problem)
        throw new TypeError(`cannot write coverage gap #${gaps + 1} to a snapshot: ${problem.message}`);
      const line: SnapshotGapLine = { gap };
      await put(JSON.stringify(line));
      gaps++;
    }
    const end: SnapshotEndLine = { end: true, resources, gaps };
    await put(JSON.stringify(end));
    sink.end(buffered);
    await done;
    await flushToDisk(temp);
    await rename(temp, file);
  } catch (error) {
    sink.destroy();
    out.destroy();
    await done.catch(() => {});
    await unlink(temp).catch(() => {});
    // A path that cannot be written (no such directory, no permission, disk full) is the user's to fix.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new InputError(`cannot write snapshot file: ${code}`, { file });
    }
    throw error;
  }
  return { file, resources, gaps };
}

function isSnapshot(input: object): input is Snapshot {
  return Array.isArray((input as Snapshot).resources) && Array.isArray((input as Snapshot).coverage);
}

/** fsync before rename, so that after a power cut the new name never points at unwritten blocks. */
async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
