// Reachability benchmark: a synthetic network of ENIs in many VPCs, joined by VPC peering and a
// transit gateway, built in memory from the model types (no source, no file). Prints the latency
// of single `reach` queries (p50 / p99), the time of the full `exposure` sweep, peak RSS, and the
// ratio of the sweep to (ENIs x one query): the sweep must share work across interfaces rather
// than ask one question per ENI. Runs from the built dist/ (`npm run bench:reach`). See
// bench/README.md.
//
//   node bench/reach.mjs [--enis N] [--vpcs V] [--queries Q] [--seed S] [--json]
//   node bench/reach.mjs --enis 2000 --vpcs 10      # quick
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

/** Targets: median single query, full sweep, and sweep / (ENIs x median query). */
const TARGET_P50_MS = 5;
const TARGET_SWEEP_S = 5;
const TARGET_RATIO = 1;

const { values: args } = parseArgs({
  options: {
    enis: { type: 'string', default: '10000' },
    vpcs: { type: 'string', default: '50' },
    queries: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '42' },
    json: { type: 'boolean', default: false },
  },
});

const { makeSnapshot } = await import('../dist/model/index.js');
const { buildNetwork, reach, exposure } = await import('../dist/network/index.js');

const ENIS = Number(args.enis);
const VPCS = Number(args.vpcs);
const QUERIES = Number(args.queries);
if (!Number.isInteger(ENIS) || !Number.isInteger(VPCS) || VPCS < 2 || VPCS > 200 || ENIS < VPCS * 4) {
  throw new Error('--vpcs must be 2..200 and --enis at least 4 per VPC');
}

// A small deterministic generator, so every run measures the same network and the same queries.
let state = Number(args.seed) >>> 0 || 1;
function random() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const AZS = ['eu-west-1a', 'eu-west-1b'];
const hex = (prefix, n) => `${prefix}-${n.toString(16).padStart(17, '0')}`;

/** One resource in the model's shape: CloudFormation props, runtime facts in `observed`. */
function resource(type, id, props, observed, name) {
  const r = { type, id, account: ACCOUNT, region: REGION, tags: {}, props, origin: { source: 'snapshot' } };
  if (observed) r.observed = observed;
  if (name) {
    r.name = name;
    r.tags.Name = name;
  }
  return r;
}

const rule = (IpProtocol, FromPort, ToPort, peer) => ({ IpProtocol, FromPort, ToPort, ...peer });
const acl = (RuleNumber, Protocol, RuleAction, Egress, CidrBlock, From, To) => ({
  RuleNumber,
  Protocol,
  RuleAction,
  Egress,
  CidrBlock,
  ...(From === undefined ? {} : { PortRange: { From, To } }),
});

/**
 * 50 VPCs (10.<v>.0.0/16), each with two public and two private subnets in two AZs, an internet
 * gateway, a NAT gateway, a custom NACL per tier (the private one with a /32 deny and an ephemeral
 * return rule), four security groups (web open to the world, SSH open to the world, a database
 * admitting only the web group, an app tier admitting 10.0.0.0/8) and its share of the ENIs.
 * Neighbouring VPCs are peered (v <-> v+1, with routes for the peer's /16, more specific than the
 * transit gateway's 10.0.0.0/8); every VPC is attached to one transit gateway whose route table
 * gets every VPC's CIDR by propagation.
 */
function buildResources() {
  const resources = [];
  const enis = [];
  const publicEnis = [];
  const tgw = 'tgw-0000000000000000a';
  const tgwRt = 'tgw-rtb-00000000000000a';
  resources.push(resource('AWS::EC2::TransitGateway', tgw, {}, undefined, 'bench-tgw'));
  resources.push(resource('AWS::EC2::TransitGatewayRouteTable', tgwRt, { TransitGatewayId: tgw }));
  const perVpc = Math.floor(ENIS / VPCS);
  let eniCount = 0;
  for (let v = 0; v < VPCS; v++) {
    const vpc = hex('vpc', v);
    const cidr = `10.${v}.0.0/16`;
    resources.push(resource('AWS::EC2::VPC', vpc, { CidrBlock: cidr }, undefined, `bench-${v}`));
    const igw = hex('igw', v);
    resources.push(resource('AWS::EC2::InternetGateway', igw, { VpcId: vpc }));
    const subnets = [0, 1, 2, 3].map((s) => ({
      id: hex('subnet', v * 4 + s),
      public: s < 2,
      az: AZS[s % 2],
      cidr: `10.${v}.${s * 16}.0/20`,
      base: s * 16,
    }));
    for (const s of subnets) {
      resources.push(
        resource('AWS::EC2::Subnet', s.id, {
          VpcId: vpc,
          CidrBlock: s.cidr,
          AvailabilityZone: s.az,
          MapPublicIpOnLaunch: s.public,
        }),
      );
    }
    const nat = hex('nat', v);
    resources.push(
      resource(
        'AWS::EC2::NatGateway',
        nat,
        { SubnetId: subnets[0].id, AllocationId: hex('eipalloc', v) },
        { State: 'available', NatGatewayAddresses: [{ PublicIp: `52.${v}.0.1`, PrivateIp: `10.${v}.0.4` }] },
      ),
    );
    const att = hex('tgw-attach', v);
    resources.push(
      resource(
        'AWS::EC2::TransitGatewayAttachment',
        att,
        { TransitGatewayId: tgw, VpcId: vpc, SubnetIds: [subnets[2].id, subnets[3].id] },
        { State: 'available', Association: { TransitGatewayRouteTableId: tgwRt, State: 'associated' } },
      ),
    );
    resources.push(
      resource('AWS::EC2::TransitGatewayRouteTablePropagation', `${att}#propagation`, {
        TransitGatewayAttachmentId: att,
        TransitGatewayRouteTableId: tgwRt,
      }),
    );
    const peerRoutes = [];
    for (const peer of [v - 1, v + 1]) {
      if (peer < 0 || peer >= VPCS) continue;
      const pcx = hex('pcx', Math.min(v, peer));
      peerRoutes.push({ DestinationCidrBlock: `10.${peer}.0.0/16`, VpcPeeringConnectionId: pcx });
      if (peer > v) {
        resources.push(
          resource(
            'AWS::EC2::VPCPeeringConnection',
            pcx,
            { VpcId: vpc, PeerVpcId: hex('vpc', peer) },
            { Status: { Code: 'active' } },
          ),
        );
      }
    }
    const tgwRoute = { DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: tgw };
    resources.push(
      resource('AWS::EC2::RouteTable', hex('rtb', v * 2), {
        VpcId: vpc,
        Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }, tgwRoute, ...peerRoutes],
        Associations: [{ SubnetId: subnets[0].id }, { SubnetId: subnets[1].id }],
      }),
      resource('AWS::EC2::RouteTable', hex('rtb', v * 2 + 1), {
        VpcId: vpc,
        Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat }, tgwRoute, ...peerRoutes],
        Associations: [{ SubnetId: subnets[2].id }, { SubnetId: subnets[3].id }],
      }),
    );
    resources.push(
      resource('AWS::EC2::NetworkAcl', hex('acl', v * 2), {
        VpcId: vpc,
        Entries: [acl(100, -1, 'allow', false, '0.0.0.0/0'), acl(100, -1, 'allow', true, '0.0.0.0/0')],
        Associations: [{ SubnetId: subnets[0].id }, { SubnetId: subnets[1].id }],
      }),
      resource('AWS::EC2::NetworkAcl', hex('acl', v * 2 + 1), {
        VpcId: vpc,
        Entries: [
          acl(90, -1, 'deny', false, '198.51.100.7/32'),
          acl(100, -1, 'allow', false, '10.0.0.0/8'),
          acl(110, 6, 'allow', false, '0.0.0.0/0', 1024, 65535),
          acl(100, -1, 'allow', true, '10.0.0.0/8'),
          acl(110, 6, 'allow', true, '0.0.0.0/0', 443, 443),
        ],
        Associations: [{ SubnetId: subnets[2].id }, { SubnetId: subnets[3].id }],
      }),
    );
    const sg = (n) => hex('sg', v * 4 + n);
    const allOut = [rule('-1', undefined, undefined, { CidrIp: '0.0.0.0/0' })];
    resources.push(
      resource('AWS::EC2::SecurityGroup', sg(0), {
        GroupName: `web-${v}`,
        VpcId: vpc,
        SecurityGroupIngress: [
          rule('tcp', 80, 80, { CidrIp: '0.0.0.0/0' }),
          rule('tcp', 443, 443, { CidrIp: '0.0.0.0/0' }),
        ],
        SecurityGroupEgress: allOut,
      }),
      resource('AWS::EC2::SecurityGroup', sg(1), {
        GroupName: `ssh-${v}`,
        VpcId: vpc,
        SecurityGroupIngress: [rule('tcp', 22, 22, { CidrIp: '0.0.0.0/0' })],
        SecurityGroupEgress: allOut,
      }),
      resource('AWS::EC2::SecurityGroup', sg(2), {
        GroupName: `db-${v}`,
        VpcId: vpc,
        SecurityGroupIngress: [rule('tcp', 3306, 3306, { SourceSecurityGroupId: sg(0) })],
        SecurityGroupEgress: allOut,
      }),
      resource('AWS::EC2::SecurityGroup', sg(3), {
        GroupName: `app-${v}`,
        VpcId: vpc,
        SecurityGroupIngress: [
          rule('tcp', 8080, 8080, { CidrIp: '10.0.0.0/8' }),
          rule('tcp', 3306, 3306, { CidrIp: '0.0.0.0/0' }),
        ],
        SecurityGroupEgress: allOut,
      }),
    );
    const count = v === VPCS - 1 ? ENIS - eniCount : perVpc;
    for (let i = 0; i < count; i++) {
      const s = subnets[i % 4];
      const host = Math.floor(i / 4) + 10;
      const ip = `10.${v}.${s.base + Math.floor(host / 250)}.${(host % 250) + 4}`;
      const instance = hex('i', eniCount);
      const eniId = hex('eni', eniCount);
      const groups = s.public ? [sg(i % 8 === 0 ? 1 : 0)] : [sg(i % 3 === 0 ? 2 : 3)];
      const publicIp = s.public ? `54.${v}.${Math.floor(i / 250)}.${(i % 250) + 1}` : undefined;
      resources.push(
        resource(
          'AWS::EC2::Instance',
          instance,
          { InstanceType: 't3.micro', SubnetId: s.id, SecurityGroupIds: groups, PrivateIpAddress: ip },
          { State: { Name: 'running' }, ...(publicIp ? { PublicIpAddress: publicIp } : {}) },
        ),
        resource(
          'AWS::EC2::NetworkInterface',
          eniId,
          { SubnetId: s.id, GroupSet: groups, PrivateIpAddress: ip, SourceDestCheck: true },
          {
            Attachment: { InstanceId: instance, Status: 'attached', DeviceIndex: 0 },
            ...(publicIp ? { Association: { PublicIp: publicIp } } : {}),
          },
        ),
      );
      enis.push(instance);
      if (publicIp) publicEnis.push(instance);
      eniCount++;
    }
  }
  return { resources, enis, publicEnis };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (ms) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

const t0 = performance.now();
const { resources, enis, publicEnis } = buildResources();
const snapshot = makeSnapshot(resources, [], { takenAt: '2026-11-22T00:00:00.000Z' });
const tGenerated = performance.now();
const model = buildNetwork(snapshot);
const tBuilt = performance.now();

// Single queries: a mix of what people ask — instance to instance across peering and the
// transit gateway, the internet to a public instance, an instance to the internet.
const queries = [];
for (let q = 0; q < QUERIES; q++) {
  const kind = q % 4;
  const resource = (id) => ({ kind: 'resource', id });
  if (kind === 0)
    queries.push({ from: resource(pick(enis)), to: resource(pick(enis)), protocol: 'tcp', port: 8080 });
  else if (kind === 1)
    queries.push({ from: resource(pick(enis)), to: resource(pick(enis)), protocol: 'tcp', port: 3306 });
  else if (kind === 2)
    queries.push({
      from: { kind: 'internet' },
      to: resource(pick(publicEnis)),
      protocol: 'tcp',
      port: pick([22, 80, 443, 3306]),
    });
  else queries.push({ from: resource(pick(enis)), to: { kind: 'internet' }, protocol: 'tcp', port: 443 });
}
// Warm up the JIT on a few queries before measuring.
for (const q of queries.slice(0, 50)) reach(model, q);
const KINDS = [
  'instance -> instance :8080',
  'instance -> instance :3306',
  'internet -> public instance',
  'instance -> internet :443',
];
const times = [];
const byKind = KINDS.map(() => []);
let reachable = 0;
queries.forEach((q, i) => {
  const start = performance.now();
  const answer = reach(model, q);
  const ms = performance.now() - start;
  times.push(ms);
  byKind[i % 4].push(ms);
  if (answer.reachable) reachable++;
});
times.sort((a, b) => a - b);
for (const list of byKind) list.sort((a, b) => a - b);
const p50 = percentile(times, 50);
const p99 = percentile(times, 99);
// The baseline the sweep is measured against: asking the internet question once per ENI
// (`internet -> instance`, tcp 22), timed over every ENI. The sweep answers more than that (every
// protocol and port range, with paths), so a ratio below 1 means it shares work across interfaces.
const baselineStart = performance.now();
for (const id of enis)
  reach(model, { from: { kind: 'internet' }, to: { kind: 'resource', id }, protocol: 'tcp', port: 22 });
const baselineMs = performance.now() - baselineStart;

const sweepStart = performance.now();
const swept = exposure(model);
const sweepMs = performance.now() - sweepStart;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
const ratio = sweepMs / baselineMs;
const ratioP50 = sweepMs / (enis.length * p50);

const result = {
  enis: enis.length,
  vpcs: VPCS,
  resources: resources.length,
  generateMs: tGenerated - t0,
  buildMs: tBuilt - tGenerated,
  queries: QUERIES,
  reachable,
  p50Ms: p50,
  p99Ms: p99,
  byKind: Object.fromEntries(
    KINDS.map((k, i) => [k, { p50Ms: percentile(byKind[i], 50), p99Ms: percentile(byKind[i], 99) }]),
  ),
  sweepMs,
  exposures: swept.exposures.length,
  shielded: swept.shielded.length,
  maxRssMiB,
  baselineMs,
  ratio,
  ratioP50,
  pass: p50 <= TARGET_P50_MS && sweepMs <= TARGET_SWEEP_S * 1000 && ratio < TARGET_RATIO,
};

if (args.json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  const n = (x) => x.toLocaleString('en-US');
  console.log(
    `network: ${n(result.enis)} ENIs in ${VPCS} VPCs (${n(result.resources)} resources), peering v<->v+1, one transit gateway`,
  );
  console.log(`generate ${fmt(result.generateMs)} ms; buildNetwork ${fmt(result.buildMs)} ms`);
  console.log(
    `reach: ${QUERIES} queries (${reachable} reachable): p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms (target p50 <= ${TARGET_P50_MS} ms)`,
  );
  KINDS.forEach((k, i) =>
    console.log(
      `  ${k.padEnd(28)} p50 ${fmt(percentile(byKind[i], 50))} ms, p99 ${fmt(percentile(byKind[i], 99))} ms`,
    ),
  );
  console.log(
    `exposure sweep: ${fmt(sweepMs)} ms, ${n(result.exposures)} exposures, ${n(result.shielded)} shielded rules (target <= ${TARGET_SWEEP_S} s)`,
  );
  console.log(`peak RSS ${maxRssMiB.toFixed(0)} MiB`);
  console.log(
    `baseline: one internet -> instance query per ENI, ${n(enis.length)} queries in ${fmt(baselineMs)} ms (mean ${fmt(baselineMs / enis.length)} ms)`,
  );
  console.log(
    `ratio sweep / (ENIs x one query) = ${ratio.toFixed(3)} (target < ${TARGET_RATIO}); with the p50 of the mixed queries as "one query": ${ratioP50.toFixed(3)}`,
  );
  console.log(result.pass ? 'PASS' : 'FAIL');
}
if (!result.pass) process.exitCode = 1;
