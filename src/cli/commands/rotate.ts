import { Command, Option } from 'commander';
import { UNKNOWN_ACCOUNT, InputError } from '../../model/index.js';
import type { RotationReport } from '../../change/rotate/access-key.js';
import type { RdsMasterReport } from '../../change/rotate/rds-master.js';
import { write } from '../output.js';
import { durationDays } from './cleanup.js';
import { confirmChange, connectionOf } from './fix.js';

interface ConnectionFlags {
  profile?: string;
  orgRole?: string;
  externalId?: string;
  endpointUrl?: string;
  account?: string;
  region?: string;
  store?: string;
  apply?: boolean;
  yes?: boolean;
  json?: boolean;
}

interface AccessKeyFlags extends ConnectionFlags {
  user: string;
  to?: string;
  grace: number;
  keepInactive: number;
}

interface RdsFlags extends ConnectionFlags {
  db: string;
  kmsKeyId?: string;
}

function connectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--profile <name>', 'AWS profile whose credentials make the change'))
    .addOption(new Option('--org-role <name>', 'assume this role in --account when it is not the caller’s'))
    .addOption(new Option('--external-id <id>', 'external id for --org-role'))
    .addOption(new Option('--endpoint-url <url>', 'one endpoint for every AWS service (testing, LocalStack)'))
    .addOption(new Option('--account <id>', 'the account (default: the caller’s)'))
    .addOption(new Option('--apply', 'make the changes (after a confirmation unless --yes)'))
    .addOption(new Option('--yes', 'with --apply: do not ask for confirmation'))
    .addOption(new Option('--json', 'print the report as JSON'))
    .addOption(
      new Option(
        '--store <file>',
        'the store holding the journal and the rotation state (default: ~/.cloudrounds/cloudrounds.duckdb)',
      ),
    );
}

async function open(flags: ConnectionFlags) {
  const [{ createDispatcher }, { openChangeJournal }, { defaultStorePath }] = await Promise.all([
    import('../../change/dispatch.js'),
    import('../../store/changes/index.js'),
    import('../../store/index.js'),
  ]);
  const dispatcher = createDispatcher(connectionOf(flags));
  const path = flags.store ?? defaultStorePath();
  const account = flags.account ?? (await dispatcher.identity(UNKNOWN_ACCOUNT)).account;
  return { dispatcher, path, account, openJournal: () => openChangeJournal(path) };
}

function accessKeyCommand(): Command {
  return connectionOptions(new Command('access-key'))
    .description(
      'Rotate an IAM user’s access key, one resumable step per run: create the new key and store it (--to), wait for ' +
        'proof of use or --grace, deactivate the old key, delete it after --keep-inactive. The secret goes only to --to.',
    )
    .requiredOption('--user <name>', 'the IAM user')
    .addOption(
      new Option(
        '--to <destination>',
        'where the new key goes: profile:NAME (shared credentials file) or secretsmanager:SECRET_ID',
      ),
    )
    .addOption(
      new Option('--grace <duration>', 'deactivate the old key after this long even without proof of use')
        .argParser(durationDays)
        .default(7, '7d'),
    )
    .addOption(
      new Option(
        '--keep-inactive <duration>',
        'delete the old key after it stayed inactive this long (0d: at once)',
      )
        .argParser(durationDays)
        .default(7, '7d'),
    )
    .addOption(
      new Option(
        '--region <name>',
        'region of a Secrets Manager destination given by name (default us-east-1)',
      ),
    )
    .action(async (flags: AccessKeyFlags) => {
      const [{ rotateAccessKey }, { parseDestination }, { openRotationStore }] = await Promise.all([
        import('../../change/rotate/access-key.js'),
        import('../../change/rotate/destination.js'),
        import('../../store/rotation/index.js'),
      ]);
      const { dispatcher, path, account, openJournal } = await open(flags);
      const store = await openRotationStore(path);
      const journal = flags.apply ? await openJournal() : undefined;
      try {
        const active = await store.active('access-key', account, flags.user);
        const to = flags.to ?? active?.destination ?? undefined;
        if (!to)
          throw new InputError(
            '--to is required to start a rotation: profile:NAME or secretsmanager:SECRET_ID',
          );
        const destination = parseDestination(to);
        const options = {
          user: flags.user,
          destination,
          account,
          graceDays: flags.grace,
          keepInactiveDays: flags.keepInactive,
          dispatcher,
          store,
          ...(flags.region ? { region: flags.region } : {}),
        };
        let report = await rotateAccessKey({ ...options, apply: false });
        if (flags.apply && report.planned.length > 0) {
          if (!flags.json) await write(renderAccessKey(report));
          if (!(await confirmChange(`Rotate the access key of ${flags.user} in ${account}?`, flags.yes))) {
            process.exitCode = 1;
            return;
          }
          report = await rotateAccessKey({ ...options, apply: true, journal: journal! });
        }
        await write(flags.json ? JSON.stringify(report, null, 2) + '\n' : renderAccessKey(report));
      } finally {
        dispatcher.destroy();
        await store.close();
        await journal?.close();
      }
    });
}

function renderAccessKey(r: RotationReport): string {
  const lines = [
    `Access key rotation of ${r.user}${r.rotationId !== null ? ` (rotation ${r.rotationId})` : ''}: ${r.state}`,
    `  old key: ${r.oldKeyId ?? '-'}   new key: ${r.newKeyId ?? '-'}   destination: ${r.destination}`,
  ];
  for (const a of r.actions) lines.push(`  - ${a}`);
  for (const c of r.planned) lines.push(`      ${c.action} ${JSON.stringify(c.input)}`);
  if (r.waiting) lines.push(`  ${r.waiting}`);
  if (r.changeRuns.length) lines.push(`  journal runs: ${r.changeRuns.join(', ')} (cloudrounds undo RUN_ID)`);
  return lines.join('\n') + '\n';
}

function rdsMasterCommand(): Command {
  return connectionOptions(new Command('rds-master'))
    .description(
      'Move an RDS instance (or its Aurora cluster) to RDS-managed master credentials in Secrets Manager ' +
        '(ModifyDBInstance ManageMasterUserPassword=true). The current master password stops working.',
    )
    .requiredOption('--db <identifier>', 'the DB instance identifier')
    .requiredOption('--region <name>', 'the region of the instance')
    .addOption(
      new Option(
        '--kms-key-id <key>',
        'customer managed KMS key for the secret (default aws/secretsmanager)',
      ),
    )
    .action(async (flags: RdsFlags) => {
      const { rotateRdsMaster } = await import('../../change/rotate/rds-master.js');
      const { dispatcher, account, openJournal } = await open(flags);
      const journal = flags.apply ? await openJournal() : undefined;
      try {
        const base = {
          db: flags.db,
          account,
          region: flags.region!,
          dispatcher,
          ...(flags.kmsKeyId ? { kmsKeyId: flags.kmsKeyId } : {}),
        };
        let report = await rotateRdsMaster({ ...base, apply: false });
        if (flags.apply && !report.alreadyManaged) {
          if (!flags.json) await write(renderRds(report));
          if (!(await confirmChange(`Move ${flags.db} to RDS-managed master credentials?`, flags.yes))) {
            process.exitCode = 1;
            return;
          }
          report = await rotateRdsMaster({ ...base, apply: true, journal: journal! });
        }
        const { plan: _plan, ...shown } = report;
        await write(flags.json ? JSON.stringify(shown, null, 2) + '\n' : renderRds(report));
        if (report.result && !report.result.dryRun && report.result.status === 'failed') process.exitCode = 1;
      } finally {
        dispatcher.destroy();
        await journal?.close();
      }
    });
}

function renderRds(r: RdsMasterReport): string {
  const lines = [`RDS master credentials of ${r.db} (${r.target.kind} ${r.target.id})`];
  for (const step of r.plan?.steps ?? []) {
    lines.push(`  - ${step.description}`);
    lines.push(`      ${step.call.action} ${JSON.stringify(step.call.input)} [${step.call.region}]`);
    const undo = step.undo?.({});
    if (undo && 'irreversible' in undo) lines.push(`      undo: ${undo.irreversible}`);
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  if (r.secretArn) lines.push(`  secret: ${r.secretArn}`);
  const res = r.result;
  if (res && !res.dryRun) lines.push(`  change run ${res.runId}: ${res.status}`);
  else if (!r.alreadyManaged)
    lines.push('  Dry run: nothing was changed. Run again with --apply to make this change.');
  return lines.join('\n') + '\n';
}

export function rotateCommand(): Command {
  return new Command('rotate')
    .description('Rotate credentials safely: dry run by default, journalled, resumable.')
    .addCommand(accessKeyCommand())
    .addCommand(rdsMasterCommand());
}
