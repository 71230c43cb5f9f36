import { Command, CommanderError } from 'commander';
import { InputError } from '../model/index.js';
import { cleanupCommand } from './commands/cleanup.js';
import { collectCommand } from './commands/collect.js';
import { dailyCommand } from './commands/daily.js';
import { diagramCommand } from './commands/diagram.js';
import { costCommand, pricesCommand } from './commands/cost.js';
import { healthCommand } from './commands/health.js';
import { logsCommand } from './commands/logs.js';
import { policyCommand } from './commands/policy.js';
import { exposureCommand } from './commands/exposure.js';
import { fixCommand } from './commands/fix.js';
import { iamCommand } from './commands/iam.js';
import { reachCommand } from './commands/reach.js';
import { resourcesCommand } from './commands/resources.js';
import { rotateCommand } from './commands/rotate.js';
import { scanCommand } from './commands/scan.js';
import { serveCommand } from './commands/serve.js';
import { snapshotCommand } from './commands/snapshot.js';
import { undoCommand } from './commands/undo.js';
import { VERSION } from './version.js';

/** Exit codes of the public contract: 0 ok, 1 findings at or above --fail-on, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('cloudrounds')
    .description('The daily rounds of an AWS cloud engineer: health, security, DR, cost, troubleshooting.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addCommand(dailyCommand());
  program.addCommand(costCommand());
  program.addCommand(cleanupCommand());
  program.addCommand(rotateCommand());
  program.addCommand(pricesCommand());
  program.addCommand(healthCommand());
  program.addCommand(logsCommand());
  program.addCommand(collectCommand());
  program.addCommand(policyCommand());
  program.addCommand(exposureCommand());
  program.addCommand(diagramCommand());
  program.addCommand(iamCommand());
  program.addCommand(reachCommand());
  program.addCommand(resourcesCommand());
  program.addCommand(scanCommand());
  program.addCommand(serveCommand());
  program.addCommand(snapshotCommand());
  program.addCommand(fixCommand());
  program.addCommand(undoCommand());
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end through the same path; they are not errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof InputError) {
      console.error(`error: ${error.located}`);
      return EXIT.usage;
    }
    throw error;
  }
}
