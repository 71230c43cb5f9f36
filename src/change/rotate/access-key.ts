/**
 * `cloudrounds rotate access-key --user U --to DEST`: a resumable state machine, its state in the
 * store (src/store/rotation/), advanced as far as it may go by each run:
 *
 *   (none) → creating: CreateAccessKey; the new key id is written to the store as soon as AWS
 *            answers, then the key goes to its destination (profile file or Secrets Manager)
 *   creating → stored: once the destination holds the key
 *   stored → deactivated: UpdateAccessKey Inactive on the old key, once the new key has been used
 *            (GetAccessKeyLastUsed) and the old one not since — or once the grace period is over
 *   deactivated → done: DeleteAccessKey of the old key, after it stayed inactive `keepInactiveDays`
 *
 * A crash between two writes is recovered from the store and the account: a new key whose secret
 * never reached its destination is deleted (nobody can be using it) and created again.
 * The secret exists only in memory between CreateAccessKey and the destination write: the journal
 * records CreateAccessKey's answer with the secret replaced, and the Secrets Manager call with a
 * placeholder. IAM allows two keys per user, so a user with two keys is refused unless the second
 * is this rotation's own.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-retrieve.html
 */
import { GLOBAL_REGION, InputError } from '../../model/index.js';
import type { AwsCall } from '../../rules/fix.js';
import type { ChangeJournal } from '../../store/changes/index.js';
import type { RotationRecord, RotationStore } from '../../store/rotation/index.js';
import './actions.js';
import { AwsCallError, type Dispatcher } from '../dispatch.js';
import { applyPlan, type ChangeStep } from '../executor.js';
import {
  credentialsFilePath,
  destinationText,
  profileKeyId,
  readCredentialsFile,
  secretRegion,
  secretValue,
  secretWriteCall,
  setProfileKeys,
  writeCredentialsFile,
  type Destination,
} from './destination.js';

export { ACCESS_KEY_ACTIONS } from './actions.js';

const DAY_MS = 86_400_000;
/** Tolerated clock difference between this machine and IAM's CreateDate. */
const SKEW_MS = 5 * 60_000;

export interface AccessKeyRotationOptions {
  user: string;
  destination: Destination;
  /** The account of the user (the caller's unless told). */
  account: string;
  /** Days after the new key was stored when the old one is deactivated even without proof of use. */
  graceDays: number;
  /** Days the old key stays inactive before it is deleted (0: in the same run). */
  keepInactiveDays: number;
  /** Default false: read only, say what the next run with --apply would do. */
  apply: boolean;
  dispatcher: Dispatcher;
  store: RotationStore;
  /** Required with `apply`. */
  journal?: ChangeJournal;
  now?: () => Date;
  /** The shared credentials file (default per {@link credentialsFilePath}). */
  credentialsFile?: string;
  /** Region of a Secrets Manager destination given by name. */
  region?: string;
  /** Stops after this many state changes (tests simulate a crash with it). */
  maxTransitions?: number;
}

export interface RotationReport {
  user: string;
  destination: string;
  rotationId: number | null;
  state: RotationRecord['state'] | 'not-started';
  oldKeyId: string | null;
  newKeyId: string | null;
  /** What this run did (with --apply) or would do (dry run), in order. */
  actions: string[];
  /** The calls a dry run would make next; empty once applied. */
  planned: AwsCall[];
  /** Why the run stopped before `done`. */
  waiting?: string;
  /** Journal runs made by this run. */
  changeRuns: number[];
}

interface KeyMeta {
  AccessKeyId: string;
  Status?: string;
  CreateDate?: string;
}

const iam = (account: string, operation: string, input: Record<string, unknown>): AwsCall => ({
  client: 'iam',
  operation,
  input,
  action: `iam:${operation}`,
  account,
  region: GLOBAL_REGION,
});

/** Advances the rotation of one user's access key as far as it may go now. */
export async function rotateAccessKey(o: AccessKeyRotationOptions): Promise<RotationReport> {
  if (o.apply && !o.journal) throw new Error('rotateAccessKey: applying needs a journal');
  const now = () => (o.now ?? (() => new Date()))();
  const iso = () => now().toISOString();
  const dest = destinationText(o.destination);
  const report: RotationReport = {
    user: o.user,
    destination: dest,
    rotationId: null,
    state: 'not-started',
    oldKeyId: null,
    newKeyId: null,
    actions: [],
    planned: [],
    changeRuns: [],
  };
  let transitions = 0;
  const budget = () => transitions < (o.maxTransitions ?? Infinity);

  const listKeys = async (): Promise<KeyMeta[]> => {
    const out = await o.dispatcher.send(iam(o.account, 'ListAccessKeys', { UserName: o.user }));
    const list = Array.isArray(out.AccessKeyMetadata) ? (out.AccessKeyMetadata as KeyMeta[]) : [];
    return list.filter((k) => typeof k.AccessKeyId === 'string');
  };
  const lastUsed = async (keyId: string): Promise<string | undefined> => {
    const out = await o.dispatcher.send(iam(o.account, 'GetAccessKeyLastUsed', { AccessKeyId: keyId }));
    const used = (out.AccessKeyLastUsed as { LastUsedDate?: unknown } | undefined)?.LastUsedDate;
    return typeof used === 'string' ? used : undefined;
  };

  /** Runs journalled steps; returns the dispatcher's stash (the new key) on success. */
  const change = async (title: string, steps: ChangeStep[], sender: Dispatcher = o.dispatcher) => {
    const result = await applyPlan(
      { kind: 'rotate', title, steps },
      { dryRun: false, dispatcher: sender, journal: o.journal! },
    );
    if (result.dryRun) throw new Error('unreachable');
    report.changeRuns.push(result.runId);
    if (result.status === 'failed') {
      const failed = result.steps.find((s) => s.status === 'failed');
      throw new InputError(
        `${title} failed: ${failed?.error ?? 'unknown error'} (journal run ${result.runId})`,
      );
    }
    return result.runId;
  };

  let record = await o.store.active('access-key', o.account, o.user);
  let keys = await listKeys();

  // --- Start -------------------------------------------------------------------------------
  if (!record) {
    if (keys.length === 0) throw new InputError(`IAM user ${o.user} has no access key to rotate`);
    if (keys.length > 1) {
      throw new InputError(
        `IAM user ${o.user} already has two access keys (${keys.map((k) => `${k.AccessKeyId} ${k.Status ?? ''}`.trim()).join(', ')}) ` +
          'and neither belongs to an unfinished rotation: IAM allows two, so delete or deactivate one first',
      );
    }
    const old = keys[0]!.AccessKeyId;
    report.oldKeyId = old;
    if (!o.apply) {
      report.actions.push(
        `create a new access key for ${o.user} and store it in ${dest}`,
        `wait until the new key is used (or ${o.graceDays} days), then deactivate ${old}`,
        `delete ${old} ${o.keepInactiveDays ? `${o.keepInactiveDays} days after deactivation` : 'right after deactivation'}`,
      );
      report.planned.push(iam(o.account, 'CreateAccessKey', { UserName: o.user }));
      report.waiting = 'dry run: nothing was changed (run with --apply)';
      return report;
    }
    record = await o.store.start({
      kind: 'access-key',
      account: o.account,
      subject: o.user,
      destination: dest,
      oldKeyId: old,
      graceDays: o.graceDays,
      keepInactiveDays: o.keepInactiveDays,
      at: iso(),
    });
  }
  const sync = (r: RotationRecord) => {
    record = r;
    report.rotationId = r.id;
    report.state = r.state;
    report.oldKeyId = r.oldKeyId;
    report.newKeyId = r.newKeyId;
  };
  sync(record);
  if (record.destination && record.destination !== dest) {
    throw new InputError(
      `rotation ${record.id} of ${o.user} stores its key in ${record.destination}, not ${dest}; finish it with --to ${record.destination}`,
    );
  }
  const update = async (patch: Parameters<RotationStore['update']>[1]) => {
    sync(await o.store.update(record!.id, patch, iso()));
    transitions++;
  };

  // --- creating: make the key and deliver it ----------------------------------------------
  if (record.state === 'creating') {
    const old = record.oldKeyId!;
    const strangers = keys.filter((k) => k.AccessKeyId !== old && k.AccessKeyId !== record!.newKeyId);
    const ours = record.newKeyId ? keys.find((k) => k.AccessKeyId === record!.newKeyId) : undefined;
    if (ours && (await destinationHolds(o, ours.AccessKeyId))) {
      report.actions.push(
        `found new key ${ours.AccessKeyId} already in ${dest} (an earlier run was interrupted)`,
      );
      if (o.apply) await update({ state: 'stored', storedAt: iso() });
    } else {
      // A key created by an interrupted run whose secret never reached its destination: nobody has
      // it, so it is deleted and made again. Anything else is not ours to delete.
      const orphans = [...(ours ? [ours] : []), ...strangers];
      for (const k of orphans) {
        const created = k.CreateDate ? Date.parse(k.CreateDate) : NaN;
        const mine =
          k === ours ||
          (created >= Date.parse(record.startedAt) - SKEW_MS && !(await lastUsed(k.AccessKeyId)));
        if (!mine) {
          throw new InputError(
            `IAM user ${o.user} has key ${k.AccessKeyId}, which is neither the old key nor one this rotation created; resolve it by hand`,
          );
        }
        const call = iam(o.account, 'DeleteAccessKey', { UserName: o.user, AccessKeyId: k.AccessKeyId });
        if (!o.apply) {
          report.actions.push(
            `delete ${k.AccessKeyId}, created by an interrupted run, whose secret was never stored`,
          );
          report.planned.push(call);
          continue;
        }
        await change(`Delete undelivered access key ${k.AccessKeyId} of ${o.user}`, [
          {
            description: `Delete access key ${k.AccessKeyId}: created by an interrupted rotation, its secret was never stored`,
            call,
            undo: () => ({ irreversible: 'the key was never delivered; there is nothing to restore' }),
          },
        ]);
        report.actions.push(`deleted undelivered key ${k.AccessKeyId}`);
      }
      if (!o.apply) {
        report.actions.push(`create a new access key for ${o.user} and store it in ${dest}`);
        report.planned.push(iam(o.account, 'CreateAccessKey', { UserName: o.user }));
        report.waiting = 'dry run: nothing was changed (run with --apply)';
        return report;
      }
      if (record.newKeyId) await update({ newKeyId: null });
      if (!budget()) return stopped(report, 'interrupted');
      await createAndDeliver(o, record, report, change, update, budget);
      if (report.waiting) return report;
    }
    keys = await listKeys();
  }

  // --- stored: wait for proof of use, then deactivate the old key -------------------------
  if (record.state === 'stored') {
    const old = record.oldKeyId!;
    const storedAt = Date.parse(record.storedAt ?? record.startedAt);
    const newUsed = record.newKeyId ? await lastUsed(record.newKeyId) : undefined;
    const oldUsed = await lastUsed(old);
    const graceOver = now().getTime() >= storedAt + record.graceDays * DAY_MS;
    const provenNew = newUsed !== undefined && Date.parse(newUsed) >= storedAt - SKEW_MS;
    const oldSince = oldUsed !== undefined && provenNew && Date.parse(oldUsed) > Date.parse(newUsed);
    if (provenNew && !record.firstUsedAt && o.apply) await update({ firstUsedAt: newUsed });
    if (!graceOver && (!provenNew || oldSince)) {
      const until = new Date(storedAt + record.graceDays * DAY_MS).toISOString();
      report.waiting = !provenNew
        ? `waiting for the new key ${record.newKeyId} to be used (GetAccessKeyLastUsed), or for the grace period to end on ${until}`
        : `the old key ${old} was used at ${oldUsed}, after the new key's first use: something still uses it; waiting until ${until}`;
      return report;
    }
    const why =
      provenNew && !oldSince
        ? `the new key was used at ${newUsed}`
        : `the grace period of ${record.graceDays} days is over`;
    const call = iam(o.account, 'UpdateAccessKey', {
      UserName: o.user,
      AccessKeyId: old,
      Status: 'Inactive',
    });
    if (!o.apply) {
      report.actions.push(`deactivate ${old} (${why})`);
      report.planned.push(call);
      report.waiting = 'dry run: nothing was changed (run with --apply)';
      return report;
    }
    if (!budget()) return stopped(report, 'interrupted');
    await change(`Deactivate the old access key of ${o.user} (rotation ${record.id})`, [
      {
        description: `Deactivate access key ${old} of ${o.user}: ${why}`,
        call,
        capture: iam(o.account, 'ListAccessKeys', { UserName: o.user }),
        undo: (captured) => {
          const before = (
            (captured as { AccessKeyMetadata?: KeyMeta[] } | null)?.AccessKeyMetadata ?? []
          ).find((k) => k.AccessKeyId === old);
          return before?.Status === 'Active'
            ? {
                call: iam(o.account, 'UpdateAccessKey', {
                  UserName: o.user,
                  AccessKeyId: old,
                  Status: 'Active',
                }),
              }
            : { irreversible: `key ${old} was not active before` };
        },
      },
    ]);
    report.actions.push(`deactivated ${old} (${why})`);
    await update({ state: 'deactivated', deactivatedAt: iso() });
  }

  // --- deactivated: delete the old key after it stayed inactive long enough ---------------
  if (record.state === 'deactivated') {
    const old = record.oldKeyId!;
    const since = Date.parse(record.deactivatedAt ?? record.updatedAt);
    const due = since + record.keepInactiveDays * DAY_MS;
    if (now().getTime() < due) {
      report.waiting = `old key ${old} is inactive since ${record.deactivatedAt}; it is deleted from ${new Date(due).toISOString()} (reactivate it with undo if something broke)`;
      return report;
    }
    const call = iam(o.account, 'DeleteAccessKey', { UserName: o.user, AccessKeyId: old });
    if (!o.apply) {
      report.actions.push(`delete the old key ${old}`);
      report.planned.push(call);
      report.waiting = 'dry run: nothing was changed (run with --apply)';
      return report;
    }
    if (!budget()) return stopped(report, 'interrupted');
    if (keys.some((k) => k.AccessKeyId === old)) {
      await change(`Delete the old access key of ${o.user} (rotation ${record.id})`, [
        {
          description: `Delete access key ${old} of ${o.user}, inactive since ${record.deactivatedAt}`,
          call,
          undo: () => ({
            irreversible: `a deleted access key cannot be restored; ${o.user} uses ${record!.newKeyId} from ${dest}`,
          }),
        },
      ]);
      report.actions.push(`deleted the old key ${old}`);
    } else {
      report.actions.push(`the old key ${old} was already deleted`);
    }
    await update({ state: 'done', finishedAt: iso() });
  }
  return report;
}

function stopped(report: RotationReport, why: string): RotationReport {
  report.waiting = why;
  return report;
}

/** Whether the destination already holds `keyId` (recovery after an interrupted delivery). */
async function destinationHolds(o: AccessKeyRotationOptions, keyId: string): Promise<boolean> {
  if (o.destination.kind === 'profile') {
    const text = await readCredentialsFile(o.credentialsFile ?? credentialsFilePath());
    return profileKeyId(text, o.destination.profile) === keyId;
  }
  const region = secretRegion(o.destination.secretId, o.region ?? 'us-east-1');
  try {
    const out = await o.dispatcher.send({
      client: 'secrets-manager',
      operation: 'GetSecretValue',
      input: { SecretId: o.destination.secretId },
      action: 'secretsmanager:GetSecretValue',
      account: o.account,
      region,
    });
    const value =
      typeof out.SecretString === 'string' ? (JSON.parse(out.SecretString) as { AccessKeyId?: unknown }) : {};
    return value.AccessKeyId === keyId;
  } catch (error) {
    // Only a secret (or a current value) that does not exist proves the key was not delivered: on
    // any other error (AccessDenied, throttling) the key may be in the secret, so it is not deleted.
    if (error instanceof AwsCallError && error.error.code === 'ResourceNotFoundException') return false;
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

/**
 * A dispatcher that keeps the secret of CreateAccessKey out of everything recorded: the executor
 * (and so the journal) sees the answer with the secret replaced, and the Secrets Manager write is
 * journalled with a placeholder that is filled in only in the request sent.
 */
export function secretKeepingDispatcher(inner: Dispatcher): {
  dispatcher: Dispatcher;
  key(): { id: string; secret: string } | undefined;
  fills: Set<AwsCall>;
} {
  let key: { id: string; secret: string } | undefined;
  const fills = new Set<AwsCall>();
  const dispatcher: Dispatcher = {
    identity: (account) => inner.identity(account),
    destroy: () => inner.destroy(),
    get calls() {
      return inner.calls;
    },
    async send(call) {
      if (fills.has(call)) {
        if (!key)
          throw new AwsCallError(call, { class: 'client', code: 'NoKey', message: 'no new key to store' });
        const input = { ...call.input, SecretString: secretValue(key.id, key.secret) };
        try {
          return await inner.send({ ...call, input });
        } catch (error) {
          // The error names the call: give it the recorded one, without the secret.
          if (error instanceof AwsCallError) throw new AwsCallError(call, error.error);
          throw error;
        }
      }
      const out = await inner.send(call);
      if (call.client === 'iam' && call.operation === 'CreateAccessKey') {
        const k = out.AccessKey as { AccessKeyId?: unknown; SecretAccessKey?: unknown } | undefined;
        if (typeof k?.AccessKeyId === 'string' && typeof k.SecretAccessKey === 'string') {
          key = { id: k.AccessKeyId, secret: k.SecretAccessKey };
        }
        return {
          ...out,
          AccessKey: { ...k, SecretAccessKey: '(not recorded: delivered to its destination only)' },
        };
      }
      return out;
    },
  };
  return { dispatcher, key: () => key, fills };
}

async function createAndDeliver(
  o: AccessKeyRotationOptions,
  record: RotationRecord,
  report: RotationReport,
  change: (title: string, steps: ChangeStep[], sender?: Dispatcher) => Promise<number>,
  update: (patch: Parameters<RotationStore['update']>[1]) => Promise<void>,
  budget: () => boolean,
): Promise<void> {
  const keeper = secretKeepingDispatcher(o.dispatcher);
  const dest = destinationText(o.destination);
  await change(
    `Create a new access key for ${o.user} (rotation ${record.id})`,
    [
      {
        description: `Create a new access key for IAM user ${o.user}; it goes to ${dest} only`,
        call: iam(o.account, 'CreateAccessKey', { UserName: o.user }),
        undo: () => ({
          irreversible: `delete the new key (its id is in the rotation state) with DeleteAccessKey once nothing uses it`,
        }),
      },
    ],
    keeper.dispatcher,
  );
  const key = keeper.key();
  if (!key) throw new InputError('CreateAccessKey answered without a key');
  // Written before delivery: a crash from here on leaves the key id to check the destination against.
  await update({ newKeyId: key.id });
  report.actions.push(`created new key ${key.id}`);
  if (!budget()) {
    report.waiting = 'interrupted';
    return;
  }
  if (o.destination.kind === 'profile') {
    const file = o.credentialsFile ?? credentialsFilePath();
    const text = await readCredentialsFile(file);
    await writeCredentialsFile(file, setProfileKeys(text, o.destination.profile, key.id, key.secret));
    report.actions.push(`stored it in profile ${o.destination.profile} of ${file} (mode 0600)`);
  } else {
    const region = secretRegion(o.destination.secretId, o.region ?? 'us-east-1');
    let exists = true;
    try {
      const out = await o.dispatcher.send({
        client: 'secrets-manager',
        operation: 'DescribeSecret',
        input: { SecretId: o.destination.secretId },
        action: 'secretsmanager:DescribeSecret',
        account: o.account,
        region,
      });
      exists = out.DeletedDate === undefined;
    } catch (error) {
      if (!(error instanceof AwsCallError) || error.error.code !== 'ResourceNotFoundException') throw error;
      exists = false;
    }
    const call = secretWriteCall(o.destination.secretId, exists, o.account, region, o.user);
    keeper.fills.add(call);
    await change(
      `Store the new access key of ${o.user} in Secrets Manager (rotation ${record.id})`,
      [
        {
          description: `${exists ? 'Put a new version of' : 'Create'} secret ${o.destination.secretId} holding key ${key.id} (secret value not recorded)`,
          call,
          undo: () =>
            exists
              ? {
                  irreversible:
                    'the previous value stays as version AWSPREVIOUS; move AWSCURRENT back with UpdateSecretVersionStage if needed',
                }
              : {
                  irreversible: `delete secret ${o.destination.kind === 'secretsmanager' ? o.destination.secretId : ''} with DeleteSecret if needed`,
                },
        },
      ],
      keeper.dispatcher,
    );
    report.actions.push(`stored it in Secrets Manager secret ${o.destination.secretId}`);
  }
  await update({ state: 'stored', storedAt: (o.now ?? (() => new Date()))().toISOString() });
}
