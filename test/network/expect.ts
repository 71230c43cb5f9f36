/**
 * Expected reachability verdicts kept as data (`*.expect.json`), and the one way tests check them:
 * through `cloudrounds reach --json`, the command a user runs (in-process: see `cloudroundsInProcess`).
 */
import { expect } from 'vitest';
import { z } from 'zod';
import { reachAnswerSchema } from '../../src/network/index.js';
import { cloudroundsInProcess } from '../e2e/cli.js';

/** One question and its expected answer. `from` / `to` are what `--from` / `--to` accept. */
export const expectedQuerySchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  protocol: z.enum(['tcp', 'udp', 'icmp', 'all']),
  port: z.number().int().min(0).max(65535).optional(),
  reachable: z.boolean(),
  /** Explanation codes the answer must contain (it may contain more). */
  codes: z.array(z.string().regex(/^[A-Z0-9_]+$/)),
  /** Why, from the configuration: the reason the expectation holds. */
  why: z.string().min(1),
  /** Extra `reach` options for this query only, e.g. `["--ephemeral", "windows"]`. */
  args: z.array(z.string()).optional(),
  /**
   * A known engine defect that makes this query fail today, named so it can be fixed; the test
   * then runs as `it.fails` and turns red once the defect is fixed (remove the field then).
   */
  bug: z.string().min(1).optional(),
});
export type ExpectedQuery = z.output<typeof expectedQuerySchema>;

export type ReachJson = z.output<typeof reachAnswerSchema>;

/** The `reach` arguments for one query. */
export function reachArgs(source: string, q: ExpectedQuery, extra: readonly string[] = []): string[] {
  const args = ['reach', '--source', source, '--from', q.from, '--to', q.to, '--protocol', q.protocol];
  if (q.port !== undefined) args.push('--port', String(q.port));
  return [...args, ...extra, ...(q.args ?? []), '--json'];
}

/** Runs one query through the CLI and asserts the verdict and the codes, with the answer in the message. */
export async function checkQuery(
  source: string,
  q: ExpectedQuery,
  extra: readonly string[] = [],
): Promise<ReachJson> {
  const args = reachArgs(source, q, extra);
  const run = await cloudroundsInProcess(args);
  const command = `cloudrounds ${args.join(' ')}`;
  expect(run.code, `${command}\nexit ${run.code}\n${run.stderr}`).toBe(0);
  // The documented schema of `reach --json`.
  const parsed = reachAnswerSchema.safeParse(JSON.parse(run.stdout));
  if (!parsed.success) throw new Error(`${command}: not a reach answer: ${parsed.error.message}`);
  const answer = parsed.data;
  const codes = answer.explanations.map((e) => e.code);
  const summary = `${command}\nwhy expected: ${q.why}\nexplanations:\n${answer.explanations
    .map((e) => `  ${e.code} at ${e.component.type} ${e.component.id}: ${e.detail}`)
    .join('\n')}`;
  expect(answer.reachable, summary).toBe(q.reachable);
  for (const code of q.codes) expect(codes, summary).toContain(code);
  // A blocked path always says why.
  if (!answer.reachable) expect(answer.explanations.length, summary).toBeGreaterThan(0);
  return answer;
}

/** A readable test name: `AppServer -> internet tcp/443: reachable`. */
export function queryName(q: ExpectedQuery): string {
  const traffic = q.port === undefined ? q.protocol : `${q.protocol}/${q.port}`;
  const verdict = q.reachable ? 'reachable' : `not reachable (${q.codes.join(', ') || 'blocked'})`;
  const options = q.args ? ` (${q.args.join(' ')})` : '';
  return `${q.from} -> ${q.to} ${traffic}${options}: ${verdict}`;
}
