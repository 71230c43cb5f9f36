/**
 * The IAM write actions the change commands may call, for `cloudrounds policy --fix`. Fixes declare
 * theirs next to each rule (`fixWriteActions()` in src/rules/fixes.ts); the other change commands
 * (cleanup, rotate) register theirs here when their module loads, with the command as the owner.
 */
import { fixWriteActions } from '../rules/fixes.js';

/** What the executor itself calls besides the planned steps: who is making the change. */
export const EXECUTOR_ACTIONS: readonly string[] = ['sts:GetCallerIdentity'];

/**
 * Write actions of the change commands other than `fix`, by command. The owner of each command
 * appends its entry here (`cleanup: ['ec2:CreateSnapshot', 'ec2:DeleteVolume', …]`), so the policy is
 * complete without depending on which modules were loaded.
 */
export const COMMAND_WRITE_ACTIONS: Readonly<Record<string, readonly string[]>> = {};

const registered = new Map<string, Set<string>>();

/**
 * Adds write actions a change command needs (`registerWriteActions('cleanup', ['ec2:DeleteVolume'])`).
 * Call it at module level of the command's core, and import that module from
 * `changeWriteActions`' callers (src/cli/commands/policy.ts) so the list is complete.
 */
export function registerWriteActions(owner: string, actions: readonly string[]): void {
  const set = registered.get(owner) ?? new Set<string>();
  for (const action of actions) {
    if (!/^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(action)) throw new Error(`${owner}: not an IAM action: ${action}`);
    set.add(action);
  }
  registered.set(owner, set);
}

/** Write actions by owner: `fix` (every fix declaration) and each registered command; sorted. */
export function changeWriteActions(): Record<string, string[]> {
  const out: Record<string, string[]> = { fix: fixWriteActions() };
  const all = new Map<string, Set<string>>();
  for (const [owner, actions] of [...Object.entries(COMMAND_WRITE_ACTIONS), ...registered]) {
    all.set(owner, new Set([...(all.get(owner) ?? []), ...actions]));
  }
  for (const [owner, actions] of [...all].sort(([a], [b]) => a.localeCompare(b))) {
    out[owner] = [...new Set([...(out[owner] ?? []), ...actions])].sort();
  }
  return out;
}

/** Every write action of every change command, sorted and without duplicates. */
export function allChangeWriteActions(): string[] {
  return [...new Set(Object.values(changeWriteActions()).flat())].sort();
}

export interface WritePolicy {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }>;
}

/**
 * The IAM policy of the change commands, apart from the read-only collection policy: one statement
 * per command (`CloudroundsFix`, `CloudroundsCleanup`, …), plus the identity call the executor makes.
 * The captures and re-reads use read actions that the read-only policy already grants.
 */
export function writePolicy(): WritePolicy {
  const statements = Object.entries(changeWriteActions())
    .filter(([, actions]) => actions.length > 0)
    .map(([owner, actions]) => ({
      Sid: `Cloudrounds${owner.replace(/(^|[-_\s])(\w)/g, (_, _sep: string, c: string) => c.toUpperCase())}`,
      Effect: 'Allow' as const,
      Action: actions,
      Resource: '*',
    }));
  statements.push({
    Sid: 'CloudroundsChangeIdentity',
    Effect: 'Allow',
    Action: [...EXECUTOR_ACTIONS],
    Resource: '*',
  });
  return { Version: '2012-10-17', Statement: statements };
}
