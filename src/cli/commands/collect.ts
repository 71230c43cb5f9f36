import { Command, Option } from 'commander';
import { countByType, InputError } from '../../model/index.js';
import { commaList, nonNegativeInt } from '../options.js';

interface CollectFlags {
  profile?: string;
  regions?: string[];
  orgRole?: string;
  accounts?: string[];
  excludeAccounts?: string[];
  externalId?: string;
  endpointUrl?: string;
  homeRegion?: string;
  out?: string;
  resume?: boolean;
  workers?: number;
}

export function collectCommand(): Command {
  return new Command('collect')
    .description(
      'Read live AWS accounts with read-only calls into a snapshot. What could not be read (access denied, ' +
        'regions not enabled, throttling that outlived the retries) is recorded as coverage gaps.',
    )
    .addOption(new Option('--profile <name>', 'AWS profile (default: the standard credential chain)'))
    .addOption(
      new Option(
        '--regions <list>',
        'comma-separated regions (default: every region the account has enabled)',
      ).argParser(commaList),
    )
    .addOption(
      new Option('--org-role <name>', 'assume this role in every active account of the organisation'),
    )
    .addOption(new Option('--accounts <ids>', 'with --org-role: only these account ids').argParser(commaList))
    .addOption(
      new Option('--exclude-accounts <ids>', 'with --org-role: skip these account ids').argParser(commaList),
    )
    .addOption(new Option('--external-id <id>', 'external id the --org-role trust policy requires'))
    .addOption(
      new Option(
        '--endpoint-url <url>',
        'one endpoint for every service (S3 then uses path-style addressing)',
      ),
    )
    .addOption(
      new Option(
        '--home-region <name>',
        "region for global services (default: the profile's, else us-east-1)",
      ),
    )
    .addOption(new Option('-o, --out <file>', 'write the snapshot (.jsonl or .jsonl.gz)'))
    .addOption(new Option('--resume', 'continue an interrupted collection from the journal beside --out'))
    .addOption(
      new Option(
        '--workers <n>',
        'worker threads that make the calls (default: one per CPU, at most 3; 0: the main thread alone)',
      ).argParser(nonNegativeInt),
    )
    .action(async (flags: CollectFlags) => {
      if (flags.resume && !flags.out)
        throw new InputError('--resume needs --out (the journal sits beside it)');
      const { collectAws } = await import('../../sources/aws/collect.js');
      const { journalPathOf, Journal } = await import('../../sources/aws/journal.js');
      const { progressDisplay } = await import('../../sources/aws/progress.js');
      const display = progressDisplay();
      const journal = flags.out ? journalPathOf(flags.out) : undefined;
      let result;
      try {
        result = await collectAws({
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags.regions ? { regions: flags.regions } : {}),
          ...(flags.orgRole ? { orgRole: flags.orgRole } : {}),
          ...(flags.accounts ? { accounts: flags.accounts } : {}),
          ...(flags.excludeAccounts ? { excludeAccounts: flags.excludeAccounts } : {}),
          ...(flags.externalId ? { externalId: flags.externalId } : {}),
          ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
          ...(flags.homeRegion ? { homeRegion: flags.homeRegion } : {}),
          ...(journal ? { journal, resume: flags.resume === true } : {}),
          ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
          onProgress: display.update,
        });
      } finally {
        display.end();
      }
      const { snapshot, stats } = result;
      if (flags.out) {
        const { writeSnapshot } = await import('../../sources/snapshot/index.js');
        await writeSnapshot(snapshot, flags.out);
        // The snapshot is complete: the journal is no longer needed.
        if (journal) await (await Journal.open(journal, true)).journal.remove();
      }
      const accounts = snapshot.accounts.length;
      console.log(
        `Collected ${snapshot.resources.length.toLocaleString('en-US')} resource(s) from ${accounts} account(s) ` +
          `in ${snapshot.regions.filter((r) => r !== 'global').length} region(s) with ` +
          `${stats.calls.toLocaleString('en-US')} API call(s)` +
          (stats.resumedUnits ? ` (${stats.resumedUnits} unit(s) resumed from the journal)` : '') +
          (flags.out ? `; wrote ${flags.out}` : ''),
      );
      for (const [type, count] of countByType(snapshot.resources))
        console.log(`  ${String(count).padStart(6)}  ${type}`);
      const gaps = snapshot.coverage.filter((g) => g.kind !== 'unresolved-value');
      if (gaps.length > 0) {
        console.log(`\n${gaps.length} coverage gap(s): not everything could be read.`);
        for (const gap of gaps.slice(0, 20)) console.log(`  [${gap.kind}] ${gap.message}`);
        if (gaps.length > 20) console.log(`  … and ${gaps.length - 20} more (in the snapshot's coverage)`);
      }
    });
}
