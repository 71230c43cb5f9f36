import { Command, InvalidArgumentError, Option } from 'commander';
import { write, writeJson } from '../output.js';
import { confirmChange, connectionOf } from './fix.js';

interface UndoFlags {
  apply?: boolean;
  yes?: boolean;
  json?: boolean;
  db?: string;
  profile?: string;
  orgRole?: string;
  externalId?: string;
  endpointUrl?: string;
}

function runId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a change run id, got '${value}'`);
  return n;
}

export function undoCommand(): Command {
  return new Command('undo')
    .description(
      'Reverse a journalled change run (fix, cleanup, rotate) with the undo calls recorded before each step, ' +
        'last step first, and say what AWS does not let us reverse. Dry run by default.',
    )
    .argument('<run-id>', 'the change run to reverse (printed by fix --apply)', runId)
    .addOption(new Option('--apply', 'make the undo calls (after a confirmation unless --yes)'))
    .addOption(new Option('--yes', 'with --apply: do not ask for confirmation'))
    .addOption(new Option('--json', 'print the undo plan (and the outcome) as versioned JSON'))
    .addOption(new Option('--db <file>', 'the store holding the change journal'))
    .addOption(new Option('--profile <name>', 'AWS profile for credentials and home region'))
    .addOption(new Option('--org-role <name>', 'role to assume in member accounts'))
    .addOption(new Option('--external-id <id>', 'external id for --org-role'))
    .addOption(new Option('--endpoint-url <url>', 'one endpoint for every AWS service (testing, LocalStack)'))
    .action(async (id: number, flags: UndoFlags) => {
      const change = await import('../../change/index.js');
      const { openChangeJournal } = await import('../../store/changes/index.js');
      const { defaultStorePath } = await import('../../store/index.js');
      const journal = await openChangeJournal(flags.db ?? defaultStorePath());
      try {
        const undo = await change.undoPlanFor(journal, id);
        await change.applyPlan(undo.plan, { dryRun: true });
        if (!flags.apply || undo.plan.steps.length === 0) {
          const answer = change.undoAnswer(undo);
          if (flags.json) await writeJson(answer);
          else await write(change.renderUndoText(answer));
          return;
        }
        if (!flags.json)
          await write(change.renderUndoText(change.undoAnswer(undo)).replace(/\n\nDry run:.*\n$/s, '\n'));
        const confirmed = await confirmChange(
          `Make ${undo.plan.steps.length} undo call${undo.plan.steps.length === 1 ? '' : 's'} (${undo.plan.title})?`,
          flags.yes,
        );
        if (!confirmed) {
          console.error('Nothing was changed.');
          process.exitCode = 1;
          return;
        }
        const dispatcher = change.createDispatcher(connectionOf(flags));
        try {
          const result = await change.applyPlan(undo.plan, { dryRun: false, dispatcher, journal });
          const answer = change.undoAnswer(undo, result);
          if (flags.json) await writeJson(answer);
          else if (answer.applied) {
            const lines = [`Change run ${answer.applied.runId} (the undo): ${answer.applied.status}`];
            for (const s of answer.applied.steps)
              lines.push(`  ${s.status.padEnd(7)} ${s.description}${s.error ? `: ${s.error}` : ''}`);
            await write(lines.join('\n') + '\n');
          }
          if (!result.dryRun && result.status === 'failed') process.exitCode = 1;
        } finally {
          dispatcher.destroy();
        }
      } finally {
        await journal.close();
      }
    });
}
