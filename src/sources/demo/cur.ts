/**
 * The demo organisation's spend history: eight weeks of CUR 2.0 line items (the columns
 * cloudrounds reads, with CUR 2.0 names) ending the day before the snapshot. EC2 instance usage is
 * hourly: a steady floor of web, API and worker instances around the clock plus the web tier's
 * weekday scale-out, which is what Savings Plans and Reserved Instance advice needs. Other services
 * are daily line items with a weekly rhythm. One anomaly is injected: on the last day the
 * `monthly-report-generator` Lambda function (the one with the error spike) ran in a retry loop,
 * and Lambda compute in the prod account jumped thirtyfold (a Saturday: from about $1.25 to $37). Deterministic: seeded
 * noise, fixed dates. See docs/demo.md.
 */
import { DEV, MANAGEMENT, PROD, SECURITY } from './accounts.js';
import { TAKEN_AT, seededRandom } from './ids.js';

/** A CUR 2.0 line item with the columns cloudrounds reads. */
export interface DemoCurLineItem {
  line_item_usage_start_date: string;
  line_item_usage_end_date: string;
  line_item_usage_account_id: string;
  line_item_product_code: string;
  line_item_usage_type: string;
  line_item_line_item_type: string;
  line_item_usage_amount: number;
  line_item_unblended_cost: number;
  pricing_public_on_demand_cost: number;
  product_region_code: string;
}

/** Days of history, and the day of the injected anomaly (the last full day before the snapshot). */
export const DEMO_CUR_DAYS = 56;
export const DEMO_ANOMALY = {
  day: '2026-11-21',
  account: PROD.id,
  service: 'AWSLambda',
  usageType: 'USE1-Lambda-GB-Second',
} as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Instance pools: `steady` instances around the clock, `weekday` more from 08:00 to 20:00 UTC on weekdays. */
const INSTANCE_POOLS = [
  {
    account: PROD.id,
    region: 'us-east-1',
    prefix: 'USE1',
    type: 'm5.large',
    price: 0.096,
    steady: 4,
    weekday: 2,
  },
  {
    account: PROD.id,
    region: 'us-east-1',
    prefix: 'USE1',
    type: 't3.medium',
    price: 0.0416,
    steady: 3,
    weekday: 0,
  },
  {
    account: PROD.id,
    region: 'ap-southeast-1',
    prefix: 'APS1',
    type: 't3.medium',
    price: 0.0528,
    steady: 1,
    weekday: 0,
  },
  {
    account: DEV.id,
    region: 'us-east-1',
    prefix: 'USE1',
    type: 'm5.xlarge',
    price: 0.192,
    steady: 1,
    weekday: 0,
  },
  {
    account: DEV.id,
    region: 'us-east-1',
    prefix: 'USE1',
    type: 't3.medium',
    price: 0.0416,
    steady: 0,
    weekday: 2,
  },
] as const;

/** Daily line items: base $ a day, relative noise, and the weekend factor. */
const DAILY_ITEMS = [
  {
    account: PROD.id,
    service: 'AmazonRDS',
    usageType: 'USE1-Multi-AZUsage:db.m5.large',
    region: 'us-east-1',
    base: 8.21,
    noise: 0,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AmazonRDS',
    usageType: 'USE1-RDS:GP2-Storage',
    region: 'us-east-1',
    base: 1.9,
    noise: 0.01,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AmazonS3',
    usageType: 'USE1-TimedStorage-ByteHrs',
    region: 'us-east-1',
    base: 12.4,
    noise: 0.02,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AmazonS3',
    usageType: 'USE1-Requests-Tier1',
    region: 'us-east-1',
    base: 2.1,
    noise: 0.15,
    weekend: 0.6,
  },
  {
    account: PROD.id,
    service: 'AmazonDynamoDB',
    usageType: 'USE1-ReadCapacityUnit-Hrs',
    region: 'us-east-1',
    base: 4.99,
    noise: 0,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AmazonDynamoDB',
    usageType: 'USE1-WriteCapacityUnit-Hrs',
    region: 'us-east-1',
    base: 7.8,
    noise: 0,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AmazonEC2',
    usageType: 'USE1-NatGateway-Hours',
    region: 'us-east-1',
    base: 2.16,
    noise: 0,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AmazonEC2',
    usageType: 'USE1-NatGateway-Bytes',
    region: 'us-east-1',
    base: 4.2,
    noise: 0.12,
    weekend: 0.5,
  },
  {
    account: PROD.id,
    service: 'AmazonEC2',
    usageType: 'USE1-EBS:VolumeUsage.gp3',
    region: 'us-east-1',
    base: 3.6,
    noise: 0.01,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AWSELB',
    usageType: 'USE1-LoadBalancerUsage',
    region: 'us-east-1',
    base: 1.08,
    noise: 0,
    weekend: 1,
  },
  {
    account: PROD.id,
    service: 'AWSLambda',
    usageType: 'USE1-Lambda-GB-Second',
    region: 'us-east-1',
    base: 3.1,
    noise: 0.15,
    weekend: 0.4,
  },
  {
    account: PROD.id,
    service: 'AWSLambda',
    usageType: 'USE1-Request',
    region: 'us-east-1',
    base: 0.42,
    noise: 0.15,
    weekend: 0.4,
  },
  {
    account: PROD.id,
    service: 'AmazonCloudWatch',
    usageType: 'USE1-CW:MetricMonitorUsage',
    region: 'us-east-1',
    base: 2.3,
    noise: 0.02,
    weekend: 1,
  },
  {
    account: DEV.id,
    service: 'AmazonEC2',
    usageType: 'USE1-EBS:VolumeUsage.gp3',
    region: 'us-east-1',
    base: 1.4,
    noise: 0.01,
    weekend: 1,
  },
  {
    account: DEV.id,
    service: 'AmazonEC2',
    usageType: 'APS1-NatGateway-Hours',
    region: 'ap-southeast-1',
    base: 1.42,
    noise: 0,
    weekend: 1,
  },
  {
    account: DEV.id,
    service: 'AmazonS3',
    usageType: 'USE1-TimedStorage-ByteHrs',
    region: 'us-east-1',
    base: 0.9,
    noise: 0.02,
    weekend: 1,
  },
  {
    account: MANAGEMENT.id,
    service: 'AWSCloudTrail',
    usageType: 'USE1-PaidEventsRecorded',
    region: 'us-east-1',
    base: 0.55,
    noise: 0.1,
    weekend: 0.7,
  },
  {
    account: SECURITY.id,
    service: 'AmazonGuardDuty',
    usageType: 'USE1-PaidEventsAnalyzed',
    region: 'us-east-1',
    base: 1.25,
    noise: 0.1,
    weekend: 0.8,
  },
] as const;

/** The demo CUR, oldest line item first. */
export function demoCurLineItems(): DemoCurLineItem[] {
  const end = Date.parse(TAKEN_AT.slice(0, 10) + 'T00:00:00Z');
  const start = end - DEMO_CUR_DAYS * DAY_MS;
  const rows: DemoCurLineItem[] = [];
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  for (let day = start; day < end; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    for (let h = 0; h < 24; h++) {
      const t = day + h * HOUR_MS;
      for (const p of INSTANCE_POOLS) {
        const n = p.steady + (!weekend && h >= 8 && h < 20 ? p.weekday : 0);
        if (n === 0) continue;
        const cost = round(n * p.price);
        rows.push({
          line_item_usage_start_date: iso(t),
          line_item_usage_end_date: iso(t + HOUR_MS),
          line_item_usage_account_id: p.account,
          line_item_product_code: 'AmazonEC2',
          line_item_usage_type: `${p.prefix}-BoxUsage:${p.type}`,
          line_item_line_item_type: 'Usage',
          line_item_usage_amount: n,
          line_item_unblended_cost: cost,
          pricing_public_on_demand_cost: cost,
          product_region_code: p.region,
        });
      }
    }
    const dayText = iso(day).slice(0, 10);
    for (const item of DAILY_ITEMS) {
      const random = seededRandom(`${item.account}/${item.usageType}/${dayText}`);
      let cost = item.base * (weekend ? item.weekend : 1) * (1 + (random() * 2 - 1) * item.noise);
      if (
        dayText === DEMO_ANOMALY.day &&
        item.account === DEMO_ANOMALY.account &&
        item.usageType === DEMO_ANOMALY.usageType
      ) {
        cost *= 30;
      }
      cost = round(cost);
      rows.push({
        line_item_usage_start_date: iso(day),
        line_item_usage_end_date: iso(day + DAY_MS),
        line_item_usage_account_id: item.account,
        line_item_product_code: item.service,
        line_item_usage_type: item.usageType,
        line_item_line_item_type: 'Usage',
        line_item_usage_amount: cost,
        line_item_unblended_cost: cost,
        pricing_public_on_demand_cost: cost,
        product_region_code: item.region,
      });
    }
  }
  return rows;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
