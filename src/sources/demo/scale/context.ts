import type { AccountInfo, Resource } from '../../../model/index.js';
import { GLOBAL_REGION } from '../../../model/index.js';
import type { MetricSeries } from '../builder.js';
import { Random, hex8, mix32 } from './random.js';

/** The organisation's clock: every date is relative to it, so output does not depend on today. */
export const TAKEN_AT = '2026-01-15T06:00:00.000Z';
const TAKEN_AT_MS = Date.parse(TAKEN_AT);
const HOUR_MS = 3_600_000;

// Formatting dates was a quarter of the generation time; there are only so many hours in a few years.
const isoByHour = new Map<number, string>();
function hoursBefore(hours: number): string {
  let iso = isoByHour.get(hours);
  if (iso === undefined) isoByHour.set(hours, (iso = new Date(TAKEN_AT_MS - hours * HOUR_MS).toISOString()));
  return iso;
}

export type Environment = 'prod' | 'staging' | 'dev' | 'sandbox' | 'shared';

/** One synthetic account: who it is, and where it runs. */
export interface ScaledAccount extends AccountInfo {
  id: string;
  name: string;
  index: number;
  env: Environment;
  /** The regions with resources, the primary first. */
  regions: string[];
}

/** Team-owned services the resources are named after. */
export const SERVICES = [
  'checkout',
  'payments',
  'orders',
  'catalog',
  'search',
  'auth',
  'billing',
  'inventory',
  'shipping',
  'reporting',
  'notifications',
  'analytics',
  'media',
  'profile',
  'gateway',
] as const;

const TEAMS = ['platform', 'commerce', 'data', 'identity', 'growth', 'ops'] as const;

/**
 * Per-account generation state: the account's random stream and the serial number behind every id,
 * so that ids are unique within the account and across accounts without a lookup.
 */
export class AccountContext {
  readonly rng: Random;
  private serial = 0;
  private readonly idPrefix: string;

  constructor(
    readonly account: ScaledAccount,
    /** The management account, trusted by cross-account roles. */
    readonly managementAccountId: string,
    seed: number,
  ) {
    this.rng = new Random(mix32(seed ^ mix32(account.index + 1)));
    // mix32 is a bijection, so two accounts never share a prefix.
    this.idPrefix = hex8(mix32(account.index ^ 0x9e3779b9));
  }

  get id(): string {
    return this.account.id;
  }

  get env(): Environment {
    return this.account.env;
  }

  /** An AWS-style physical id (`vpc-0` + 16 hex digits), unique in the organisation. */
  physicalId(prefix: string): string {
    return `${prefix}-0${this.idPrefix}${hex8(mix32(++this.serial))}`;
  }

  /** A number for a name (`orders-api-42`), unique in the account. */
  next(): number {
    return ++this.serial;
  }

  arn(service: string, region: string, resource: string): string {
    return `arn:aws:${service}:${region === GLOBAL_REGION ? '' : region}:${this.id}:${resource}`;
  }

  /** A date `min`–`max` days before the snapshot, to the hour, as AWS returns it. */
  daysAgo(min: number, max: number): string {
    return hoursBefore(this.rng.int(min * 24, max * 24));
  }

  static daysBefore(days: number): string {
    return hoursBefore(days * 24);
  }

  /**
   * A daily CloudWatch series over the 14 days cost and health checks look at, in the shape the
   * demo organisation uses for `observed.Metrics`.
   */
  daily(
    namespace: string,
    statistic: MetricSeries['Statistic'],
    unit: string,
    base: number,
    spread: number,
  ): MetricSeries {
    // Counts are whole numbers; percentages and the like keep two decimals.
    const factor = unit === 'Count' ? 1 : 100;
    const values: number[] = [];
    for (let day = 0; day < 14; day++) {
      values.push(Math.round(Math.max(0, base + (this.rng.next() * 2 - 1) * spread) * factor) / factor);
    }
    return { Namespace: namespace, Statistic: statistic, Unit: unit, PeriodSeconds: 86_400, Values: values };
  }

  tags(name: string, service: string): Record<string, string> {
    return {
      Name: name,
      Environment: this.env,
      Service: service,
      Owner: TEAMS[mix32(service.length * 31 + this.account.index) % TEAMS.length] as string,
    };
  }

  resource(
    type: string,
    id: string,
    region: string,
    props: Record<string, unknown>,
    extra: { arn?: string; name?: string; service?: string; observed?: Record<string, unknown> } = {},
  ): Resource {
    // Built field by field in the file's key order, leaving absent fields out (as a parsed file
    // would) without `delete`, which would turn the object into a slow dictionary.
    const r = { type, id } as Resource;
    if (extra.arn !== undefined) r.arn = extra.arn;
    r.account = this.id;
    r.region = region;
    if (extra.name !== undefined) r.name = extra.name;
    r.tags =
      extra.name !== undefined && extra.service !== undefined ? this.tags(extra.name, extra.service) : {};
    // Templates and describe output carry tags as the CloudFormation `Tags` list too. Every type
    // given a service here has that property.
    if (extra.name !== undefined && extra.service !== undefined) {
      props.Tags = Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value }));
    }
    r.props = props;
    if (extra.observed !== undefined) r.observed = extra.observed;
    r.origin = { source: 'demo' };
    return r;
  }
}
