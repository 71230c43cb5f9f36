import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CONFIG_FILE, loadConfig } from '../../engine/index.js';
import { AMI_RETENTIONS, DEFAULT_KEEP_TAG, parseDays, type AmiRetention } from '../../cost/cleanup.js';
import { InputError } from '../../model/index.js';
import { configurableRules } from '../../questions/daily.js';
import { resolveSource } from '../../sources/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write } from '../output.js';
import { loadPriceBook } from './cost.js';
import { confirmChange, connectionOf } from './fix.js';

interface CleanupFlags extends SourceFlags {
  olderThan?: number;
  apply?: boolean;
  yes?: boolean;
  keepTag: string;
  amiRetention: AmiRetention;
  amiCopyRegion?: string;
  json?: boolean;
  config?: string;
  db?: string;
}

export function durationDays(value: string): number {
  const days = parseDays(value);
  if (days === undefined)
    throw new InvalidArgumentError(`expected a duration such as 30d, 8w or 6m, got '${value}'`);
  return days;
}

/** A cleanup run id: date and random suffix, short enough for a tag value and an AMI name. */
function newRunId(): string {
  return `cleanup-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

export function cleanupCommand(): Command {
  return addSourceOptions(new Command('cleanup'))
    .description(
      'Plan (and with --apply, make) the removal of priced waste: unattached EBS volumes (snapshot first), ' +
        'unassociated Elastic IPs, unused AMIs (per --ami-retention) and idle instances (stopped). Dry run by default.',
    )
    .addOption(
      new Option(
        '--older-than <duration>',
        'only resources created (AMIs: last launched) at least this long ago: 30d, 8w, 6m',
      ).argParser(durationDays),
    )
    .addOption(new Option('--apply', 'make the changes (asks for confirmation)'))
    .addOption(new Option('--yes', 'with --apply: do not ask'))
    .addOption(
      new Option('--keep-tag <key>', 'resources with this tag key are never touched').default(
        DEFAULT_KEEP_TAG,
      ),
    )
    .addOption(
      new Option(
        '--ami-retention <mode>',
        'unused AMIs: keep them, deregister them (snapshots kept), or copy then remove',
      )
        .choices(AMI_RETENTIONS)
        .default('keep'),
    )
    .addOption(
      new Option('--ami-copy-region <region>', 'with --ami-retention copy: the region the copies go to'),
    )
    .addOption(new Option('--json', 'print the versioned JSON plan (and outcome)'))
    .addOption(new Option('--config <file>', `suppressions and rule parameters (default: ./${CONFIG_FILE})`))
    .addOption(new Option('--db <file>', 'the store whose journal records applied changes'))
    .action(async (flags: CleanupFlags) => {
      const config = flags.config
        ? await loadConfig(flags.config, configurableRules())
        : await loadConfig(CONFIG_FILE, configurableRules(), { optional: true });
      const source = await resolveSource(flags.source);
      const snapshot = await source.load(flags.source, sourceOptionsFrom(flags));
      const prices = await loadPriceBook();
      const { cleanupPlan, cleanupJson, renderCleanupText, runCleanup } =
        await import('../../change/cleanup.js');
      const plan = cleanupPlan({
        snapshot,
        config,
        prices,
        options: {
          runId: newRunId(),
          keepTag: flags.keepTag,
          amiRetention: flags.amiRetention,
          ...(flags.olderThan !== undefined ? { olderThanDays: flags.olderThan } : {}),
          ...(flags.amiCopyRegion ? { amiCopyRegion: flags.amiCopyRegion } : {}),
        },
      });
      const show = async (result?: Awaited<ReturnType<typeof runCleanup>>) =>
        write(
          flags.json
            ? JSON.stringify(cleanupJson(plan, result), null, 2) + '\n'
            : renderCleanupText(plan, result),
        );

      if (!flags.apply || plan.items.length === 0) {
        await show(await runCleanup(plan));
        return;
      }
      if (source.kind !== 'aws' && source.kind !== 'snapshot') {
        throw new InputError(
          `--apply needs a live account (--source aws) or a snapshot of one, not ${source.kind}`,
        );
      }
      if (!flags.yes && !flags.json) await write(renderCleanupText(plan));
      const total = `${plan.monthlyTotal.toFixed(2)} ${plan.currency}/month`;
      if (!(await confirmChange(`Apply ${plan.items.length} change(s) saving ${total}?`, flags.yes))) {
        process.stderr.write('Not applied.\n');
        process.exitCode = 1;
        return;
      }
      const [{ createDispatcher }, { openChangeJournal }] = await Promise.all([
        import('../../change/dispatch.js'),
        import('../../store/changes/index.js'),
      ]);
      const dispatcher = createDispatcher(connectionOf(flags));
      const journal = await openChangeJournal(...(flags.db ? [flags.db] : []));
      try {
        const result = await runCleanup(plan, {
          dryRun: false,
          dispatcher,
          journal,
          onEvent: (e) => {
            if (e.type === 'started') process.stderr.write(`${e.ordinal + 1}. ${e.step.description}\n`);
            if (e.type === 'failed') process.stderr.write(`   failed: ${e.error}\n`);
          },
        });
        await show(result);
        if (!result.dryRun && result.status === 'failed') process.exitCode = 1;
      } finally {
        dispatcher.destroy();
        await journal.close();
      }
    });
}
