import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file so tests work from any working directory. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Path inside `../shared/corpora/` (real data written by others; never copied into the repo). */
export function corpusPath(...parts: string[]): string {
  return join(projectRoot, '..', 'shared', 'corpora', ...parts);
}

/** True when the shared corpora sit beside the checkout, as they do for developers and CI. */
export const corporaPresent = existsSync(corpusPath());
