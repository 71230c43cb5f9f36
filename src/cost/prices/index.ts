/**
 * Public on-demand list prices as data: one JSON file per service (`src/cost/prices/*.json`), each
 * with its currency, the date of the prices, the AWS page they come from, and per region a flat map
 * `key -> price`. Keys name what is priced (`instance:m5.large:Linux`, `volume:gp3`, `publicIpv4`);
 * the file's `units` says the unit of each key's first segment. See docs/cost.md for where the
 * bundled prices come from and how `cloudrounds prices refresh` regenerates them.
 */
import { z } from 'zod';
import cloudfront from './cloudfront.json' with { type: 'json' };
import dynamodb from './dynamodb.json' with { type: 'json' };
import ebs from './ebs.json' with { type: 'json' };
import ec2 from './ec2.json' with { type: 'json' };
import elb from './elb.json' with { type: 'json' };
import rds from './rds.json' with { type: 'json' };
import s3 from './s3.json' with { type: 'json' };
import vpc from './vpc.json' with { type: 'json' };

/** Hours in the month every monthly figure uses (AWS's own convention on its price pages). */
export const HOURS_PER_MONTH = 730;

/** The services priced, by file name. */
export const PRICE_SERVICES = ['ec2', 'ebs', 'vpc', 'elb', 'rds', 'dynamodb', 's3', 'cloudfront'] as const;
export type PriceService = (typeof PRICE_SERVICES)[number];

/** One price file, as committed or as `prices refresh` writes it. */
export const priceFileSchema = z.strictObject({
  service: z.string().min(1),
  currency: z.string().length(3),
  /** `YYYY-MM-DD`: when these prices were published (or transcribed). */
  priceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The AWS page or offer file the prices come from. */
  source: z.string().url(),
  /** `transcribed` from the public price pages, or `price-list` when generated from offer files. */
  provenance: z.enum(['transcribed', 'price-list']),
  /** Unit per key prefix (the part before the first `:`). */
  units: z.record(z.string(), z.string()),
  regions: z.record(z.string(), z.record(z.string(), z.number().nonnegative())),
});
export type PriceFile = z.output<typeof priceFileSchema>;

/** A price found, with what a report must say about it. */
export interface Price {
  /** Per unit, in `currency`. */
  amount: number;
  unit: string;
  currency: string;
  region: string;
  priceDate: string;
  source: string;
}

/** All price files of a run, looked up by service, region and key. */
export class PriceBook {
  readonly files: Readonly<Record<PriceService, PriceFile>>;

  constructor(files: Readonly<Record<PriceService, PriceFile>>) {
    this.files = files;
  }

  /** The price, or undefined when none is bundled for that region and key (never a made-up 0). */
  get(service: PriceService, region: string, key: string): Price | undefined {
    const file = this.files[service];
    const amount = file.regions[region]?.[key];
    if (amount === undefined) return undefined;
    const prefix = key.split(':')[0] ?? key;
    return {
      amount,
      unit: file.units[prefix] ?? 'unit',
      currency: file.currency,
      region,
      priceDate: file.priceDate,
      source: file.source,
    };
  }

  /** The oldest price date of the book, for a report header. */
  get priceDate(): string {
    return Object.values(this.files)
      .map((f) => f.priceDate)
      .sort()[0]!;
  }

  get currency(): string {
    return this.files.ec2.currency;
  }
}

const BUNDLED: Record<PriceService, unknown> = { ec2, ebs, vpc, elb, rds, dynamodb, s3, cloudfront };

/** The prices shipped with cloudrounds; `overrides` (from `prices refresh`) replace whole services. */
export function bundledPrices(overrides: Partial<Record<PriceService, PriceFile>> = {}): PriceBook {
  const files = Object.fromEntries(
    PRICE_SERVICES.map((s) => [s, overrides[s] ?? priceFileSchema.parse(BUNDLED[s])]),
  ) as Record<PriceService, PriceFile>;
  return new PriceBook(files);
}
