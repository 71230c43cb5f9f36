import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
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

/**
 * Runs the same `main()` the executable runs, inside the test process, capturing what it writes
 * to stdout and stderr. The command path is the user's (argument parsing, source loading, the
 * engines, the renderers, the exit code); only the process start is saved, which matters when a
 * file asks dozens of questions. Calls must not overlap (tests in a file run one after another);
 * `cwd` changes the process's directory for the call (test files run in forked processes). Use
 * {@link cloudrounds} for what only a real process shows (signals, TTY detection, locks held by
 * another process, the stack of an unexpected failure).
 */
export async function cloudroundsInProcess(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const capture =
    (into: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    };
  Object.assign(process.env, { NO_COLOR: '1', ...options.env });
  const savedCwd = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  process.exitCode = undefined;
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  // The test runner routes `console` to its reporter, not to process.stdout: capture it too.
  /* eslint-disable no-console -- replacing the console is the point here */
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  console.log = console.info = (...a: unknown[]) => void out.push(format(...a) + '\n');
  console.warn = console.error = (...a: unknown[]) => void err.push(format(...a) + '\n');
  /* eslint-enable no-console */
  let code: number;
  try {
    code = await main(args);
  } catch (error) {
    err.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    code = 70;
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    Object.assign(console, saved);
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
