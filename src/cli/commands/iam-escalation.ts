import { Command, Option } from 'commander';
import { escalationAnswer, type EscalationAnswer } from '../../iam/escalation.js';
import { buildIamModel } from '../../iam/index.js';
import { renderTable } from '../../report/table.js';
import { loadSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write, writeJson } from '../output.js';

interface EscalationFlags extends SourceFlags {
  json?: boolean;
}

/** `cloudrounds iam escalation`: who can become administrator, or another principal, and how. */
export function iamEscalationCommand(): Command {
  return addSourceOptions(new Command('escalation'))
    .description(
      'List privilege-escalation paths: principals that can make themselves administrator or act as another principal, with the statements that grant each step.',
    )
    .addOption(new Option('--json', 'print the answer as JSON'))
    .action(async (flags: EscalationFlags) => {
      const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
      const answer = escalationAnswer(buildIamModel(snapshot), snapshot);
      if (flags.json) await writeJson(answer);
      else await write(escalationText(answer));
    });
}

export function escalationText(a: EscalationAnswer): string {
  const lines: string[] = [];
  if (a.paths.length === 0) lines.push('No privilege-escalation path found.');
  else {
    const admin = a.paths.filter((p) => p.outcome === 'admin').length;
    lines.push(`${a.paths.length} escalation path(s), ${admin} to administrator:`);
    lines.push(
      renderTable(
        ['principal', 'technique', 'target', 'gains', 'granted by'],
        a.paths.map((p) => [
          p.principal.name,
          `${p.technique} ${p.title}`,
          p.target ? p.target.arn : '-',
          p.outcome === 'admin' ? 'administrator' : (p.becomes ?? '-'),
          [
            ...new Set(
              p.steps.flatMap((s) => s.statements.map((x) => `${x.policy}${x.sid ? `#${x.sid}` : ''}`)),
            ),
          ].join(', '),
        ]),
      ).trimEnd(),
    );
  }
  if (a.admins.length) lines.push('', `Already administrators (not listed): ${a.admins.join(', ')}`);
  for (const n of a.notEvaluated) lines.push(`note: ${n.technique} not evaluated: ${n.reason}`);
  return lines.join('\n') + '\n';
}
