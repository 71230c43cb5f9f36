/**
 * `cloudrounds cleanup`: the priced waste of a snapshot as one plan (src/cost/cleanup.ts), shown
 * by default and executed by the change executor with `--apply`. The one thing the executor does
 * not know is waiting: a backup snapshot or AMI copy is usable only once AWS says `completed` /
 * `available`, so the waiting steps of the plan are sent through {@link waitingDispatcher}, which
 * repeats their read until the backup is whole (or fails the step, so the delete after it never
 * runs). See docs/cleanup.md.
 */
import { z } from 'zod';
import {
  CLEANUP_UNDO_ACTIONS,
  CLEANUP_WRITE_ACTIONS,
  backupSnapshots,
  planCleanup,
  type CleanupOptions,
  type CleanupPlan,
  type WaitFor,
} from '../cost/cleanup.js';
import { bundledPrices, type PriceBook } from '../cost/index.js';
import type { RunConfig } from '../engine/index.js';
import { createGraph } from '../engine/index.js';
import type { Snapshot } from '../model/index.js';
import { costWaste } from '../questions/cost.js';
import type { AwsCall } from '../rules/fix.js';
import type { ChangeJournal } from '../store/changes/index.js';
import { registerWriteActions } from './actions.js';
import { AwsCallError, type Dispatcher } from './dispatch.js';
import { applyPlan, type ApplyResult, type ChangePlan, type ChangeStep, type StepEvent } from './executor.js';

registerWriteActions('cleanup', [...CLEANUP_WRITE_ACTIONS, ...CLEANUP_UNDO_ACTIONS]);

export const CLEANUP_SCHEMA_VERSION = 1;

export interface CleanupInput {
  snapshot: Snapshot;
  config: RunConfig;
  prices?: PriceBook;
  options: Omit<CleanupOptions, 'now'> & { now?: Date };
}

/** The cleanup plan of a snapshot: its cost rules' failures, priced, then planned. */
export function cleanupPlan(input: CleanupInput): CleanupPlan {
  const waste = costWaste(input.snapshot, input.config, input.prices ?? bundledPrices());
  const now = input.options.now ?? new Date(input.snapshot.takenAt);
  return planCleanup(waste, createGraph(input.snapshot.resources), { ...input.options, now });
}

/** The executor's plan: every item's steps in order, each naming its rule and resource. */
export function cleanupChangePlan(plan: CleanupPlan): { plan: ChangePlan; waits: Map<AwsCall, WaitFor> } {
  const waits = new Map<AwsCall, WaitFor>();
  const steps: ChangeStep[] = [];
  for (const item of plan.items) {
    for (const step of item.steps) {
      const { waitFor, ...rest } = step;
      if (waitFor) waits.set(step.call, waitFor);
      steps.push({
        ...rest,
        rule: item.ruleId,
        resource: {
          type: item.resource.type,
          id: item.resource.id,
          account: item.resource.account,
          region: item.resource.region,
        },
      });
    }
  }
  const total = `${plan.monthlyTotal.toFixed(2)} ${plan.currency}/month`;
  return {
    plan: {
      kind: 'cleanup',
      title: `Clean up ${plan.items.length} unused resource(s), saving ${total} (run ${plan.runId})`,
      steps,
      note: `cleanup run ${plan.runId}; backups tagged cloudrounds:run=${plan.runId}`,
    },
    waits,
  };
}

export interface WaitOptions {
  /** Between reads; default 15 s (EC2's own snapshot waiter polls every 15 s). */
  intervalMs?: number;
  /** Reads before giving up; default 240 (an hour at 15 s). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A dispatcher that, for the calls in `waits`, repeats the read until the backup it names is usable.
 * A backup that failed, or that is still not ready after `attempts` reads, fails the step with an
 * {@link AwsCallError}, so the executor stops before the destructive step that relies on it.
 */
export function waitingDispatcher(
  inner: Dispatcher,
  waits: ReadonlyMap<AwsCall, WaitFor>,
  options: WaitOptions = {},
): Dispatcher {
  const interval = options.intervalMs ?? 15_000;
  const attempts = options.attempts ?? 240;
  const sleep = options.sleep ?? sleepFor;
  const fail = (call: AwsCall, code: string, message: string) =>
    new AwsCallError(call, { class: 'client', code, message });
  return {
    identity: (account) => inner.identity(account),
    destroy: () => inner.destroy(),
    get calls() {
      return inner.calls;
    },
    async send(call) {
      const wait = waits.get(call);
      if (!wait) return inner.send(call);
      for (let attempt = 1; ; attempt++) {
        const output = await inner.send(call);
        const state = backupState(wait, output);
        if (state === 'ready') return output;
        if (state === 'failed') throw fail(call, 'BackupFailed', `the ${wait.what} failed`);
        if (attempt >= attempts) {
          throw fail(
            call,
            'BackupNotReady',
            `the ${wait.what} is ${state} after ${attempts} checks; run cleanup again once it completes`,
          );
        }
        await sleep(interval);
      }
    },
  };
}

/** `ready`, `failed`, or the state it is still in (`pending`, `missing`). */
export function backupState(wait: WaitFor, output: Record<string, unknown>): string {
  if (wait.until === 'snapshot-completed') {
    const list = output.Snapshots;
    const ours = backupSnapshots(output, wait.runId, wait.source);
    if (ours.some((s) => s.State === 'completed')) return 'ready';
    const failed =
      Array.isArray(list) &&
      (
        list as Array<{ State?: string; VolumeId?: string; Tags?: Array<{ Key?: string; Value?: string }> }>
      ).some(
        (s) =>
          s.State === 'error' &&
          (s.VolumeId === undefined || s.VolumeId === wait.source) &&
          (s.Tags ?? []).some((t) => t.Key === 'cloudrounds:run' && t.Value === wait.runId),
      );
    if (failed && ours.length === 0) return 'failed';
    return ours.length ? String(ours[0]!.State ?? 'pending') : 'missing';
  }
  const images = Array.isArray(output.Images)
    ? (output.Images as Array<{ State?: string; Tags?: Array<{ Key?: string; Value?: string }> }>)
    : [];
  const ours = images.filter((i) => {
    const tags = i.Tags ?? [];
    return (
      tags.some((t) => t.Key === 'cloudrounds:run' && t.Value === wait.runId) &&
      tags.some((t) => t.Key === 'cloudrounds:source' && t.Value === wait.source)
    );
  });
  if (ours.some((i) => i.State === 'available')) return 'ready';
  if (ours.length && ours.every((i) => i.State === 'failed' || i.State === 'error')) return 'failed';
  return ours.length ? String(ours[0]!.State ?? 'pending') : 'missing';
}

export interface RunCleanupOptions {
  /** Default true: nothing is sent. */
  dryRun?: boolean;
  dispatcher?: Dispatcher;
  journal?: ChangeJournal;
  onEvent?: (event: StepEvent) => void;
  wait?: WaitOptions;
}

/** Shows (default) or applies a cleanup plan through the executor. */
export async function runCleanup(plan: CleanupPlan, options: RunCleanupOptions = {}): Promise<ApplyResult> {
  const { plan: change, waits } = cleanupChangePlan(plan);
  const dispatcher = options.dispatcher
    ? waitingDispatcher(options.dispatcher, waits, options.wait)
    : undefined;
  return applyPlan(change, {
    dryRun: options.dryRun ?? true,
    ...(dispatcher ? { dispatcher } : {}),
    ...(options.journal ? { journal: options.journal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}

// --- Output --------------------------------------------------------------------------------

const callSchema = z.object({
  client: z.string(),
  operation: z.string(),
  input: z.record(z.string(), z.unknown()),
  action: z.string(),
  account: z.string(),
  region: z.string(),
});
const resourceSchema = z.object({
  type: z.string(),
  id: z.string(),
  account: z.string(),
  region: z.string(),
  name: z.string().optional(),
});

/** The versioned JSON of `cleanup --json`. */
export const cleanupJsonSchema = z.object({
  schemaVersion: z.literal(CLEANUP_SCHEMA_VERSION),
  runId: z.string(),
  applied: z.boolean(),
  changeRunId: z.number().nullable(),
  status: z.enum(['planned', 'applied', 'failed']),
  currency: z.string(),
  priceDate: z.string(),
  monthlyTotal: z.number(),
  keepTag: z.string(),
  amiRetention: z.enum(['keep', 'deregister', 'copy']),
  olderThanDays: z.number().optional(),
  items: z.array(
    z.object({
      kind: z.enum(['volume', 'address', 'image', 'instance']),
      ruleId: z.string(),
      resource: resourceSchema,
      reason: z.string(),
      action: z.string(),
      monthly: z.number().nullable(),
      basis: z.string(),
      reversal: z.string(),
      notes: z.array(z.string()),
      ageDays: z.number().optional(),
      steps: z.array(
        z.object({
          description: z.string(),
          call: callSchema,
          capture: callSchema.optional(),
          backup: z.boolean(),
          destructive: z.boolean(),
          waitsFor: z.string().optional(),
          status: z.enum(['planned', 'applied', 'failed', 'not-run']),
          error: z.string().optional(),
        }),
      ),
    }),
  ),
  skipped: z.array(
    z.object({
      ruleId: z.string(),
      resource: resourceSchema,
      why: z.enum([
        'protected',
        'too-recent',
        'age-unknown',
        'retention-keep',
        'not-cleanup',
        'not-live',
        'cannot',
      ]),
      detail: z.string(),
      monthly: z.number().nullable(),
    }),
  ),
});
export type CleanupJson = z.infer<typeof cleanupJsonSchema>;

/** The plan (and, after `--apply`, each step's outcome) as the versioned JSON document. */
export function cleanupJson(plan: CleanupPlan, result?: ApplyResult): CleanupJson {
  const outcomes = result && !result.dryRun ? result.steps : undefined;
  let ordinal = 0;
  return {
    schemaVersion: CLEANUP_SCHEMA_VERSION,
    runId: plan.runId,
    applied: outcomes !== undefined,
    changeRunId: result && !result.dryRun ? result.runId : null,
    status: result && !result.dryRun ? result.status : 'planned',
    currency: plan.currency,
    priceDate: plan.priceDate,
    monthlyTotal: plan.monthlyTotal,
    keepTag: plan.keepTag,
    amiRetention: plan.amiRetention,
    ...(plan.olderThanDays !== undefined ? { olderThanDays: plan.olderThanDays } : {}),
    items: plan.items.map((item) => ({
      kind: item.kind,
      ruleId: item.ruleId,
      resource: item.resource,
      reason: item.reason,
      action: item.action,
      monthly: item.monthly,
      basis: item.basis,
      reversal: item.reversal,
      notes: item.notes,
      ...(item.ageDays !== undefined ? { ageDays: item.ageDays } : {}),
      steps: item.steps.map((step) => {
        const outcome = outcomes?.[ordinal++];
        return {
          description: step.description,
          call: step.call,
          ...(step.capture ? { capture: step.capture } : {}),
          backup: step.backup === true,
          destructive: step.destructive === true,
          ...(step.waitFor ? { waitsFor: step.waitFor.until } : {}),
          status: outcome?.status ?? 'planned',
          ...(outcome?.error ? { error: outcome.error } : {}),
        };
      }),
    })),
    skipped: plan.skipped,
  };
}

const money = (n: number | null, currency: string) =>
  n === null ? 'not priced' : `${n.toFixed(2)} ${currency}/month`;

/** The plan for a terminal: each item with its saving, steps and reversal, then what was skipped. */
export function renderCleanupText(plan: CleanupPlan, result?: ApplyResult): string {
  const lines: string[] = [];
  const applied = result && !result.dryRun;
  lines.push(
    `Cleanup ${plan.runId}: ${plan.items.length} resource(s), saving ${money(plan.monthlyTotal, plan.currency)} ` +
      `(prices of ${plan.priceDate}; AMI retention: ${plan.amiRetention}; protection tag: ${plan.keepTag}` +
      `${plan.olderThanDays !== undefined ? `; older than ${plan.olderThanDays} days` : ''})`,
  );
  let ordinal = 0;
  for (const item of plan.items) {
    const r = item.resource;
    lines.push('');
    lines.push(`${item.action}  [${money(item.monthly, plan.currency)}]`);
    lines.push(`  ${r.type} ${r.id} in ${r.account}/${r.region}: ${item.reason}`);
    for (const step of item.steps) {
      const outcome = applied ? result.steps[ordinal] : undefined;
      ordinal++;
      const flags = [
        step.backup ? 'backup' : '',
        step.destructive ? 'destructive' : '',
        step.waitFor ? 'waits' : '',
      ]
        .filter(Boolean)
        .join(', ');
      const status = outcome ? ` -> ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}` : '';
      lines.push(`  - ${step.description}${flags ? ` (${flags})` : ''}${status}`);
      lines.push(`      ${step.call.action} ${JSON.stringify(step.call.input)} [${step.call.region}]`);
    }
    lines.push(`  reversal: ${item.reversal}`);
    for (const note of item.notes) lines.push(`  note: ${note}`);
  }
  if (plan.skipped.length) {
    lines.push('');
    lines.push(`Skipped (${plan.skipped.length}):`);
    for (const s of plan.skipped) {
      lines.push(`  - ${s.resource.type} ${s.resource.id} (${s.ruleId}): ${s.why}: ${s.detail}`);
    }
  }
  lines.push('');
  if (!result || result.dryRun) {
    lines.push(
      plan.items.length
        ? 'Dry run: nothing was changed. Run again with --apply to make these changes.'
        : 'Nothing to clean up.',
    );
  } else {
    lines.push(
      `Change run ${result.runId}: ${result.status}. ` +
        `Reverse what AWS allows with: cloudrounds undo ${result.runId}`,
    );
  }
  return lines.join('\n') + '\n';
}
