import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import type { AwsConnection, FixTarget } from '../../change/index.js';
import { InputError } from '../../model/index.js';
import { resolveSource } from '../../sources/index.js';
import type { ChangeJournal } from '../../store/changes/index.js';
import { addSourceOptions, type SourceFlags, sourceOptionsFrom } from '../options.js';
import { write, writeJson } from '../output.js';

interface FixFlags extends SourceFlags {
  rule?: string;
  resource?: string;
  apply?: boolean;
  yes?: boolean;
  json?: boolean;
  db?: string;
}

/** The flags that say how to reach AWS, for the executor and the re-reads. */
export function connectionOf(flags: {
  profile?: string;
  orgRole?: string;
  externalId?: string;
  endpointUrl?: string;
}): AwsConnection {
  const connection: AwsConnection = {};
  if (flags.profile) connection.profile = flags.profile;
  if (flags.orgRole) connection.orgRole = flags.orgRole;
  if (flags.externalId) connection.externalId = flags.externalId;
  if (flags.endpointUrl) connection.endpointUrl = flags.endpointUrl;
  return connection;
}

/**
 * Asks before changing an account. `--yes` answers for the user; without a terminal to ask on, the
 * change is refused rather than made unasked.
 */
export async function confirmChange(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    throw new InputError('--apply asks for confirmation, and stdin is not a terminal: add --yes to apply');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

async function openJournal(db: string | undefined): Promise<ChangeJournal> {
  const { openChangeJournal } = await import('../../store/changes/index.js');
  const { defaultStorePath } = await import('../../store/index.js');
  return openChangeJournal(db ?? defaultStorePath());
}

/** The target of `fix FINDING_ID`: the finding and its resource as the latest run that has it recorded them. */
async function targetOfFinding(key: string, journal: ChangeJournal): Promise<FixTarget> {
  const { openStore } = await import('../../store/index.js');
  const { fixOf, ruleById } = await import('../../change/index.js');
  const keyed = await journal.findingByKey(key);
  if (!keyed)
    throw new InputError(`no finding ${key} in the history (${journal.path}); run cloudrounds daily first`);
  if (keyed.status !== 'fail') {
    throw new InputError(`finding ${key} was ${keyed.status} in run ${keyed.runId}: nothing to fix`);
  }
  const rule = ruleById(keyed.ruleId);
  const fix = fixOf(rule);
  const store = await openStore(journal.path);
  try {
    const snapshot = await store.snapshot(keyed.runId);
    if (!snapshot) {
      throw new InputError(
        `run ${keyed.runId} was recorded without its snapshot; use cloudrounds fix --rule ${keyed.ruleId} --resource ${keyed.resourceId} --source aws`,
      );
    }
    const resource = snapshot.resources.find(
      (r) =>
        r.type === keyed.resourceType &&
        r.id === keyed.resourceId &&
        r.account === keyed.account &&
        r.region === keyed.region,
    );
    if (!resource)
      throw new InputError(`run ${keyed.runId} has no resource ${keyed.resourceId} in its snapshot`);
    const [finding] = (await store.findings(keyed.runId, { ruleId: keyed.ruleId })).filter(
      (f) => f.key === key,
    );
    return {
      rule,
      fix,
      resource,
      findingKey: key,
      reason: finding?.reason ?? '',
      context: snapshot.resources,
    };
  } finally {
    await store.close();
  }
}

export function fixCommand(): Command {
  return addSourceOptions(new Command('fix'))
    .description(
      'Plan (and with --apply, make) the automated fix of failing findings: the exact AWS calls, each journalled ' +
        'with the state it overwrites so that `cloudrounds undo RUN_ID` can reverse it. Dry run by default. ' +
        '--param k=v sets the fix parameters.',
    )
    .argument('[finding]', 'a finding id (the key `daily` records); or use --rule')
    .addOption(new Option('--rule <id>', 'fix every failing finding of this rule in the source'))
    .addOption(new Option('--resource <ref>', 'with --rule: only this resource (id, ARN or name)'))
    .addOption(new Option('--apply', 'make the changes (after a confirmation unless --yes)'))
    .addOption(new Option('--yes', 'with --apply: do not ask for confirmation'))
    .addOption(new Option('--json', 'print the plan (and the outcome) as versioned JSON'))
    .addOption(
      new Option(
        '--db <file>',
        'the store with the history and the change journal (default: $CLOUDROUNDS_HOME or ~/.cloudrounds, cloudrounds.duckdb)',
      ),
    )
    .action(async (finding: string | undefined, flags: FixFlags) => {
      if ((finding === undefined) === (flags.rule === undefined)) {
        throw new InputError('give either a FINDING_ID or --rule RULE');
      }
      if (flags.resource !== undefined && flags.rule === undefined)
        throw new InputError('--resource needs --rule');
      const change = await import('../../change/index.js');
      let journal: ChangeJournal | undefined;
      try {
        let targets: FixTarget[];
        let live: boolean;
        if (finding !== undefined) {
          journal = await openJournal(flags.db);
          const target = await targetOfFinding(finding, journal);
          targets = [target];
          live = target.resource.origin.source === 'aws';
        } else {
          const source = await resolveSource(flags.source);
          const snapshot = await source.load(flags.source, sourceOptionsFrom(flags));
          targets = change.targetsOfRule(snapshot, flags.rule!, flags.resource);
          live = source.kind === 'aws';
        }
        const planned = change.planFixes(targets, flags.param);
        const plan = change.changePlanOf(planned);
        // Checks the plan (backups before deletes, real SDK commands) without sending anything.
        await change.applyPlan(plan, { dryRun: true });

        if (!flags.apply || plan.steps.length === 0) {
          const answer = change.fixAnswer(planned);
          if (flags.json) await writeJson(answer);
          else await write(change.renderFixText(answer));
          return;
        }
        if (!live) {
          throw new InputError(
            '--apply changes live resources only: use --source aws, or a FINDING_ID recorded by cloudrounds daily --source aws',
          );
        }
        if (!flags.json)
          await write(change.renderFixText(change.fixAnswer(planned)).replace(/\n\nDry run:.*\n$/s, '\n'));
        const confirmed = await confirmChange(
          `Apply ${plan.steps.length} change${plan.steps.length === 1 ? '' : 's'} (${plan.title})?`,
          flags.yes,
        );
        if (!confirmed) {
          console.error('Nothing was changed.');
          process.exitCode = 1;
          return;
        }
        journal ??= await openJournal(flags.db);
        const connection = connectionOf(flags);
        const dispatcher = change.createDispatcher(connection);
        try {
          const outcome = await change.applyFixes(planned, {
            connection,
            dispatcher,
            journal,
            onNote: (line) => console.error(line),
            onEvent: (event) => {
              if (event.type === 'started') console.error(`applying: ${event.step.description}`);
              if (event.type === 'failed') console.error(`FAILED: ${event.step.description}: ${event.error}`);
            },
          });
          const answer = change.fixAnswer(planned, outcome);
          if (flags.json) await writeJson(answer);
          else {
            // The plan was shown above; now only what happened.
            await write(change.renderFixText({ ...answer, fixes: [] }).replace(/^Nothing to fix.*\n/, ''));
          }
          const failed = outcome.result?.status === 'failed';
          if (failed || outcome.refused.length > 0 || outcome.verified.some((v) => !v.resolved))
            process.exitCode = 1;
        } finally {
          dispatcher.destroy();
        }
      } finally {
        await journal?.close();
      }
    });
}
