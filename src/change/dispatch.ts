/**
 * Sends one planned AWS call (`AwsCall`: client package, operation, input, account, region) through
 * the SDK v3: `new XClient(config).send(new <Operation>Command(input))`, the client package loaded
 * on first use. Credentials, profile, endpoint override and assume-role into member accounts are the
 * collection's own (src/sources/aws/clients.ts `clientConfig`, scope.ts `resolveScope`), so a change
 * reaches exactly the accounts a collection with the same flags reads.
 */
import { GLOBAL_REGION, InputError, UNKNOWN_ACCOUNT } from '../model/index.js';
import type { AwsCall } from '../rules/fix.js';
import {
  ClientPool,
  DEFAULT_CLIENT_SETTINGS,
  clientConfig,
  type ClientSettings,
  type Credentials,
  type SdkClient,
} from '../sources/aws/clients.js';
import { COLLECTORS } from '../sources/aws/collectors/index.js';
import { classifyError, type ClassifiedError } from '../sources/aws/errors.js';
import { isJson, plain } from '../sources/aws/json.js';
import { DEFAULT_RUNNER_OPTIONS, Runner } from '../sources/aws/runner.js';
import { homeRegionOf, resolveScope, type ScopeOptions } from '../sources/aws/scope.js';

/** How to reach the accounts: the flags of `--source aws` (profile, org role, endpoint). */
export interface AwsConnection {
  profile?: string;
  /** Role assumed in accounts other than the caller's (as `collect --org-role`). */
  orgRole?: string;
  externalId?: string;
  /** `--endpoint-url`: one endpoint for every service. */
  endpointUrl?: string;
  /** Region for STS and global services; default the profile's, else us-east-1. */
  homeRegion?: string;
  /** Credentials instead of the default provider chain (tests, embedding). */
  credentials?: Credentials;
  client?: Partial<ClientSettings>;
}

/** The identity a change is made as, in one account. */
export interface CallerIdentity {
  account: string;
  arn: string;
}

/** An AWS call that failed: the service's error code and message. */
export class AwsCallError extends Error {
  constructor(
    readonly call: AwsCall,
    readonly error: ClassifiedError,
  ) {
    super(`${call.action} failed with ${error.code}: ${error.message}`);
    this.name = 'AwsCallError';
  }
}

/** Sends planned calls; one per command run, `destroy()` at the end. */
export interface Dispatcher {
  /** Sends the call and returns its output as plain JSON (dates as ISO strings); throws {@link AwsCallError}. */
  send(call: AwsCall): Promise<Record<string, unknown>>;
  /** `sts:GetCallerIdentity` in the account (read-only): who the journal says made the change. */
  identity(account: string): Promise<CallerIdentity>;
  /** Number of AWS calls sent so far (scope discovery included). */
  readonly calls: number;
  destroy(): void;
}

/** An SDK client class and its commands, as a client package exports them. */
type ClientModule = Record<string, unknown>;
interface ClientClass {
  new (config: never): SdkClient;
}
interface CommandConstructor {
  new (input: never): object;
}

const modules = new Map<string, Promise<ClientModule>>();

/**
 * Error codes that mean "not configured" (`NoSuchBucketPolicy`), as the collectors declare them: a
 * capture that gets one read an absent setting. Classified `not-configured` on any call.
 */
const NOT_CONFIGURED: readonly string[] = [
  ...new Set(
    COLLECTORS.flatMap((c) => [...c.list, ...(c.details ?? []), ...(c.extra ?? [])]).flatMap(
      (call) => call.notConfigured ?? [],
    ),
  ),
];

/** Loads `@aws-sdk/client-<client>` once. The name is checked so no other module can be loaded. */
function loadClientModule(client: string): Promise<ClientModule> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(client)) {
    return Promise.reject(new InputError(`not an AWS SDK client name: ${JSON.stringify(client)}`));
  }
  let loaded = modules.get(client);
  if (!loaded) {
    loaded = (import(`@aws-sdk/client-${client}`) as Promise<ClientModule>).catch((error: unknown) => {
      modules.delete(client);
      throw new InputError(
        `the AWS SDK package @aws-sdk/client-${client} is not installed (${error instanceof Error ? error.message : String(error)})`,
      );
    });
    modules.set(client, loaded);
  }
  return loaded;
}

/** The client class of a package: its one export named `…Client` that sends commands. */
function clientClassOf(client: string, module: ClientModule): ClientClass {
  const candidates = Object.entries(module).filter(
    ([name, value]) =>
      name.endsWith('Client') &&
      !name.startsWith('_') &&
      typeof value === 'function' &&
      typeof (value as { prototype?: { send?: unknown } }).prototype?.send === 'function',
  );
  if (candidates.length !== 1) {
    throw new InputError(
      `@aws-sdk/client-${client} exports ${candidates.length} client classes (${candidates.map(([n]) => n).join(', ')}); expected one`,
    );
  }
  return candidates[0]![1] as ClientClass;
}

function commandOf(call: AwsCall, module: ClientModule): CommandConstructor {
  const command = module[`${call.operation}Command`];
  if (typeof command !== 'function') {
    throw new InputError(`@aws-sdk/client-${call.client} has no ${call.operation}Command`);
  }
  return command as CommandConstructor;
}

/** Checks a call names a real client package and command, without sending anything (dry runs). */
export async function checkCall(call: AwsCall): Promise<void> {
  const module = await loadClientModule(call.client);
  clientClassOf(call.client, module);
  commandOf(call, module);
}

export function createDispatcher(connection: AwsConnection = {}): Dispatcher {
  const settings: ClientSettings = { ...DEFAULT_CLIENT_SETTINGS, ...connection.client };
  if (connection.endpointUrl) settings.endpoint = connection.endpointUrl;
  // Scope discovery (caller account, assume-role) goes through the collection's runner and pool.
  const pool = new ClientPool(settings);
  const runner = new Runner(pool, DEFAULT_RUNNER_OPTIONS);
  const clients = new Map<string, SdkClient>();
  const credentialsByAccount = new Map<string, Promise<Credentials>>();
  const identities = new Map<string, Promise<CallerIdentity>>();
  let homeRegion: Promise<string> | undefined;
  let sent = 0;

  const home = (): Promise<string> =>
    (homeRegion ??= connection.homeRegion
      ? Promise.resolve(connection.homeRegion)
      : homeRegionOf(connection.profile));

  /** The credentials of an account, exactly as `collect` would get them (the caller's, or the org role). */
  const credentialsFor = (account: string): Promise<Credentials> => {
    let found = credentialsByAccount.get(account);
    if (!found) {
      found = (async () => {
        const options: ScopeOptions = { homeRegion: await home() };
        for (const key of ['profile', 'orgRole', 'externalId', 'credentials', 'endpointUrl'] as const) {
          if (connection[key] !== undefined) (options as Record<string, unknown>)[key] = connection[key];
        }
        if (account !== UNKNOWN_ACCOUNT) options.accounts = [account];
        // One region is enough to learn the credentials; it keeps discovery to one DescribeRegions call.
        options.regions = [options.homeRegion!];
        const scope = await resolveScope(runner, options);
        const target =
          account === UNKNOWN_ACCOUNT ? scope.accounts[0] : scope.accounts.find((a) => a.id === account);
        if (!target) {
          const why = scope.gaps.map((g) => g.message).join('; ');
          throw new InputError(
            `account ${account} cannot be reached with these credentials${why ? `: ${why}` : ''}` +
              (connection.orgRole ? '' : ' (use --org-role to reach other accounts)'),
          );
        }
        return target.credentials;
      })();
      found.catch(() => credentialsByAccount.delete(account));
      credentialsByAccount.set(account, found);
    }
    return found;
  };

  const send = async (call: AwsCall): Promise<Record<string, unknown>> => {
    const module = await loadClientModule(call.client);
    const Client = clientClassOf(call.client, module);
    const Command = commandOf(call, module);
    const region = call.region === GLOBAL_REGION ? await home() : call.region;
    const key = `${call.account}|${region}|${call.client}`;
    let client = clients.get(key);
    if (!client) {
      const credentials = await credentialsFor(call.account);
      client = new Client(clientConfig(call.client, region, credentials, settings) as never);
      clients.set(key, client);
    }
    sent++;
    try {
      const output = plain(await client.send(new Command(call.input as never)));
      return isJson(output) ? output : {};
    } catch (error) {
      throw new AwsCallError(call, classifyError(error, NOT_CONFIGURED));
    }
  };

  return {
    send,
    identity(account) {
      let found = identities.get(account);
      if (!found) {
        found = (async () => {
          const region = await home();
          const out = await send({
            client: 'sts',
            operation: 'GetCallerIdentity',
            input: {},
            action: 'sts:GetCallerIdentity',
            account,
            region,
          });
          return { account: String(out.Account ?? account), arn: String(out.Arn ?? 'unknown') };
        })();
        found.catch(() => identities.delete(account));
        identities.set(account, found);
      }
      return found;
    },
    get calls() {
      return sent + runner.stats.calls;
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
      pool.destroy();
    },
  };
}
