import { open } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import { SNAPSHOT_FORMAT } from './format.js';
import { isGzip } from './lines.js';

/** Bytes read to recognise a snapshot: the header's first key is within them. */
const SNIFF_BYTES = 512;

const HEADER_START = new RegExp(`^\\uFEFF?\\s*\\{\\s*"format"\\s*:\\s*"${SNAPSHOT_FORMAT}"`);

/**
 * True when the file starts like a snapshot header (plain or gzip). Reads only the first bytes, so
 * `--source` can try it on any file; unreadable paths and directories are simply not snapshots.
 */
export async function isSnapshotFile(path: string): Promise<boolean> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
  if (isGzip(head)) {
    try {
      // A sync flush decompresses what the first bytes hold without complaining that the rest is missing.
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return false;
    }
  }
  return HEADER_START.test(head.toString('utf8'));
}
