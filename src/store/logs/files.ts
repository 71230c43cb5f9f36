/**
 * Finding log files: walking directories, skipping what is not an event file, and reading the
 * first bytes (decompressed) and the content hash that identify a file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';

/** One file to ingest: where to read it and the name it is known by in `log_files`. */
export interface IngestInput {
  /** Local path DuckDB reads. */
  local: string;
  /** Stable identity: the absolute local path, or `s3://bucket/key` for downloaded objects. */
  identity: string;
  size: number;
  mtime: Date;
}

/**
 * Files that sit beside CloudTrail logs and are not events: log-file validation digests and
 * Insights events (another schema).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 */
export function isNonEventFile(path: string): boolean {
  return /CloudTrail-Digest|CloudTrail-Insight/i.test(path) || /\.(md5|sha\d*|crc|json\.sig)$/i.test(path);
}

/** Every regular file under the given files and directories, sorted; hidden entries skipped. */
export async function listLocalFiles(paths: readonly string[]): Promise<IngestInput[]> {
  const out: IngestInput[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.name.startsWith('.')) continue;
        await visit(join(path, entry.name));
      }
    } else if (info.isFile()) {
      out.push({ local: path, identity: path, size: info.size, mtime: info.mtime });
    }
  };
  for (const p of paths) await visit(p);
  return out;
}

const HEAD_BYTES = 64 * 1024;

/** The first bytes of a file as text, decompressed when gzip; undefined for Parquet. */
export async function readHead(
  path: string,
): Promise<{ head: string | undefined; gzip: boolean; parquet: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    const bytes = buf.subarray(0, bytesRead);
    if (bytes.subarray(0, 4).toString('latin1') === 'PAR1')
      return { head: undefined, gzip: false, parquet: true };
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      let text = '';
      try {
        // A prefix of the stream: sync-flush decompresses what is there without requiring the end.
        text = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH })
          .subarray(0, HEAD_BYTES)
          .toString('utf8');
      } catch {
        text = '';
      }
      return { head: text, gzip: true, parquet: false };
    }
    return { head: bytes.toString('utf8'), gzip: false, parquet: false };
  } finally {
    await handle.close();
  }
}

/** SHA-256 of the file as stored. */
export async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
