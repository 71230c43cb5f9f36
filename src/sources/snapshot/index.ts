import type { Source } from '../types.js';
import { readSnapshot } from './reader.js';

export {
  SNAPSHOT_FORMAT,
  SNAPSHOT_FILE_VERSION,
  type SnapshotHeader,
  type SnapshotGapLine,
  type SnapshotEndLine,
} from './format.js';
export { readSnapshot, streamSnapshot } from './reader.js';
export type { ReadSnapshotOptions, SnapshotSummary, SnapshotVisitor } from './reader.js';
export { writeSnapshot } from './writer.js';
export type { WriteSnapshotOptions, WriteSnapshotResult } from './writer.js';
export { isSnapshotFile } from './sniff.js';

/** `--source <file>.jsonl[.gz]`: a snapshot file written by `cloudrounds collect` or `snapshot`. */
export const snapshotSource: Source = {
  kind: 'snapshot',
  load: (input, options) => readSnapshot(input, options),
};
