import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRICE_SERVICES, bundledPrices, priceFileSchema } from './index.js';
import { offerUrl, priceFilesFrom, pricesFromOffer, type OfferFile } from './offer.js';

const offer = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/offer-ec2-us-east-1.json', import.meta.url)), 'utf8'),
) as OfferFile;

describe('bundled prices', () => {
  const book = bundledPrices();

  it('has every service with a date, a currency, a source page and its provenance', () => {
    for (const s of PRICE_SERVICES) {
      const f = book.files[s];
      expect(priceFileSchema.safeParse(f).success).toBe(true);
      expect(f.provenance).toBe('transcribed');
      expect(f.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
    }
    expect(book.priceDate).toBe('2025-01-01');
  });

  it('looks prices up by region and key, with the unit of the key, and never invents one', () => {
    expect(book.get('ec2', 'us-east-1', 'instance:m5.large:Linux')).toMatchObject({
      amount: 0.096,
      unit: 'hour',
      region: 'us-east-1',
    });
    expect(book.get('vpc', 'eu-west-1', 'publicIpv4')?.amount).toBe(0.005);
    expect(book.get('ebs', 'us-east-1', 'snapshot:standard')?.unit).toBe('GB-month');
    expect(book.get('ec2', 'us-east-1', 'instance:m5.metal:Linux')).toBeUndefined();
    expect(book.get('ec2', 'xx-nowhere-1', 'instance:m5.large:Linux')).toBeUndefined();
  });

  it('covers the families the rules and the demo use in the common regions', () => {
    for (const region of ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1']) {
      for (const key of ['instance:m5.large:Linux', 'instance:t3.medium:Linux', 'instance:m4.large:Linux']) {
        expect(book.get('ec2', region, key), `${region} ${key}`).toBeDefined();
      }
      for (const key of ['volume:gp2', 'volume:gp3', 'snapshot:standard'])
        expect(book.get('ebs', region, key)).toBeDefined();
      for (const key of ['publicIpv4', 'natGateway']) expect(book.get('vpc', region, key)).toBeDefined();
      expect(book.get('elb', region, 'loadBalancer:application')).toBeDefined();
    }
  });

  it('lets refreshed files replace whole services', () => {
    const refreshed = {
      ...book.files.vpc,
      priceDate: '2026-01-01',
      regions: { 'us-east-1': { publicIpv4: 0.006 } },
    };
    const b = bundledPrices({ vpc: refreshed });
    expect(b.get('vpc', 'us-east-1', 'publicIpv4')).toMatchObject({ amount: 0.006, priceDate: '2026-01-01' });
    expect(b.get('vpc', 'eu-west-1', 'publicIpv4')).toBeUndefined();
  });
});

describe('offer files', () => {
  it('takes shared-tenancy on-demand prices and skips other tenancies', () => {
    const prices = pricesFromOffer(offer);
    expect(prices).toEqual(
      expect.arrayContaining([
        { service: 'ec2', key: 'instance:m5.large:Linux', amount: 0.111 },
        { service: 'ebs', key: 'volume:gp3', amount: 0.0777 },
        { service: 'vpc', key: 'natGateway', amount: 0.0444 },
        { service: 'ebs', key: 'snapshot:standard', amount: 0.0499 },
      ]),
    );
    expect(prices).toHaveLength(4);
  });

  it('builds price files dated by the offer publication, marked as from the price list', () => {
    const url = offerUrl('http://127.0.0.1:1', 'AmazonEC2', 'us-east-1');
    expect(url).toBe('http://127.0.0.1:1/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json');
    const files = priceFilesFrom(bundledPrices().files, [
      { region: 'us-east-1', url, offer, prices: pricesFromOffer(offer) },
    ]);
    expect(Object.keys(files).sort()).toEqual(['ebs', 'ec2', 'vpc']);
    expect(files.ec2).toMatchObject({
      provenance: 'price-list',
      priceDate: '2026-01-01',
      units: { instance: 'hour' },
    });
    expect(priceFileSchema.safeParse(files.ec2).success).toBe(true);
  });
});
