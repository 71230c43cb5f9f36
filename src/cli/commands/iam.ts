import { Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../../model/index.js';
import { iamSimulate, iamWhoCan, type SimulateAnswer, type WhoCanAnswer } from '../../questions/iam.js';
import { renderTable } from '../../report/table.js';
import { loadSource } from '../../sources/index.js';
import { addSourceOptions, positiveInt, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { iamEscalationCommand } from './iam-escalation.js';
import { write, writeJson } from '../output.js';

interface SimulateFlags extends SourceFlags {
  principal: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  durationSeconds?: number;
  chained?: boolean;
  json?: boolean;
}

interface WhoCanFlags extends SourceFlags {
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  json?: boolean;
}

/** `--context key=value`, repeatable; a key given twice becomes a multivalued key. */
function collectContext(
  value: string,
  previous: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'`);
  const key = value.slice(0, eq);
  const v = value.slice(eq + 1);
  const before = previous[key];
  const next = before === undefined ? v : Array.isArray(before) ? [...before, v] : [before, v];
  return { ...previous, [key]: next };
}

const contextOption = () =>
  new Option(
    '--context <key=value>',
    'condition key of the request, e.g. aws:SourceIp=203.0.113.7 (repeatable; repeat a key for a multivalued one)',
  )
    .argParser(collectContext)
    .default({});

/** Zod errors of the params become input errors (exit 2) naming the flag. */
function params<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Error && error.name === 'ZodError') {
      const issues = (
        error as unknown as { issues: Array<{ path: Array<string | number>; message: string }> }
      ).issues;
      const first = issues[0];
      throw new InputError(first ? `--${String(first.path[0] ?? '')}: ${first.message}` : error.message);
    }
    throw error;
  }
}

export function iamCommand(): Command {
  const iam = new Command('iam').description(
    'IAM policy evaluation: simulate a call, list who can act on a resource.',
  );
  iam.addCommand(
    addSourceOptions(new Command('simulate'))
      .description(
        'Decide one call as AWS would: Allowed, ExplicitDeny or ImplicitDeny, with the statements that decide.',
      )
      .requiredOption(
        '--principal <ref>',
        'user or role name, ARN, logical id, instance profile, or account id (root)',
      )
      .requiredOption('--action <action>', 'service:Action, e.g. s3:GetObject')
      .requiredOption(
        '--resource <arn>',
        'resource ARN (or * for actions without a resource), or a role or resource name',
      )
      .addOption(contextOption())
      .addOption(
        new Option('--duration-seconds <n>', 'DurationSeconds of an sts:AssumeRole call').argParser(
          positiveInt,
        ),
      )
      .addOption(
        new Option('--chained', 'the caller is itself a role session (role chaining: at most 1 hour)'),
      )
      .addOption(new Option('--json', 'print the answer as JSON'))
      .action(async (flags: SimulateFlags) => {
        const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
        const answer = params(() =>
          iamSimulate(snapshot, {
            principal: flags.principal,
            action: flags.action,
            resource: flags.resource,
            context: flags.context,
            ...(flags.durationSeconds !== undefined ? { durationSeconds: flags.durationSeconds } : {}),
            ...(flags.chained ? { chained: true } : {}),
          }),
        );
        if (flags.json) await writeJson(answer);
        else await write(simulateText(answer));
      }),
  );
  iam.addCommand(
    addSourceOptions(new Command('who-can'))
      .description(
        'List every principal that can call an action on a resource, with the statements that grant it.',
      )
      .requiredOption('--action <action>', 'service:Action, e.g. sts:AssumeRole')
      .requiredOption('--resource <arn>', 'resource ARN, or a role or resource name')
      .addOption(contextOption())
      .addOption(new Option('--json', 'print the answer as JSON'))
      .action(async (flags: WhoCanFlags) => {
        const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
        const answer = params(() =>
          iamWhoCan(snapshot, { action: flags.action, resource: flags.resource, context: flags.context }),
        );
        if (flags.json) await writeJson(answer);
        else await write(whoCanText(answer));
      }),
  );
  iam.addCommand(iamEscalationCommand());
  for (const c of iam.commands) c.exitOverride();
  return iam;
}

function statementText(s: SimulateAnswer['decidingStatements'][number]): string {
  const sid = s.sid ? `statement ${s.sid}` : `statement #${s.index ?? '?'}`;
  return `${s.effect} ${s.policyType} policy ${s.policy}${s.attachedTo ? ` (${s.attachedTo})` : ''} ${sid}`;
}

export function simulateText(a: SimulateAnswer): string {
  const lines = [
    `${a.decision}: ${a.principal.arn} ${a.action} ${a.resource}`,
    ...a.decidingStatements.map((s) => `  by ${statementText(s)}`),
  ];
  if (a.missingContextKeys.length)
    lines.push(`  condition keys not in the request: ${a.missingContextKeys.join(', ')}`);
  if (a.sessionDuration) {
    lines.push(
      `  session duration: ${a.sessionDuration.ok ? 'accepted' : 'rejected'} — ${a.sessionDuration.reason}`,
    );
  }
  lines.push('', 'Why:', ...a.explanation.map((e) => `  - ${e}`));
  if (a.notes.length) lines.push('', ...a.notes.map((n) => `note: ${n}`));
  return lines.join('\n') + '\n';
}

export function whoCanText(a: WhoCanAnswer): string {
  if (a.principals.length === 0) {
    return (
      [`Nobody can ${a.action} on ${a.resource}.`, ...a.notes.map((n) => `note: ${n}`)].join('\n') + '\n'
    );
  }
  const table = renderTable(
    ['principal', 'kind', 'account', 'when', 'granted by'],
    a.principals.map((p) => [
      p.name,
      p.kind,
      p.account || '-',
      p.conditional ? `if ${p.conditionKeys.join(', ')}` : 'always',
      p.grantPath.map((s) => `${s.policy}${s.sid ? `#${s.sid}` : ''}`).join(', '),
    ]),
  );
  return (
    [
      `${a.principals.length} principal(s) can ${a.action} on ${a.resource}:`,
      table.trimEnd(),
      ...a.notes.map((n) => `note: ${n}`),
    ].join('\n') + '\n'
  );
}
