import {
  InputError,
  makeSnapshot,
  type AccountInfo,
  type Resource,
  type Snapshot,
} from '../../../model/index.js';
import type { SourceOptions } from '../../types.js';
import { accountResources } from './account.js';
import { AccountContext, TAKEN_AT, type Environment, type ScaledAccount } from './context.js';
import { mix32 } from './random.js';

/**
 * A large synthetic organisation for scale tests and benchmarks: `accounts` × `resourcesPerAccount`
 * resources with CloudFormation-shaped props, in realistic proportions, referentially consistent
 * (an instance's `SubnetId` is a subnet of the snapshot) and deterministic: the same options give
 * the same resources, byte for byte, on every run.
 */

export const DEFAULT_ACCOUNTS = 10;
export const DEFAULT_RESOURCES_PER_ACCOUNT = 1000;
/** Account ids are derived from the account's index and stay 12-digit up to this many accounts. */
export const MAX_ACCOUNTS = 100_000;

const SEED = 0x5eed_c10d;

const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];

/** Resources of the scaled organisation, one account after the other, produced as they are consumed. */
export function* generateScaledResources(options: SourceOptions = {}): Generator<Resource> {
  const { accounts, perAccount } = scale(options);
  const list = scaledAccounts(accounts);
  const management = (list[0] as ScaledAccount).id;
  for (const account of list) {
    yield* accountResources(new AccountContext(account, management, SEED), perAccount);
    options.onProgress?.({ phase: 'generate organisation', done: account.index + 1, total: accounts });
  }
}

/** The scaled organisation as one snapshot in memory. */
export function generateScaledOrganisation(options: SourceOptions = {}): Snapshot {
  const header = scaledOrganisationHeader(options);
  return makeSnapshot([...generateScaledResources(options)], [], header);
}

/** The snapshot header of the scaled organisation, for writing it as a stream. */
export function scaledOrganisationHeader(options: SourceOptions = {}): {
  takenAt: string;
  accounts: AccountInfo[];
  regions: string[];
} {
  const list = scaledAccounts(scale(options).accounts);
  const regions = new Set<string>(['global']);
  for (const a of list) for (const r of a.regions) regions.add(r);
  return {
    takenAt: TAKEN_AT,
    accounts: list.map(({ id, name, role, ouPath }) => ({ id, name, role, ouPath })),
    regions: [...regions].sort(),
  };
}

function scale(options: SourceOptions): { accounts: number; perAccount: number } {
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS;
  const perAccount = options.resourcesPerAccount ?? DEFAULT_RESOURCES_PER_ACCOUNT;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > MAX_ACCOUNTS) {
    throw new InputError(`--accounts must be an integer from 1 to ${MAX_ACCOUNTS}, not ${String(accounts)}`);
  }
  if (!Number.isInteger(perAccount) || perAccount < 1) {
    throw new InputError(`--resources-per-account must be a positive integer, not ${String(perAccount)}`);
  }
  return { accounts, perAccount };
}

/**
 * The accounts: in an organisation of four or more, the first three are the management, security
 * and log-archive accounts of a landing zone; the rest are workloads and sandboxes.
 */
function scaledAccounts(count: number): ScaledAccount[] {
  const list: ScaledAccount[] = [];
  for (let index = 0; index < count; index++) {
    // Distinct for every index below MAX_ACCOUNTS, and always 12 digits.
    const id = String(100_000_000_000 + index * 8_999_999 + 1_234_567);
    const landingZone = count >= 4 && index < 3;
    const env: Environment = landingZone
      ? 'shared'
      : (['prod', 'staging', 'dev', 'prod', 'sandbox'] as const)[index % 5]!;
    const role = landingZone
      ? (['management', 'security', 'log-archive'] as const)[index]!
      : env === 'sandbox'
        ? 'sandbox'
        : 'workload';
    const ou = landingZone
      ? index === 0
        ? 'Root'
        : 'Root/Security'
      : env === 'sandbox'
        ? 'Root/Sandbox'
        : `Root/Workloads/${env[0]!.toUpperCase()}${env.slice(1)}`;
    const primary = REGIONS[mix32(index) % 3] as string;
    const regions = [primary];
    // A third of the workloads keep a disaster-recovery footprint in a second region.
    if (!landingZone && mix32(index + SEED) % 3 === 0) {
      regions.push(REGIONS[3 + (mix32(index * 31) % (REGIONS.length - 3))] as string);
    }
    const name = landingZone
      ? `acme-${['management', 'security', 'log-archive'][index]}`
      : `acme-${env}-${String(index).padStart(4, '0')}`;
    list.push({ id, name, index, env, role, ouPath: ou, regions });
  }
  return list;
}
