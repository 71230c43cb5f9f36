import { Command, Option } from 'commander';
import { inventory } from '../../questions/inventory.js';
import { renderInventoryText } from '../../report/inventory.js';
import { loadSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write, writeJson } from '../output.js';

interface DailyFlags extends SourceFlags {
  json?: boolean;
}

export function dailyCommand(): Command {
  return addSourceOptions(new Command('daily'))
    .description('The daily rounds: read the source and report what it holds and what could not be read.')
    .addOption(new Option('--json', 'print the answer as JSON'))
    .action(async (flags: DailyFlags) => {
      const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
      const answer = inventory(snapshot);
      if (flags.json) await writeJson(answer);
      else await write(renderInventoryText(answer));
    });
}
