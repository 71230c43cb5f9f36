/**
 * The answers of `fix` and `undo` (JSON-ready, see schema.ts) and their text form: the exact API
 * calls with their parameters, the finding each step closes, and what happened when applied.
 */
import type { AwsCall } from '../rules/fix.js';
import type { ApplyResult, ChangeResourceRef } from './executor.js';
import type { FixApplyResult, PlannedFix } from './fix.js';
import { CHANGE_SCHEMA_VERSION, type FixAnswer, type UndoAnswer } from './schema.js';
import type { UndoPlan } from './undo.js';

type Applied = Extract<ApplyResult, { dryRun: false }>;

function ref(resource: {
  type: string;
  id: string;
  arn?: string | undefined;
  account: string;
  region: string;
}): ChangeResourceRef {
  return {
    type: resource.type,
    id: resource.id,
    ...(resource.arn ? { arn: resource.arn } : {}),
    account: resource.account,
    region: resource.region,
  };
}

function appliedOf(result: Applied): NonNullable<FixAnswer['applied']> {
  return {
    runId: result.runId,
    status: result.status,
    callers: result.callers,
    steps: result.steps.map((s) => ({
      ordinal: s.ordinal,
      description: s.description,
      status: s.status,
      ...(s.undo !== undefined ? { undo: s.undo } : {}),
      ...(s.error ? { error: s.error } : {}),
    })),
  };
}

export function fixAnswer(planned: readonly PlannedFix[], outcome?: FixApplyResult): FixAnswer {
  return {
    schemaVersion: CHANGE_SCHEMA_VERSION,
    dryRun: outcome === undefined,
    fixes: planned.map((p) => ({
      findingKey: p.target.findingKey,
      rule: p.target.rule.id,
      fix: p.target.fix.title,
      resource: ref(p.target.resource),
      reason: p.target.reason,
      ...(p.cannot ? { cannot: p.cannot } : {}),
      steps: p.steps.map((s) => ({
        description: s.description,
        call: s.call,
        ...(s.capture ? { capture: s.capture } : {}),
        destructive: s.destructive === true,
        backup: s.backup === true,
        reversible: s.undo !== undefined,
      })),
    })),
    refused: (outcome?.refused ?? []).map((r) => ({
      findingKey: r.target.findingKey,
      resource: ref(r.target.resource),
      reason: r.reason,
      drift: r.drift,
    })),
    ...(outcome?.result ? { applied: appliedOf(outcome.result) } : {}),
    verified: (outcome?.verified ?? []).map((v) => ({
      findingKey: v.target.findingKey,
      resource: ref(v.target.resource),
      resolved: v.resolved,
      status: v.status,
      reason: v.reason,
    })),
  };
}

export function undoAnswer(undo: UndoPlan, result?: ApplyResult): UndoAnswer {
  return {
    schemaVersion: CHANGE_SCHEMA_VERSION,
    dryRun: result === undefined || result.dryRun,
    runId: undo.run.id,
    title: undo.run.title,
    notes: undo.notes.map((n) => ({
      ordinal: n.ordinal,
      description: n.description,
      outcome: n.outcome,
      ...('call' in n ? { call: n.call } : {}),
      ...('reason' in n ? { reason: n.reason } : {}),
      ...('uncertain' in n && n.uncertain ? { uncertain: n.uncertain } : {}),
      ...('partial' in n && n.partial ? { partial: n.partial } : {}),
    })),
    ...(result && !result.dryRun ? { applied: appliedOf(result) } : {}),
  };
}

/** `s3:PutBucketVersioning  {"Bucket":"logs","VersioningConfiguration":{"Status":"Enabled"}}  (111122223333 us-east-1)` */
export function callLine(call: AwsCall): string {
  return `${call.client}:${call.operation} ${JSON.stringify(call.input)}  (${call.account} ${call.region}; needs ${call.action})`;
}

export function renderFixText(answer: FixAnswer): string {
  const lines: string[] = [];
  const fixable = answer.fixes.filter((f) => !f.cannot);
  if (answer.fixes.length === 0) lines.push('Nothing to fix: no failing finding has an automated fix here.');
  for (const fix of answer.fixes) {
    lines.push(
      `${fix.rule}  ${fix.resource.type} ${fix.resource.id}  (${fix.resource.account} ${fix.resource.region})`,
    );
    lines.push(`  finding ${fix.findingKey}: ${fix.reason}`);
    if (fix.cannot) {
      lines.push(`  not automated: ${fix.cannot}`);
      continue;
    }
    lines.push(`  fix: ${fix.fix}`);
    fix.steps.forEach((step, i) => {
      const tags = [
        step.destructive ? 'DESTRUCTIVE' : '',
        step.backup ? 'backup' : '',
        step.reversible ? '' : 'no undo',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`  ${i + 1}. ${step.description}${tags ? ` [${tags}]` : ''}`);
      if (step.capture) lines.push(`     reads first: ${callLine(step.capture)}`);
      lines.push(`     calls:       ${callLine(step.call)}`);
    });
  }
  for (const r of answer.refused) {
    lines.push(`REFUSED ${r.resource.type} ${r.resource.id}: ${r.reason}`);
  }
  if (answer.applied) {
    const a = answer.applied;
    lines.push(
      `Change run ${a.runId}: ${a.status} (as ${[...new Set(Object.values(a.callers))].join(', ')})`,
    );
    for (const s of a.steps)
      lines.push(`  ${s.status.padEnd(7)} ${s.description}${s.error ? `: ${s.error}` : ''}`);
    if (a.status === 'applied') lines.push(`Undo with: cloudrounds undo ${a.runId} --apply`);
    else
      lines.push(
        `The steps after the failure did not run. Undo what was applied with: cloudrounds undo ${a.runId} --apply`,
      );
  }
  for (const v of answer.verified) {
    lines.push(
      `${v.resolved ? 'RESOLVED' : 'STILL FAILING'} ${v.resource.type} ${v.resource.id}: ${v.reason}`,
    );
  }
  if (answer.dryRun && fixable.length > 0) {
    lines.push(
      '',
      'Dry run: nothing was changed, and no capture or change call was sent. Add --apply to make these changes.',
    );
  }
  return lines.join('\n') + '\n';
}

export function renderUndoText(answer: UndoAnswer): string {
  const lines = [`Undo of change run ${answer.runId} (${answer.title}):`];
  for (const n of answer.notes) {
    const what = `step ${n.ordinal + 1} (${n.description})`;
    if (n.outcome === 'reversed') {
      lines.push(`  ${what}: reversed by ${n.call ? callLine(n.call) : '?'}`);
      if (n.partial) lines.push(`    only partly: ${n.partial}`);
      if (n.uncertain) lines.push(`    note: ${n.uncertain}`);
    } else if (n.outcome === 'irreversible') lines.push(`  ${what}: CANNOT be reversed: ${n.reason ?? ''}`);
    else lines.push(`  ${what}: nothing to do (${n.reason ?? n.outcome})`);
  }
  if (answer.applied) {
    lines.push(`Change run ${answer.applied.runId} (the undo): ${answer.applied.status}`);
    for (const s of answer.applied.steps)
      lines.push(`  ${s.status.padEnd(7)} ${s.description}${s.error ? `: ${s.error}` : ''}`);
  } else if (answer.notes.some((n) => n.outcome === 'reversed')) {
    lines.push('', 'Dry run: nothing was changed. Add --apply to make these calls.');
  }
  return lines.join('\n') + '\n';
}
