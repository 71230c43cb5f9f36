/**
 * AWS Price List offer files (the Bulk API's JSON, one per service and region) to our price files.
 * Offer file layout: `products{sku: {productFamily, attributes}}` and
 * `terms.OnDemand{sku: {offerTermCode: {priceDimensions{rateCode: {unit, pricePerUnit{USD},
 * beginRange}}}}}`. https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html
 * Used by `cloudrounds prices refresh` and scripts/prices-generate.mjs.
 */
import type { PriceFile, PriceService } from './index.js';

/** Offer codes fetched per region, and the price files they feed. */
export const OFFERS: Readonly<Record<string, readonly PriceService[]>> = {
  AmazonEC2: ['ec2', 'ebs', 'vpc'],
  AmazonVPC: ['vpc'],
  AWSELB: ['elb'],
  AmazonRDS: ['rds'],
  AmazonDynamoDB: ['dynamodb'],
  AmazonS3: ['s3'],
};

/** The regional offer file URL of the Bulk API. */
export function offerUrl(endpoint: string, offerCode: string, region: string): string {
  return `${endpoint.replace(/\/$/, '')}/offers/v1.0/aws/${offerCode}/current/${region}/index.json`;
}

interface OfferProduct {
  productFamily?: string;
  attributes?: Record<string, string>;
}
interface OfferDimension {
  unit?: string;
  pricePerUnit?: Record<string, string>;
  beginRange?: string;
}
/** The parts of an offer file read here. */
export interface OfferFile {
  offerCode?: string;
  publicationDate?: string;
  products?: Record<string, OfferProduct>;
  terms?: { OnDemand?: Record<string, Record<string, { priceDimensions?: Record<string, OfferDimension> }>> };
}

/** A price and the file it goes to. */
export interface OfferPrice {
  service: PriceService;
  key: string;
  amount: number;
}

/** The on-demand price of a SKU: the lowest tier that costs something (tier 1 of S3, past free tiers). */
function onDemandPrice(offer: OfferFile, sku: string): number | undefined {
  const terms = offer.terms?.OnDemand?.[sku];
  if (!terms) return undefined;
  const dims = Object.values(terms).flatMap((t) => Object.values(t.priceDimensions ?? {}));
  const priced = dims
    .map((d) => ({ begin: Number(d.beginRange ?? 0), amount: Number(d.pricePerUnit?.USD) }))
    .filter((d) => Number.isFinite(d.amount) && d.amount > 0)
    .sort((a, b) => a.begin - b.begin);
  return priced[0]?.amount;
}

const S3_CLASSES: Readonly<Record<string, string>> = {
  Standard: 'STANDARD',
  'Standard - Infrequent Access': 'STANDARD_IA',
  'One Zone - Infrequent Access': 'ONEZONE_IA',
  'Glacier Instant Retrieval': 'GLACIER_IR',
  'Amazon Glacier': 'GLACIER',
  'Glacier Flexible Retrieval': 'GLACIER',
  'Glacier Deep Archive': 'DEEP_ARCHIVE',
};

/** Which of our keys a product is, or undefined when we do not price it. */
function keyOf(
  offerCode: string,
  p: OfferProduct,
): { service: PriceService; key: string; scale?: number } | undefined {
  const a = p.attributes ?? {};
  const family = p.productFamily ?? '';
  const usage = a.usagetype ?? '';
  switch (offerCode) {
    case 'AmazonEC2':
      if (family === 'Compute Instance') {
        const os = a.operatingSystem;
        if (a.tenancy !== 'Shared' || a.preInstalledSw !== 'NA' || (a.capacitystatus ?? 'Used') !== 'Used')
          return undefined;
        if (os !== 'Linux' && os !== 'Windows') return undefined;
        if (os === 'Windows' && a.licenseModel !== 'No License required') return undefined;
        return { service: 'ec2', key: `instance:${a.instanceType}:${os}` };
      }
      if (family === 'Storage' && a.volumeApiName)
        return { service: 'ebs', key: `volume:${a.volumeApiName}` };
      if (family === 'System Operation' && a.group === 'EBS IOPS' && a.volumeApiName) {
        return { service: 'ebs', key: `iops:${a.volumeApiName}` };
      }
      if (family === 'Provisioned Throughput' && a.volumeApiName === 'gp3')
        return { service: 'ebs', key: 'throughput:gp3' };
      if (family === 'Storage Snapshot' && usage.endsWith('EBS:SnapshotUsage'))
        return { service: 'ebs', key: 'snapshot:standard' };
      if (family === 'Storage Snapshot' && usage.endsWith('SnapshotArchiveStorage'))
        return { service: 'ebs', key: 'snapshot:archive' };
      if (family === 'NAT Gateway' && usage.endsWith('NatGateway-Hours'))
        return { service: 'vpc', key: 'natGateway' };
      if (family === 'NAT Gateway' && usage.endsWith('NatGateway-Bytes'))
        return { service: 'vpc', key: 'natGatewayData' };
      return undefined;
    case 'AmazonVPC':
      return usage.endsWith('PublicIPv4:InUseAddress') ? { service: 'vpc', key: 'publicIpv4' } : undefined;
    case 'AWSELB': {
      const type =
        family === 'Load Balancer-Application'
          ? 'application'
          : family === 'Load Balancer-Network'
            ? 'network'
            : family === 'Load Balancer-Gateway'
              ? 'gateway'
              : family === 'Load Balancer'
                ? 'classic'
                : undefined;
      if (!type) return undefined;
      if (usage.endsWith('LoadBalancerUsage')) return { service: 'elb', key: `loadBalancer:${type}` };
      if (usage.endsWith('LCUUsage')) return { service: 'elb', key: `capacityUnit:${type}` };
      return undefined;
    }
    case 'AmazonRDS': {
      if (a.deploymentOption !== 'Single-AZ') return undefined;
      if (family === 'Database Instance') {
        const engine =
          a.databaseEngine === 'MySQL' ? 'mysql' : a.databaseEngine === 'PostgreSQL' ? 'postgres' : undefined;
        return engine ? { service: 'rds', key: `instance:${a.instanceType}:${engine}` } : undefined;
      }
      if (family === 'Database Storage' && a.databaseEngine === 'MySQL') {
        if (a.volumeType === 'General Purpose') return { service: 'rds', key: 'storage:gp2' };
        if (a.volumeType === 'General Purpose-GP3') return { service: 'rds', key: 'storage:gp3' };
      }
      return undefined;
    }
    case 'AmazonDynamoDB':
      if (family === 'Provisioned IOPS' && a.group === 'DDB-WriteUnits')
        return { service: 'dynamodb', key: 'provisionedWrite' };
      if (family === 'Provisioned IOPS' && a.group === 'DDB-ReadUnits')
        return { service: 'dynamodb', key: 'provisionedRead' };
      if (family === 'Amazon DynamoDB PayPerRequest Throughput' && a.group === 'DDB-WriteUnits') {
        return { service: 'dynamodb', key: 'onDemandWrite', scale: 1e6 };
      }
      if (family === 'Amazon DynamoDB PayPerRequest Throughput' && a.group === 'DDB-ReadUnits') {
        return { service: 'dynamodb', key: 'onDemandRead', scale: 1e6 };
      }
      if (family === 'Database Storage' && usage.endsWith('TimedStorage-ByteHrs'))
        return { service: 'dynamodb', key: 'storage' };
      return undefined;
    case 'AmazonS3': {
      const cls = family === 'Storage' ? S3_CLASSES[a.volumeType ?? ''] : undefined;
      return cls ? { service: 's3', key: `storage:${cls}` } : undefined;
    }
    default:
      return undefined;
  }
}

/** Every price of our keys in one regional offer file. */
export function pricesFromOffer(offer: OfferFile, offerCode = offer.offerCode ?? ''): OfferPrice[] {
  const out = new Map<string, OfferPrice>();
  for (const [sku, product] of Object.entries(offer.products ?? {})) {
    const k = keyOf(offerCode, product);
    if (!k) continue;
    const amount = onDemandPrice(offer, sku);
    if (amount === undefined) continue;
    const id = `${k.service}\u001f${k.key}`;
    // Several SKUs can map to one key (e.g. per-AZ variants): keep the lowest, the list price.
    const value = Math.round(amount * (k.scale ?? 1) * 1e8) / 1e8;
    const prev = out.get(id);
    if (!prev || value < prev.amount) out.set(id, { service: k.service, key: k.key, amount: value });
  }
  return [...out.values()];
}

/**
 * Merges prices of several offers and regions into price files, keeping the bundled file's
 * units and source for each service, and dating each file by the newest offer publication.
 */
export function priceFilesFrom(
  base: Readonly<Record<PriceService, PriceFile>>,
  offers: ReadonlyArray<{ region: string; url: string; offer: OfferFile; prices: readonly OfferPrice[] }>,
): Partial<Record<PriceService, PriceFile>> {
  const files: Partial<Record<PriceService, PriceFile>> = {};
  for (const { region, url, offer, prices } of offers) {
    for (const p of prices) {
      const file = (files[p.service] ??= {
        ...base[p.service],
        provenance: 'price-list',
        source: url.replace(/\/current\/.*$/, '/current/'),
        priceDate: (offer.publicationDate ?? '').slice(0, 10) || base[p.service].priceDate,
        regions: {},
      });
      const date = (offer.publicationDate ?? '').slice(0, 10);
      if (date && date > file.priceDate) file.priceDate = date;
      (file.regions[region] ??= {})[p.key] = p.amount;
    }
  }
  for (const f of Object.values(files)) {
    f.regions = Object.fromEntries(
      Object.entries(f.regions)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([r, keys]) => [
          r,
          Object.fromEntries(Object.entries(keys).sort(([a], [b]) => (a < b ? -1 : 1))),
        ]),
    );
  }
  return files;
}
