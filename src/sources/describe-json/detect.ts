import { readFileSync, statSync } from 'node:fs';
import { findFiles } from './files.js';
import { decodeText } from './json.js';
import { ITEM_KEYS, REFERENCE_KEYS } from './kinds.js';
import { S3_BUCKET_COMMANDS } from './mappers/s3.js';
import { commandOfFileName } from './read.js';
import { isObject } from './values.js';

/** Files larger than this are not parsed just to detect their kind. */
const DETECT_MAX_BYTES = 20 * 1024 * 1024;
/** JSON files looked at in a directory before giving up. */
const DETECT_MAX_FILES = 300;

/** True when one file is saved describe output: a known key at the top level of its JSON. */
function fileLooksLikeDescribe(path: string): boolean {
  if (!/\.json$/i.test(path)) return false;
  if (commandOfFileName(path) in S3_BUCKET_COMMANDS) return true;
  try {
    if (statSync(path).size > DETECT_MAX_BYTES) return false;
    const value: unknown = JSON.parse(decodeText(readFileSync(path)));
    const first = Array.isArray(value) ? value[0] : value;
    return isObject(first) && Object.keys(first).some((key) => key in ITEM_KEYS || key in REFERENCE_KEYS);
  } catch {
    return false;
  }
}

/**
 * True when the path is a describe-output file, or a directory holding one among its first few
 * hundred JSON files. Only top-level keys count, so CloudFormation templates (whose resources nest
 * keys like `Policies`) and Terraform plans are not claimed. Used by `--source` to pick this source.
 */
export function looksLikeDescribeJson(path: string): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return false;
  if (!info.isDirectory()) return fileLooksLikeDescribe(path);
  let checked = 0;
  for (const file of findFiles(path)) {
    if (!/\.json$/i.test(file.path)) continue;
    if (fileLooksLikeDescribe(file.path)) return true;
    if (++checked >= DETECT_MAX_FILES) break;
  }
  return false;
}
