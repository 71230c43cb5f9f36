import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../corpora.js';

/** The built executable; `npm test` builds before it runs the tests. */
export const binPath = join(projectRoot, 'dist', 'cli', 'bin.js');
export const binBuilt = existsSync(binPath);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `cloudrounds` executable in a child process, as a user would. */
export function cloudrounds(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
