/**
 * What to collect: the credentials, the accounts (the caller's, or every active account of the
 * organisation through `--org-role`), and the regions of each account (enabled regions, or
 * `--regions` minus those the account has not enabled).
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { InputError, type AccountInfo, type CoverageGap } from '../../model/index.js';
import type { Credentials } from './clients.js';
import type { ApiCall, ListCall } from './collector.js';
import { gapKindOf } from './errors.js';
import { CallFailed, partitionOf, type AccountTarget, type Runner } from './runner.js';

/** Calls made to decide the scope; part of the policy like any collector's. */
export const SCOPE_CALLS = {
  identity: { command: GetCallerIdentityCommand, action: 'sts:GetCallerIdentity' } satisfies ApiCall,
  regions: { command: DescribeRegionsCommand, action: 'ec2:DescribeRegions' } satisfies ApiCall,
  accounts: {
    command: ListAccountsCommand,
    action: 'organizations:ListAccounts',
    items: ['Accounts'],
    paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
  } satisfies ListCall,
};

/** The scope flags of `collect` and `--source aws`. */
export interface ScopeOptions {
  profile?: string;
  /** Explicit regions; default every region the account has enabled. */
  regions?: string[];
  /** Role to assume in every active account of the organisation. */
  orgRole?: string;
  accounts?: string[];
  excludeAccounts?: string[];
  externalId?: string;
  /** Region for global services and discovery calls; default the profile's or environment's, else us-east-1. */
  homeRegion?: string;
  /** Credentials to use instead of the default provider chain (tests, embedding). */
  credentials?: Credentials;
  /** `--endpoint-url`: one endpoint for every service, the role assumptions of --org-role included. */
  endpointUrl?: string;
}

export interface AccountScope extends AccountTarget {
  regions: string[];
}

export interface Scope {
  homeRegion: string;
  accounts: AccountScope[];
  /** Every account known (including those skipped), for the snapshot. */
  accountInfo: AccountInfo[];
  gaps: CoverageGap[];
}

/** The region the SDK would pick for the profile (config file or environment), else us-east-1. */
export async function homeRegionOf(profile: string | undefined): Promise<string> {
  const client = new STSClient(profile ? { profile } : {});
  try {
    return (await client.config.region()) || 'us-east-1';
  } catch {
    return 'us-east-1';
  } finally {
    client.destroy();
  }
}

function failureGap(error: unknown, message: string, account: string, region?: string): CoverageGap {
  if (!(error instanceof CallFailed)) throw error;
  const gap: CoverageGap = {
    kind: gapKindOf(error.error),
    message: `${message}: ${error.call.action} failed with ${error.error.code}: ${error.error.message}`,
    account,
  };
  if (region) gap.region = region;
  return gap;
}

export async function resolveScope(runner: Runner, options: ScopeOptions): Promise<Scope> {
  const homeRegion = options.homeRegion ?? (await homeRegionOf(options.profile));
  const credentials =
    options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
  const gaps: CoverageGap[] = [];

  const caller: AccountTarget = { id: 'caller', credentials };
  // Without --org-role or account filters the caller's account is the one collected: its regions
  // are asked for at the same time as its identity, not one round trip later.
  const callerRegions =
    options.orgRole || options.accounts?.length || options.excludeAccounts?.length
      ? undefined
      : regionsOf(runner, caller, homeRegion, options.regions);
  // Settled here so that a failed identity call leaves no unhandled rejection behind.
  callerRegions?.catch(() => undefined);
  let callerAccount: string;
  try {
    const identity = await runner.request('sts', caller, homeRegion, SCOPE_CALLS.identity);
    callerAccount = String(identity?.Account ?? '');
  } catch (error) {
    const reason =
      error instanceof CallFailed ? `${error.error.code}: ${error.error.message}` : String(error);
    throw new InputError(`cannot use the AWS credentials (sts:GetCallerIdentity failed): ${reason}`);
  }
  if (!/^\d{12}$/.test(callerAccount)) throw new InputError(`sts:GetCallerIdentity returned no account id`);

  let targets: Array<AccountTarget & { name?: string }> = [{ id: callerAccount, credentials }];
  const accountInfo: AccountInfo[] = [];
  if (options.orgRole) {
    const root: AccountTarget = { id: callerAccount, credentials };
    let listed: Array<{ id: string; name?: string }>;
    try {
      const out = await runner.requestList('organizations', root, homeRegion, SCOPE_CALLS.accounts);
      listed = (out.Accounts ?? [])
        // `State` replaced `Status` in 2025; either says ACTIVE for a usable account.
        .filter((a) => (a.State ?? a.Status) === 'ACTIVE' || (a.State ?? a.Status) === undefined)
        .flatMap((a) =>
          typeof a.Id === 'string'
            ? [{ id: a.Id, name: typeof a.Name === 'string' ? a.Name : undefined }]
            : [],
        );
    } catch (error) {
      const reason =
        error instanceof CallFailed ? `${error.error.code}: ${error.error.message}` : String(error);
      throw new InputError(
        `--org-role ${options.orgRole}: cannot list the organisation's accounts: ${reason}`,
      );
    }
    const only = options.accounts?.length ? new Set(options.accounts) : undefined;
    const except = new Set(options.excludeAccounts ?? []);
    targets = listed
      .filter((a) => (!only || only.has(a.id)) && !except.has(a.id))
      .map((a) => {
        const target: AccountTarget = {
          id: a.id,
          credentials:
            a.id === callerAccount
              ? credentials
              : fromTemporaryCredentials({
                  masterCredentials: credentials,
                  params: {
                    RoleArn: `arn:${partitionOf(homeRegion)}:iam::${a.id}:role/${options.orgRole}`,
                    RoleSessionName: 'cloudrounds-collect',
                    ...(options.externalId ? { ExternalId: options.externalId } : {}),
                  },
                  // The provider's own STS client: it must go where every other call goes.
                  clientConfig: {
                    region: homeRegion,
                    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
                  },
                }),
        };
        if (a.name) target.name = a.name;
        return target;
      });
  } else {
    if (options.accounts?.length && !options.accounts.includes(callerAccount)) {
      throw new InputError(
        `--accounts ${options.accounts.join(',')}: the credentials are for ${callerAccount}; use --org-role to reach other accounts`,
      );
    }
    if (options.excludeAccounts?.includes(callerAccount)) targets = [];
  }

  for (const target of targets) {
    accountInfo.push(target.name ? { id: target.id, name: target.name } : { id: target.id });
  }
  // Every account at once (an organisation of fifty accounts would otherwise spend a hundred
  // round trips one after another before the first unit starts); gaps keep the accounts' order.
  const resolved = await Promise.all(
    targets.map(async (target): Promise<{ account?: AccountScope; gaps: CoverageGap[] }> => {
      if (target.id !== callerAccount) {
        try {
          await runner.request('sts', target, homeRegion, SCOPE_CALLS.identity);
        } catch (error) {
          const gap = failureGap(
            error,
            `account ${target.id} not collected: cannot assume ${options.orgRole}`,
            target.id,
          );
          return { gaps: [gap] };
        }
      }
      const found = await (target.id === callerAccount && callerRegions
        ? callerRegions
        : regionsOf(runner, target, homeRegion, options.regions));
      return { account: { ...target, regions: found.regions }, gaps: found.gaps(target.id) };
    }),
  );
  const accounts = resolved.flatMap((r) => (r.account ? [r.account] : []));
  gaps.push(...resolved.flatMap((r) => r.gaps));
  return { homeRegion, accounts, accountInfo, gaps };
}

/** An account's regions to collect, and the gaps to record (made once the account id is known). */
interface FoundRegions {
  regions: string[];
  gaps: (account: string) => CoverageGap[];
}

async function regionsOf(
  runner: Runner,
  target: AccountTarget,
  homeRegion: string,
  wanted: string[] | undefined,
): Promise<FoundRegions> {
  let out;
  try {
    out = await runner.request('ec2', target, homeRegion, SCOPE_CALLS.regions, { AllRegions: true });
  } catch (error) {
    if (wanted?.length) return { regions: wanted, gaps: () => [] };
    return {
      regions: [homeRegion],
      gaps: (account) => [
        failureGap(
          error,
          `the enabled regions of ${account} are unknown; only ${homeRegion} was collected`,
          account,
        ),
      ],
    };
  }
  const enabled = new Set<string>();
  const known = new Set<string>();
  for (const region of Array.isArray(out?.Regions) ? out.Regions : []) {
    const r = region as { RegionName?: string; OptInStatus?: string };
    if (!r.RegionName) continue;
    known.add(r.RegionName);
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Region.html (opt-in-not-required | opted-in | not-opted-in)
    if (r.OptInStatus !== 'not-opted-in') enabled.add(r.RegionName);
  }
  if (!wanted?.length) return { regions: [...enabled].sort(), gaps: () => [] };
  const missing = wanted.filter((region) => !enabled.has(region));
  return {
    regions: wanted.filter((region) => enabled.has(region)),
    gaps: (account) =>
      missing.map((region): CoverageGap => ({
        kind: 'region-disabled',
        message: known.has(region)
          ? `${region} is not enabled for account ${account}; nothing was collected there`
          : `${region} is not a region account ${account} knows; nothing was collected there`,
        account,
        region,
      })),
  };
}
