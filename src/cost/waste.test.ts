import { describe, expect, it } from 'vitest';
import { createGraph } from '../engine/index.js';
import type { Resource } from '../model/index.js';
import { bundledPrices } from './prices/index.js';
import { priceWaste, type CostFinding } from './waste.js';

const prices = bundledPrices();

function resource(
  type: string,
  id: string,
  props: Record<string, unknown>,
  observed?: Record<string, unknown>,
  region = 'us-east-1',
): Resource {
  return {
    type,
    id,
    account: '111122223333',
    region,
    tags: {},
    props,
    ...(observed ? { observed } : {}),
    origin: { source: 'demo' },
  };
}

function finding(ruleId: string, r: Resource): CostFinding {
  return {
    ruleId,
    status: 'fail',
    reason: `${r.id} is waste`,
    resource: { type: r.type, id: r.id, account: r.account, region: r.region },
  };
}

function price(resources: Resource[], findings: CostFinding[]) {
  return priceWaste({ findings, graph: createGraph(resources), prices });
}

describe('priceWaste', () => {
  it('prices an idle instance at 730 hours of its type, with the price date and region', () => {
    const i = resource('AWS::EC2::Instance', 'i-1', { InstanceType: 'm5.xlarge' });
    const answer = price([i], [finding('ec2-instance-not-idle', i)]);
    expect(answer.items[0]).toMatchObject({
      monthly: 140.16,
      kind: 'remove',
      priceRegion: 'us-east-1',
      priceDate: '2025-01-01',
      basis: '730 h × $0.192/h (m5.xlarge Linux)',
    });
    expect(answer.monthlyTotal).toBe(140.16);
  });

  it('says "no bundled price" for an unpriced type or region instead of $0', () => {
    const i = resource('AWS::EC2::Instance', 'i-2', { InstanceType: 'x2iedn.32xlarge' });
    const j = resource('AWS::EC2::Instance', 'i-3', { InstanceType: 'm5.large' }, undefined, 'me-central-1');
    const answer = price([i, j], [finding('ec2-instance-not-idle', i), finding('ec2-instance-not-idle', j)]);
    expect(answer.items.map((x) => x.monthly)).toEqual([null, null]);
    expect(answer.items[0]!.note).toMatch(/^no bundled price for /);
    expect(answer.monthlyTotal).toBe(0);
    expect(answer.unpriced).toBe(2);
  });

  it('prices Windows instances at the Windows rate', () => {
    const i = resource('AWS::EC2::Instance', 'i-w', { InstanceType: 'm5.large' }, { Platform: 'windows' });
    expect(price([i], [finding('ec2-instance-not-idle', i)]).items[0]!.monthly).toBe(137.24);
  });

  it('prices unattached volumes with provisioned IOPS and throughput, and the gp2 → gp3 saving', () => {
    const v = resource('AWS::EC2::Volume', 'vol-1', {
      Size: 500,
      VolumeType: 'gp3',
      Iops: 4000,
      Throughput: 250,
    });
    const g = resource('AWS::EC2::Volume', 'vol-2', { Size: 1000 });
    const answer = price([v, g], [finding('ec2-volume-attached', v), finding('ec2-volume-gp3', g)]);
    const byId = new Map(answer.items.map((i) => [i.resource.id, i]));
    expect(byId.get('vol-1')!.monthly).toBe(500 * 0.08 + 1000 * 0.005 + 125 * 0.04);
    // gp2 1000 GiB: 3000 IOPS, 250 MiB/s -> gp3 needs 125 MiB/s extra.
    expect(byId.get('vol-2')!.monthly).toBe(round(1000 * 0.02 - 125 * 0.04));
    expect(byId.get('vol-2')!.kind).toBe('saving');
  });

  it('prices unassociated Elastic IPs at the public IPv4 rate ($0.005/h since February 2024)', () => {
    const e = resource('AWS::EC2::EIP', 'eipalloc-1', {});
    expect(price([e], [finding('ec2-eip-associated', e)]).items[0]!.monthly).toBe(3.65);
  });

  it('prices idle NAT gateways and load balancers in their region', () => {
    const n = resource('AWS::EC2::NatGateway', 'nat-1', {}, {}, 'ap-southeast-1');
    const lb = resource('AWS::ElasticLoadBalancingV2::LoadBalancer', 'arn:lb', { Type: 'network' });
    const answer = price(
      [n, lb],
      [finding('ec2-nat-gateway-not-idle', n), finding('elb-load-balancer-not-idle', lb)],
    );
    expect(answer.items.map((i) => [i.resource.id, i.monthly, i.priceRegion])).toEqual([
      ['nat-1', 43.07, 'ap-southeast-1'],
      ['arn:lb', 16.43, 'us-east-1'],
    ]);
  });

  it('prices snapshots, and unused AMIs by the snapshots behind them', () => {
    const s = resource('AWS::EC2::Snapshot', 'snap-1', { VolumeSize: 100 });
    const ami = resource('AWS::EC2::Image', 'ami-1', {
      BlockDeviceMappings: [
        { Ebs: { SnapshotId: 'snap-2', VolumeSize: 30 } },
        { Ebs: { SnapshotId: 'snap-3', VolumeSize: 20 } },
      ],
    });
    const answer = price(
      [s, ami],
      [finding('ec2-snapshot-source-exists', s), finding('ec2-image-in-use', ami)],
    );
    expect(answer.items.map((i) => i.monthly)).toEqual([5, 2.5]);
  });

  it('prices idle RDS (Multi-AZ doubles) and the saving of a current-generation class', () => {
    const db = resource('AWS::RDS::DBInstance', 'db-1', {
      DBInstanceClass: 'db.m5.large',
      Engine: 'mysql',
      MultiAZ: true,
      AllocatedStorage: 100,
    });
    const old = resource('AWS::RDS::DBInstance', 'db-2', { DBInstanceClass: 'db.m4.large', Engine: 'mysql' });
    const answer = price(
      [db, old],
      [finding('rds-instance-not-idle', db), finding('rds-instance-class-current-generation', old)],
    );
    const byId = new Map(answer.items.map((i) => [i.resource.id, i]));
    expect(byId.get('db-1')!.monthly).toBe(round(0.171 * 730 * 2 + 100 * 0.115 * 2));
    expect(byId.get('db-2')!.monthly).toBe(round((0.175 - 0.171) * 730));
  });

  it('prices a previous-generation instance as the saving of its successor', () => {
    const i = resource('AWS::EC2::Instance', 'i-old', { InstanceType: 'm4.large' });
    expect(price([i], [finding('ec2-instance-type-current-generation', i)]).items[0]).toMatchObject({
      monthly: 2.92,
      kind: 'saving',
      basis: expect.stringContaining('m4.large Linux → m5.large'),
    });
  });

  it('prices DynamoDB capacity above 70 % of the busiest day, recommending auto scaling', () => {
    const t = resource(
      'AWS::DynamoDB::Table',
      'orders',
      { ProvisionedThroughput: { ReadCapacityUnits: 1000, WriteCapacityUnits: 100 } },
      {
        Metrics: {
          ConsumedReadCapacityUnits: {
            Statistic: 'Sum',
            PeriodSeconds: 86400,
            Values: [70 * 86400, 35 * 86400],
          },
          ConsumedWriteCapacityUnits: { Statistic: 'Sum', PeriodSeconds: 86400, Values: [7 * 86400] },
        },
      },
    );
    const item = price([t], [finding('dynamodb-table-capacity-not-overprovisioned', t)]).items[0]!;
    // Reads: 1000 - 70/0.7 = 900 RCU; writes: 100 - 10 = 90 WCU.
    expect(item.monthly).toBe(round(900 * 0.00013 * 730 + 90 * 0.00065 * 730));
  });

  it('prices S3 Standard data a lifecycle rule could move, as an upper bound', () => {
    const b = resource(
      'AWS::S3::Bucket',
      'logs',
      {},
      { Metrics: { BucketSizeBytes: { Values: [1024 ** 4] } } },
    );
    const item = price([b], [finding('s3-bucket-lifecycle-configured', b)]).items[0]!;
    expect(item.monthly).toBe(round(1024 * (0.023 - 0.0125)));
    expect(item.note).toMatch(/at most/);
  });

  it('counts a resource once in the total: removing it saves more than modernising it', () => {
    const i = resource('AWS::EC2::Instance', 'i-4', { InstanceType: 'm4.large' });
    const answer = price(
      [i],
      [finding('ec2-instance-not-idle', i), finding('ec2-instance-type-current-generation', i)],
    );
    expect(answer.monthlyTotal).toBe(73);
    expect(answer.items.find((x) => x.kind === 'saving')!.overlaps).toBe(true);
  });

  it('ignores passing and suppressed findings, and explains advice-only rules', () => {
    const i = resource('AWS::EC2::Instance', 'i-5', { InstanceType: 'm5.large' });
    const answer = price(
      [i],
      [
        { ...finding('ec2-instance-not-idle', i), status: 'pass' },
        { ...finding('ec2-instance-not-idle', i), suppressed: { reason: 'x' } },
        finding('cloudwatch-idle-instance-stop-alarm-present', i),
      ],
    );
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]!.note).toMatch(/priced by ec2-instance-not-idle/);
  });
});

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
