import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** Account and region that a file's directory names declare (`accounts/<id>/<region>/`). */
export interface PathContext {
  account?: string;
  region?: string;
}

/** One file found under the input. */
export interface FoundFile {
  /** Absolute path, for reading. */
  path: string;
  /** Path relative to the input (posix separators), for origins and messages. */
  rel: string;
  context: PathContext;
}

// Commercial, China, GovCloud and ISO partitions: us-east-1, cn-north-1, us-gov-west-1, us-isob-east-1.
const REGION = /^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})$/;
const ACCOUNT_ID = /^\d{12}$/;

/** True when a directory or file name is an AWS region name. */
export function isRegionName(name: string): boolean {
  return REGION.test(name);
}

/**
 * Reads the account and region from the directory names above a file: `accounts/<id>` (any id, as
 * the Batfish layout uses short test ids), a bare 12-digit directory, and a region-named directory.
 * The innermost match wins, so `accounts/111/us-west-1/` beats anything further up.
 */
export function contextFromPath(dir: string): PathContext {
  const parts = resolve(dir).split(sep).filter(Boolean);
  const context: PathContext = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    // A bucket directory (`s3/<bucket>/`) is a name, not a context, whatever it looks like.
    if (i > 0 && parts[i - 1]!.toLowerCase() === 's3') continue;
    if (part.toLowerCase() === 'accounts' && next !== undefined) {
      context.account = next;
      i++;
    } else if (ACCOUNT_ID.test(part)) context.account = part;
    else if (isRegionName(part)) context.region = part;
  }
  return context;
}

/**
 * Lists the files under the input (or the input itself when it is a file), in a stable order.
 * Entries whose names start with a dot (`.git`, `.DS_Store`) and `node_modules` are not visited.
 */
export function findFiles(input: string): FoundFile[] {
  const root = resolve(input);
  if (!statSync(root).isDirectory()) {
    return [{ path: root, rel: basename(root), context: contextFromPath(dirname(root)) }];
  }
  const found: FoundFile[] = [];
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) {
        found.push({ path, rel: relative(root, path).split(sep).join('/'), context: contextFromPath(dir) });
      }
    }
  };
  visit(root);
  return found;
}
