/**
 * The policy engine (src/iam/index.ts) is written alongside these tests. Until it exists, tests
 * that only need parsing fall back to their own minimal reading; this loader says which is in use.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../corpora.js';

export interface ParseResultLike {
  policy?: unknown;
  errors: Array<{ message?: string } | unknown>;
  warnings: unknown[];
}
export interface EngineLike {
  parsePolicy?: (json: unknown, kind: never, where?: string) => ParseResultLike;
}

/** The engine's entry point, or its parser module while the entry point is not written yet. */
export async function loadEngine(): Promise<EngineLike | undefined> {
  for (const name of ['index', 'parse']) {
    if (existsSync(join(projectRoot, 'src', 'iam', `${name}.ts`))) {
      const spec = `../../src/iam/${name}.js`;
      const mod = (await import(/* @vite-ignore */ spec)) as EngineLike;
      if (mod.parsePolicy) return mod;
    }
  }
  return undefined;
}
