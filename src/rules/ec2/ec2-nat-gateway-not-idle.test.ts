import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './ec2-nat-gateway-not-idle.js';

const sum = (values: number[]) => ({
  Namespace: 'AWS/NATGateway',
  Statistic: 'Sum',
  Unit: 'Bytes',
  PeriodSeconds: 86400,
  Values: values,
});
const max = (values: number[]) => ({
  Namespace: 'AWS/NATGateway',
  Statistic: 'Maximum',
  Unit: 'Count',
  PeriodSeconds: 86400,
  Values: values,
});
const days = (n: number, v: number) => Array.from({ length: n }, () => v);
const table = resource('AWS::EC2::RouteTable', 'rtb-1', {
  VpcId: 'vpc-1',
  Routes: [
    { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'FailIdle' },
    { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'PassBusy' },
  ],
});
const nat = (id: string, bytesPerDay: number, connections: number) =>
  resource(
    'AWS::EC2::NatGateway',
    id,
    { SubnetId: 'subnet-1' },
    {
      observed: {
        State: 'available',
        Metrics: {
          BytesOutToDestination: sum(days(32, bytesPerDay)),
          ActiveConnectionCount: max(days(32, connections)),
        },
      },
    },
  );

describe('ec2-nat-gateway-not-idle', () => {
  it('fails a gateway no route points at (template)', async () => {
    // A template has no metrics; a live busy gateway completes the fixture's Pass case.
    await expectFixture(rule, new URL('./fixtures/ec2-nat-gateway-not-idle.yaml', import.meta.url), {
      resources: [table, nat('PassBusy', 38e9, 900)],
    });
  });

  it('fails a gateway that moved almost nothing over 32 days, with its monthly price', () => {
    const findings = expectResources(rule, [table, nat('FailIdle', 2000, 0), nat('PassBusy', 38e9, 900)]);
    expect(findings.find((f) => f.resource.id === 'FailIdle')?.reason).toBe(
      'NAT gateway FailIdle is idle: at most 2 KB a day (63 KB in 32 days), at most 0 active connections. It costs $32.85 a month before data processing.',
    );
  });
  it('judges by traffic alone when the route tables were not listed', () => {
    const silent = (id: string) =>
      resource('AWS::EC2::NatGateway', id, { SubnetId: 'subnet-1' }, { observed: { State: 'available' } });
    expectResources(
      rule,
      [
        nat('FailIdleRoutesUnread', 0, 0),
        nat('PassBusyRoutesUnread', 50 * 1024 ** 3, 100),
        silent('ErrorNoMetricsRoutesUnread'),
      ],
      { coverage: [deniedListing('AWS::EC2::RouteTable')] },
    );
  });
});
