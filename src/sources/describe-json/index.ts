import type { Source } from '../types.js';
import { loadDescribeJson } from './load.js';

export { looksLikeDescribeJson } from './detect.js';
export { loadDescribeJson } from './load.js';

/**
 * Saved `aws … describe-*` JSON output (a directory, `accounts/<id>/<region>/` trees, or one file)
 * as a snapshot. See README.md in this folder for the layouts and the shapes produced.
 */
export const describeJsonSource: Source = {
  kind: 'describe-json',
  load: (input, options) => loadDescribeJson(input, options),
};
