import { Command, Option } from 'commander';
import { loadSource } from '../../sources/index.js';
import { writeSnapshot } from '../../sources/snapshot/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';

interface SnapshotFlags extends SourceFlags {
  out: string;
}

export function snapshotCommand(): Command {
  return addSourceOptions(new Command('snapshot'))
    .description('Save what a source holds as a snapshot file (JSON Lines; .gz to compress).')
    .addOption(
      new Option('-o, --out <file>', 'snapshot file to write (.jsonl or .jsonl.gz)').makeOptionMandatory(),
    )
    .action(async (flags: SnapshotFlags) => {
      const snapshot = await loadSource(flags.source, sourceOptionsFrom(flags));
      await writeSnapshot(snapshot, flags.out);
      console.log(
        `Wrote ${snapshot.resources.length.toLocaleString('en-US')} resource(s) and ` +
          `${snapshot.coverage.length} coverage gap(s) to ${flags.out}`,
      );
    });
}
