import { type Command, InvalidArgumentError, Option } from 'commander';
import type { AwsSourceOptions } from '../sources/aws/index.js';
import { SOURCE_HELP, type SourceOptions } from '../sources/index.js';

/** Flags shared by every command that reads a `--source`. */
export interface SourceFlags {
  source: string;
  param: Record<string, string>;
  account?: string;
  region?: string;
  accounts?: number;
  resourcesPerAccount?: number;
  /** `--source aws` only: the scope of the live collection. */
  profile?: string;
  regions?: string[];
  orgRole?: string;
  externalId?: string;
  endpointUrl?: string;
}

export function addSourceOptions(command: Command): Command {
  return command
    .addOption(new Option('-s, --source <source>', `what to read: ${SOURCE_HELP}`).default('demo'))
    .addOption(
      new Option('--param <key=value>', 'CloudFormation parameter value (repeatable)')
        .argParser(collectKeyValue)
        .default({}),
    )
    .addOption(new Option('--account <id>', 'account id for templates and plans that do not say'))
    .addOption(new Option('--region <name>', 'region for templates and plans that do not say'))
    .addOption(
      new Option('--accounts <n>', 'demo only: generate a synthetic organisation of N accounts').argParser(
        positiveInt,
      ),
    )
    .addOption(
      new Option('--resources-per-account <n>', 'demo only: resources per synthetic account').argParser(
        positiveInt,
      ),
    )
    .addOption(new Option('--profile <name>', 'aws only: AWS profile for credentials and home region'))
    .addOption(
      new Option(
        '--regions <list>',
        'aws only: comma-separated regions (default: every enabled region)',
      ).argParser(commaList),
    )
    .addOption(
      new Option(
        '--org-role <name>',
        'aws only: assume this role in every active account of the organisation',
      ),
    )
    .addOption(new Option('--external-id <id>', 'aws only: external id for --org-role'))
    .addOption(
      new Option(
        '--endpoint-url <url>',
        'aws only: one endpoint for every AWS service (testing, LocalStack)',
      ),
    );
}

export function sourceOptionsFrom(flags: SourceFlags): SourceOptions {
  const options: SourceOptions = { params: flags.param };
  if (flags.account) options.account = flags.account;
  if (flags.region) options.region = flags.region;
  if (flags.accounts !== undefined || flags.resourcesPerAccount !== undefined) {
    options.accounts = flags.accounts ?? 10;
    options.resourcesPerAccount = flags.resourcesPerAccount ?? 1000;
  }
  if (process.stderr.isTTY) options.onProgress = progressLine();
  if (flags.source === 'aws') {
    const aws: NonNullable<AwsSourceOptions['aws']> = {};
    if (flags.profile) aws.profile = flags.profile;
    if (flags.regions) aws.regions = flags.regions;
    if (flags.orgRole) aws.orgRole = flags.orgRole;
    if (flags.externalId) aws.externalId = flags.externalId;
    if (flags.endpointUrl) aws.endpointUrl = flags.endpointUrl;
    (options as AwsSourceOptions).aws = aws;
  }
  return options;
}

/** `a,b , c` → `['a', 'b', 'c']`. */
export function commaList(value: string): string[] {
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError(`expected a comma-separated list, got '${value}'`);
  return list;
}

function collectKeyValue(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected 0 or a positive integer, got '${value}'`);
  return n;
}

/** A single self-overwriting progress line on stderr, throttled so it never slows the load. */
function progressLine(): NonNullable<SourceOptions['onProgress']> {
  let last = 0;
  return ({ phase, done, total }) => {
    const now = Date.now();
    if (now - last < 200 && (total === undefined || done < total)) return;
    last = now;
    const of = total ? `/${total.toLocaleString('en-US')}` : '';
    process.stderr.write(`\r${phase}: ${done.toLocaleString('en-US')}${of}\x1b[K`);
    if (total !== undefined && done >= total) process.stderr.write('\n');
  };
}
