/**
 * Spend history from Cost Explorer, for `--source aws` when no CUR is given: daily unblended cost
 * per linked account and service (`GetCostAndUsage`, `DAILY`, grouped by `LINKED_ACCOUNT` and
 * `SERVICE`), in the shape the cost engine reads from a CUR (`SpendInput`). Cost Explorer gives no
 * hourly instance usage without opting in to hourly granularity, so the commitment sweeps get no
 * hours from it (they answer "no usage"); the anomaly detection gets the daily spend.
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
 */
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import type { Credentials } from './clients.js';

/** The read-only actions of this spend source, for `cloudrounds policy`. */
export const COST_EXPLORER_ACTIONS = ['ce:GetCostAndUsage'] as const;

/** Daily spend of one account and service (the cost engine's `CostExplorerDailyRow`). */
export interface CostExplorerDailyRow {
  day: string;
  account: string;
  service: string;
  /** Empty: the daily grouping is by service; usage types would need a third grouping. */
  usageType: string;
  cost: number;
}

/** The spend history in the shape the cost engine reads (`SpendInput` in src/cost/spend.ts). */
export interface CostExplorerSpend {
  source: string;
  lineItems: number;
  from: string | null;
  to: string | null;
  daily: CostExplorerDailyRow[];
  compute: { values: number[] };
  instances: never[];
}

/** The part of the client this module uses (a test may pass its own). */
export interface CostExplorerLike {
  send(command: GetCostAndUsageCommand): Promise<GetCostAndUsageCommandOutput>;
}

export interface CostExplorerOptions {
  /** Days of history, ending yesterday (UTC). Default 60: the anomaly baseline needs weeks. */
  days?: number;
  /** The end of the history (exclusive, UTC); default today. */
  now?: Date;
  /** A client; else one is made from `endpoint`, `credentials` and `maxAttempts`. */
  client?: CostExplorerLike;
  endpoint?: string;
  /** A profile of the shared config files (else the default credential chain). */
  profile?: string;
  credentials?: Credentials;
  maxAttempts?: number;
  /** Pages to read at most (a guard against a token that never ends). */
  maxPages?: number;
}

/** The metric read: unblended cost, what the CUR's `line_item_unblended_cost` sums to. */
const METRIC = 'UnblendedCost';

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Reads the daily spend; throws the SDK's error (AccessDenied, opt-in) for the caller to classify. */
export async function costExplorerSpend(options: CostExplorerOptions = {}): Promise<CostExplorerSpend> {
  const days = options.days ?? 60;
  const now = options.now ?? new Date();
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const start = new Date(end.getTime() - days * 86_400_000);
  // Cost Explorer's API is served from us-east-1 only.
  // https://docs.aws.amazon.com/general/latest/gr/billing.html
  const client =
    options.client ??
    new CostExplorerClient({
      region: 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    });
  const daily: CostExplorerDailyRow[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: isoDay(start), End: isoDay(end) },
        Granularity: 'DAILY',
        Metrics: [METRIC],
        GroupBy: [
          { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
          { Type: 'DIMENSION', Key: 'SERVICE' },
        ],
        ...(token ? { NextPageToken: token } : {}),
      }),
    );
    daily.push(...rowsOf(out));
    token = out.NextPageToken;
    pages++;
  } while (token && pages < (options.maxPages ?? 1000));
  daily.sort((a, b) => cmp(a.day, b.day) || cmp(a.account, b.account) || cmp(a.service, b.service));
  const first = daily[0]?.day ?? null;
  const last = daily[daily.length - 1]?.day ?? null;
  return {
    source: `Cost Explorer (GetCostAndUsage, daily ${METRIC} by account and service, ${isoDay(start)} to ${isoDay(end)})`,
    // Cost Explorer returns groups, not line items: the count is of (day, account, service) rows.
    lineItems: daily.length,
    from: first,
    to: last,
    daily,
    compute: { values: [] },
    instances: [],
  };
}

/** The groups of one page as daily rows; the group keys follow the `GroupBy` order. */
function rowsOf(out: GetCostAndUsageCommandOutput): CostExplorerDailyRow[] {
  const rows: CostExplorerDailyRow[] = [];
  for (const period of out.ResultsByTime ?? []) {
    const day = period.TimePeriod?.Start;
    if (!day) continue;
    for (const group of period.Groups ?? []) {
      const [account, service] = group.Keys ?? [];
      const amount = Number(group.Metrics?.[METRIC]?.Amount);
      if (!account || !service || !Number.isFinite(amount)) continue;
      rows.push({ day, account, service, usageType: '', cost: amount });
    }
  }
  return rows;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
