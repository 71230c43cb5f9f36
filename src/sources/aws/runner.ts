/**
 * Runs collector declarations: one (account, region, collector) unit at a time per call site, with
 * bounded concurrency per account, region and service, the SDK's adaptive retries plus an outer
 * backoff with full jitter once those are spent, pagination to the last page, a timeout per call, and
 * every failure classified into a coverage gap. Collectors never see any of this.
 */
import type { CoverageGap } from '../../model/index.js';
import type { ClientPool, Credentials, SdkClient } from './clients.js';
import {
  actionsOf,
  operationOf,
  type ApiCall,
  type Collector,
  type Json,
  type ListCall,
  type Pagination,
  type UnitApi,
  type UnitContext,
  type UnitData,
} from './collector.js';
import { classifyError, gapKindOf, isRetryable, type ClassifiedError } from './errors.js';
import { isJson, objectsOf, plain } from './json.js';
import { KeyedLimiter } from './limiter.js';

export interface RunnerOptions {
  /** Requests in flight per (account, region, service): sent, and no answer's headers back yet. */
  perService: number;
  /** Requests in flight overall. */
  total: number;
  /**
   * Extra rounds after the SDK's own attempts, for throttling, 5xx and timeouts. Under 20% random
   * throttling and 2% 5xx the SDK gives up on about one call in thirteen (251 of 3,332 in the
   * collection benchmark); with 4 rounds one of those calls failed every round in one run and a
   * page was lost, with 8 none has.
   */
  retryRounds: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * Upper bound for one call including the SDK's retries and each attempt's wait for a slot on the
   * wire (at most the calls admitted ahead of it; an attempt whose call has timed out leaves the
   * queue when it reaches the wire, at once).
   */
  callTimeoutMs: number;
  /** Pages of one list before the runner assumes a pagination loop. */
  maxPages: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** The clock collectors see through `api.now()`. */
  now: () => Date;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  perService: 8,
  total: 64,
  retryRounds: 8,
  backoffBaseMs: 1_000,
  backoffMaxMs: 20_000,
  callTimeoutMs: 120_000,
  maxPages: 100_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: () => new Date(),
};

/** What the runner reports while it works (the progress display, the request counts of the bench). */
export interface RunnerStats {
  calls: number;
  retries: number;
  gaps: number;
}

/** A call the runner could not complete. */
export class CallFailed extends Error {
  constructor(
    readonly call: ApiCall,
    readonly error: ClassifiedError,
  ) {
    super(`${call.action} failed: ${error.code}: ${error.message}`);
  }
}

/** An account to collect and the credentials to collect it with. */
export interface AccountTarget {
  id: string;
  name?: string;
  credentials: Credentials;
}

/**
 * Calls admitted into the SDK per request in flight. A call spends part of its time on this thread
 * (serialising, signing, parsing the answer) and part waiting for the service; admitting twice as
 * many calls as may be in flight lets one call's CPU work overlap another's request, so that a slot
 * passes to the next request as soon as an answer arrives rather than after it is parsed.
 */
const ADMITTED_PER_REQUEST = 2;

export class Runner {
  readonly stats: RunnerStats = { calls: 0, retries: 0, gaps: 0 };
  /** Calls inside the SDK: from building the command to the parsed output (the call timeout's span). */
  private readonly admitted: KeyedLimiter;
  /** HTTP requests in flight, each attempt of a call on its own: the limit the service sees. */
  private readonly inFlight: KeyedLimiter;
  private readonly limitedClients = new WeakSet<SdkClient>();

  constructor(
    private readonly pool: ClientPool,
    private readonly options: RunnerOptions = DEFAULT_RUNNER_OPTIONS,
  ) {
    this.admitted = new KeyedLimiter(
      options.perService * ADMITTED_PER_REQUEST,
      options.total * ADMITTED_PER_REQUEST,
    );
    this.inFlight = new KeyedLimiter(options.perService, options.total);
  }

  /**
   * The pool's client for an (account, region, service) and that key of the limiters, with the
   * in-flight limit in the client's middleware stack: innermost, around the HTTP exchange alone
   * (after serialising and signing, before parsing), and taken again by every attempt the SDK's
   * retry strategy makes.
   */
  private async clientFor(
    service: Collector['service'],
    account: AccountTarget,
    clientRegion: string,
  ): Promise<{ client: SdkClient; key: string }> {
    const client = await this.pool.get(service, account.id, clientRegion, account.credentials);
    const key = `${account.id}|${clientRegion}|${service}`;
    if (!this.limitedClients.has(client)) {
      this.limitedClients.add(client);
      client.middlewareStack.add((next) => (args) => this.inFlight.run(key, () => next(args)), {
        step: 'deserialize',
        priority: 'low',
        name: 'cloudroundsInFlightLimit',
      });
    }
    return { client, key };
  }

  /**
   * Collects one collector in one account and region (`global` for global collectors). `upstream`
   * gives what the collectors it `dependsOn` read there (they ran before it).
   */
  async runUnit(
    collector: Collector,
    account: AccountTarget,
    region: string,
    clientRegion: string,
    upstream: (collectorId: string) => UnitData | undefined = () => undefined,
  ): Promise<UnitData> {
    const ctx: UnitContext = {
      account: account.id,
      region,
      clientRegion,
      partition: partitionOf(clientRegion),
    };
    const { client, key } = await this.clientFor(collector.service, account, clientRegion);
    const data: UnitData = { items: {}, gaps: [] };
    const declared = new Set<ApiCall>([
      ...collector.list,
      ...(collector.details ?? []),
      ...(collector.extra ?? []),
    ]);
    const addGap = (gap: Omit<CoverageGap, 'account' | 'region'>): void => {
      this.stats.gaps++;
      data.gaps.push({ ...gap, account: account.id, region });
    };
    const api: UnitApi = {
      ctx,
      call: (call, input) => {
        if (!declared.has(call)) {
          throw new Error(`${collector.id}: ${operationOf(call.command)} is not declared by the collector`);
        }
        return this.send(client, key, call, input);
      },
      list: (call, input) => {
        if (!declared.has(call)) {
          throw new Error(`${collector.id}: ${operationOf(call.command)} is not declared by the collector`);
        }
        return this.paginate(client, key, call, call.items, call.paginate, input ?? call.input?.(ctx) ?? {});
      },
      gap: addGap,
      upstream: (id) => {
        if (!collector.dependsOn?.includes(id)) {
          throw new Error(`${collector.id}: reads ${id} without declaring it in dependsOn`);
        }
        return upstream(id);
      },
      now: () => this.options.now(),
    };

    for (const list of collector.list) {
      try {
        const items = await api.list(list);
        for (const [itemsKey, values] of Object.entries(items)) {
          const kept = collector.redact ? values.map(collector.redact) : values;
          (data.items[itemsKey] ??= []).push(...kept);
        }
      } catch (error) {
        if (!(error instanceof CallFailed)) throw error;
        if (error.error.class === 'not-configured') continue;
        for (const type of collector.resourceTypes) {
          addGap({
            kind: gapKindOf(error.error),
            message: `${type} not collected in ${account.id} ${region}: ${describeFailure(error)}`,
            resourceType: type,
          });
        }
        return data;
      }
    }

    await Promise.all(
      (collector.details ?? []).flatMap((detail) => {
        const keys = detail.of ? [detail.of] : list0Keys(collector);
        return keys.flatMap((itemsKey) =>
          (data.items[itemsKey] ?? []).map(async (item) => {
            const input = detail.input(item, ctx);
            if (!input) return;
            try {
              const output = detail.items
                ? await this.paginate(client, key, detail, [detail.items], detail.paginate, input)
                : await this.send(client, key, detail, input);
              const details = (isJson(item.$detail) ? item.$detail : (item.$detail = {})) as Json;
              details[detail.name] = output && detail.redact ? detail.redact(output) : output;
            } catch (error) {
              if (!(error instanceof CallFailed)) throw error;
              addGap({
                kind: gapKindOf(error.error),
                message: `${collector.resourceTypes[0]} ${detail.resourceId?.(item) ?? idOf(input)} in ${account.id} ${region}: ${describeFailure(error)}; the settings it reads are unknown`,
                resourceType: collector.resourceTypes[0],
                resourceId: detail.resourceId?.(item) ?? idOf(input),
              });
            }
          }),
        );
      }),
    );

    if (collector.custom) {
      try {
        await collector.custom(api, data);
      } catch (error) {
        if (!(error instanceof CallFailed)) throw error;
        const unread = collector.customGaps ?? [{ resourceType: collector.resourceTypes[0]! }];
        for (const { resourceType, path } of unread) {
          addGap({
            kind: gapKindOf(error.error),
            message: path
              ? `${path} of ${resourceType} not collected in ${account.id} ${region}: ${describeFailure(error)}`
              : `${resourceType} not collected in ${account.id} ${region} (${collector.id}): ${describeFailure(error)}`,
            resourceType,
            ...(path ? { path } : {}),
          });
        }
      }
    }
    return data;
  }

  /** One call outside any collector (identity, account and region discovery), with the same plumbing. */
  async request(
    service: Collector['service'],
    account: AccountTarget,
    clientRegion: string,
    call: ApiCall,
    input: Json = {},
  ): Promise<Json | null> {
    const { client, key } = await this.clientFor(service, account, clientRegion);
    return this.send(client, key, call, input);
  }

  /** A list outside any collector (Organizations accounts), followed to its last page. */
  async requestList(
    service: Collector['service'],
    account: AccountTarget,
    clientRegion: string,
    call: ListCall,
    input: Json = {},
  ): Promise<Record<string, Json[]>> {
    const { client, key } = await this.clientFor(service, account, clientRegion);
    return this.paginate(client, key, call, call.items, call.paginate, input);
  }

  /** Follows a list call to its last page, collecting the items of each key. */
  private async paginate(
    client: SdkClient,
    key: string,
    call: ApiCall,
    itemsKeys: string[],
    pagination: Pagination | undefined,
    input: Json,
  ): Promise<Record<string, Json[]>> {
    const out: Record<string, Json[]> = Object.fromEntries(itemsKeys.map((k) => [k, []]));
    const base: Json = { ...input };
    if (pagination?.pageSize) base[pagination.pageSize[0]] = pagination.pageSize[1];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < this.options.maxPages; page++) {
      const pageInput = token && pagination ? { ...base, [pagination.inputToken]: token } : base;
      const output = await this.send(client, key, call, pageInput);
      if (output === null) return out;
      for (const itemsKey of itemsKeys) {
        const wrap = (call as Partial<ListCall>).wrap;
        const values = valueAt(output, itemsKey);
        if (wrap && Array.isArray(values)) {
          for (const v of values) if (typeof v === 'string') out[itemsKey]!.push({ [wrap]: v });
        } else out[itemsKey]!.push(...objectsOf(values));
      }
      if (!pagination) return out;
      const next = valueAt(output, pagination.outputToken);
      const more = pagination.moreKey ? valueAt(output, pagination.moreKey) === true : true;
      if (typeof next !== 'string' || next === '' || !more) return out;
      if (seen.has(next)) {
        throw new CallFailed(call, {
          class: 'client',
          code: 'PaginationLoop',
          message: `the service returned the same ${pagination.outputToken} twice`,
        });
      }
      seen.add(next);
      token = next;
    }
    throw new CallFailed(call, {
      class: 'client',
      code: 'TooManyPages',
      message: `more than ${this.options.maxPages} pages`,
    });
  }

  /**
   * Runs a call with an abort signal that fires after `callTimeoutMs`. A timer cleared when the call
   * settles, rather than `AbortSignal.timeout`, whose timers outlive the call: thousands of calls
   * a second would leave as many timers behind.
   */
  private async withTimeout<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
      this.options.callTimeoutMs,
    );
    try {
      return await run(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One call: the SDK retries throttling and 5xx itself (adaptive mode); when it gives up, further
   * rounds wait with full jitter (random between 0 and an exponentially growing cap).
   * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
   */
  private async send(client: SdkClient, key: string, call: ApiCall, input: Json): Promise<Json | null> {
    for (let round = 0; ; round++) {
      try {
        const output = await this.admitted.run(key, () => {
          this.stats.calls++;
          const command = new call.command(input as never);
          return this.withTimeout((abortSignal) => client.send(command, { abortSignal }));
        });
        const result = plain(output);
        return isJson(result) ? result : {};
      } catch (error) {
        const classified = classifyError(error, call.notConfigured);
        if (classified.class === 'not-configured') return null;
        if (!isRetryable(classified) || round >= this.options.retryRounds) {
          throw new CallFailed(call, classified);
        }
        this.stats.retries++;
        const cap = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** round);
        await this.options.sleep(this.options.random() * cap);
      }
    }
  }
}

/**
 * The value at an output key, or at a dotted path into a wrapper object: CloudFront answers its
 * listings inside one (`DistributionList.Items`, `DistributionList.NextMarker`).
 */
function valueAt(output: Json, path: string): unknown {
  if (!path.includes('.')) return output[path];
  let value: unknown = output;
  for (const key of path.split('.')) value = isJson(value) ? value[key] : undefined;
  return value;
}

function list0Keys(collector: Collector): string[] {
  return collector.list[0]?.items.slice(0, 1) ?? [];
}

function describeFailure(error: CallFailed): string {
  const what =
    error.error.class === 'service-unavailable' ? ' (the service is not offered in this region)' : '';
  return `${error.call.action} failed with ${error.error.code}${what}: ${error.error.message}`;
}

/** The first string value of a detail input (the bucket name, table name, key id), for messages. */
function idOf(input: Json): string {
  const first = Object.values(input).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : '?';
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

export { actionsOf };
