import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corporaPresent, corpusPath } from '../../../test/corpora.js';
import type { Resource } from '../../model/index.js';
import { loadDescribeJson, looksLikeDescribeJson } from './index.js';

/** What is counted, by column: resources, then rules/entries/routes inside them. */
const COLUMNS = [
  'vpcs',
  'subnets',
  'rtbs',
  'nacls',
  'sgs',
  'instances',
  'enis',
  'sgRules',
  'naclEntries',
  'routes',
] as const;
type Counts = Record<(typeof COLUMNS)[number], number>;

const zero = (): Counts => Object.fromEntries(COLUMNS.map((c) => [c, 0])) as Counts;

/** Every .json file under a directory. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

type Raw = Record<string, Array<Record<string, unknown>> | undefined>;
const list = (value: unknown): Array<Record<string, unknown>> => (Array.isArray(value) ? value : []);

/** Counts straight from the raw files, written without the source's code, as the oracle. */
function countRaw(configs: string): Counts {
  const counts = zero();
  for (const file of jsonFiles(configs)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Raw;
    counts.vpcs += list(raw.Vpcs).length;
    counts.subnets += list(raw.Subnets).length;
    counts.rtbs += list(raw.RouteTables).length;
    counts.nacls += list(raw.NetworkAcls).length;
    counts.sgs += list(raw.SecurityGroups).length;
    counts.enis += list(raw.NetworkInterfaces).length;
    for (const reservation of list(raw.Reservations)) counts.instances += list(reservation.Instances).length;
    for (const group of list(raw.SecurityGroups)) {
      for (const permission of [...list(group.IpPermissions), ...list(group.IpPermissionsEgress)]) {
        for (const peers of ['IpRanges', 'Ipv6Ranges', 'PrefixListIds', 'UserIdGroupPairs']) {
          counts.sgRules += list(permission[peers]).length;
        }
      }
    }
    for (const acl of list(raw.NetworkAcls)) counts.naclEntries += list(acl.Entries).length;
    for (const table of list(raw.RouteTables)) counts.routes += list(table.Routes).length;
  }
  return counts;
}

const TYPES: Partial<Record<keyof Counts, string>> = {
  vpcs: 'AWS::EC2::VPC',
  subnets: 'AWS::EC2::Subnet',
  rtbs: 'AWS::EC2::RouteTable',
  nacls: 'AWS::EC2::NetworkAcl',
  sgs: 'AWS::EC2::SecurityGroup',
  instances: 'AWS::EC2::Instance',
  enis: 'AWS::EC2::NetworkInterface',
};

function countLoaded(resources: Resource[]): Counts {
  const counts = zero();
  const length = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
  for (const r of resources) {
    for (const [column, type] of Object.entries(TYPES)) if (r.type === type) counts[column as keyof Counts]++;
    if (r.type === 'AWS::EC2::SecurityGroup') {
      counts.sgRules += length(r.props.SecurityGroupIngress) + length(r.props.SecurityGroupEgress);
    }
    if (r.type === 'AWS::EC2::NetworkAcl') counts.naclEntries += length(r.props.Entries);
    if (r.type === 'AWS::EC2::RouteTable') counts.routes += length(r.props.Routes);
  }
  return counts;
}

const root = corpusPath('batfish-aws');
const snapshots = corporaPresent
  ? readdirSync(root).filter((name) => existsSync(join(root, name, 'aws_configs')))
  : [];

describe.runIf(corporaPresent)('Batfish AWS snapshots', () => {
  it('finds the snapshots', () => {
    expect(snapshots).toHaveLength(20);
  });

  it('loads every snapshot with the counts of the raw files', async () => {
    const rows: string[] = [];
    let totalResources = 0;
    for (const name of snapshots) {
      const dir = join(root, name);
      expect(looksLikeDescribeJson(dir), name).toBe(true);
      const snapshot = await loadDescribeJson(dir);
      const expected = countRaw(join(dir, 'aws_configs'));
      const loaded = countLoaded(snapshot.resources);
      expect(loaded, name).toEqual(expected);
      expect(
        snapshot.coverage.filter((g) => g.kind === 'parse-error'),
        name,
      ).toEqual([]);
      for (const r of snapshot.resources) {
        expect(r.id, name).toMatch(/\S/);
        expect(r.origin.file, `${name} ${r.id}`).toBeDefined();
      }
      totalResources += snapshot.resources.length;
      rows.push(
        [
          name.padEnd(40),
          ...COLUMNS.map((c) => String(loaded[c]).padStart(c.length)),
          String(snapshot.resources.length).padStart(9),
          String(snapshot.coverage.length).padStart(4),
          snapshot.accounts.map((a) => a.id).join(','),
        ].join(' '),
      );
    }
    const header = ['snapshot'.padEnd(40), ...COLUMNS, 'resources', 'gaps', 'accounts'].join(' ');
    process.stdout.write(
      `\n${header}\n${rows.join('\n')}\n${snapshots.length} snapshots, ${totalResources} resources\n`,
    );
  });

  it('takes accounts from accounts/<id>/ and regions from the data', async () => {
    const accounts = async (name: string): Promise<string[]> =>
      (await loadDescribeJson(join(root, name))).accounts.map((a) => a.id);
    expect(await accounts('test-multi-account')).toEqual(['111', '222']);
    expect(await accounts('test-vpc-peering-multi-account')).toEqual(['123456789012', '123456789013']);
    expect(await accounts('test-transit-gateway-peering')).toEqual(['732168539940', '804819755326']);
    for (const name of snapshots.filter((s) => s !== 'test')) {
      const snapshot = await loadDescribeJson(join(root, name));
      const unplaced = snapshot.resources.filter((r) => r.region === 'unknown' || r.account === 'unknown');
      expect(
        unplaced.map((r) => `${r.type} ${r.id}`),
        name,
      ).toEqual([]);
    }
  });

  it('keeps both sides of a transit gateway peering attachment and one copy of a shared gateway', async () => {
    const peering = await loadDescribeJson(join(root, 'test-transit-gateway-peering'));
    const sides = peering.resources.filter((r) => r.type === 'AWS::EC2::TransitGatewayPeeringAttachment');
    expect(sides.map((r) => [r.region, r.props.TransitGatewayId, r.props.PeerTransitGatewayId])).toEqual([
      ['us-east-1', 'tgw-0e20010ebf43d07a2', 'tgw-03201f1960ddb0c25'],
      ['us-west-1', 'tgw-03201f1960ddb0c25', 'tgw-0e20010ebf43d07a2'],
    ]);
    const shared = await loadDescribeJson(join(root, 'test-transit-gateway-multi-account'));
    const gateways = shared.resources.filter((r) => r.type === 'AWS::EC2::TransitGateway');
    expect(gateways.map((r) => [r.id, r.account, r.name])).toEqual([
      ['tgw-0efdeab79e9a8e490', '028403472736', 'tgw-batfish'],
    ]);
  });

  it('maps the blackhole route of test-vpc-peering and the VGW propagation of test-direct-connect-private-vif', async () => {
    const peering = await loadDescribeJson(join(root, 'test-vpc-peering'));
    const blackholes = peering.resources.flatMap((r) =>
      r.type === 'AWS::EC2::RouteTable'
        ? ((r.observed?.Routes ?? []) as Array<{ State?: string }>)
            .map((o, i) => [o, (r.props.Routes as unknown[])[i]] as const)
            .filter(([o]) => o.State === 'blackhole')
            .map(([, route]) => route)
        : [],
    );
    expect(blackholes).toEqual([{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0a2c9ae201b441bff' }]);
    const vif = await loadDescribeJson(join(root, 'test-direct-connect-private-vif'));
    const table = vif.resources.find((r) => r.type === 'AWS::EC2::RouteTable');
    expect(table?.observed?.PropagatingVgws).toEqual(['vgw-priv01']);
    expect(
      vif.resources
        .filter((r) => r.type === 'AWS::DirectConnect::PrivateVirtualInterface')
        .map((r) => r.props.VirtualGatewayId),
    ).toEqual(['vgw-priv01', 'vgw-priv01']);
  });
});
