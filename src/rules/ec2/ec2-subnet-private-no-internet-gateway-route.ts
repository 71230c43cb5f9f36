import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, type GraphView } from '../rule.js';
import { describeRoute, routesOf, subnetRouting, type Route } from './routing.js';

/** Subnet groups of database services: a subnet in one of them hosts a database. */
const DATABASE_SUBNET_GROUPS = new Set([
  'AWS::RDS::DBSubnetGroup',
  'AWS::DocDB::DBSubnetGroup',
  'AWS::Neptune::DBSubnetGroup',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::Redshift::ClusterSubnetGroup',
]);

/** `prod-private-a` → prod, private, a; `Vpc/PrivateSubnet1` → vpc, private, subnet, 1. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

interface Intent {
  readonly tierTagKeys: readonly string[];
  readonly privateTierValues: readonly string[];
  readonly privateNameWords: readonly string[];
  readonly publicNameWords: readonly string[];
  readonly databaseSubnetGroupsArePrivate: boolean;
  readonly noAutoAssignMeansPrivate: boolean;
}

interface LoweredIntent {
  readonly keys: ReadonlySet<string>;
  readonly privateValues: ReadonlySet<string>;
  readonly publicWords: ReadonlySet<string>;
  readonly privateWords: ReadonlySet<string>;
}

const loweredCache = new WeakMap<Intent, LoweredIntent>();

/** The tag keys, values and name words lowercased, once per parameter set rather than once per subnet. */
function lowered(p: Intent): LoweredIntent {
  let l = loweredCache.get(p);
  if (!l) {
    const lower = (list: readonly string[]) => new Set(list.map((w) => w.toLowerCase()));
    l = {
      keys: lower(p.tierTagKeys),
      privateValues: lower(p.privateTierValues),
      publicWords: lower(p.publicNameWords),
      privateWords: lower(p.privateNameWords),
    };
    loweredCache.set(p, l);
  }
  return l;
}

/**
 * Why the subnet is meant to be private, or `undefined` when nothing says so. A tier tag is the
 * owner's explicit statement and wins, in both directions; then the name, where a public word
 * wins over a private one (`data-vpc-public-a` is a public subnet of a data VPC); then a database
 * subnet group and (if asked) the absence of public IP auto-assignment.
 */
function privateBecause(subnet: Resource, graph: GraphView, p: Intent): string | undefined {
  const { keys, privateValues, publicWords, privateWords } = lowered(p);
  const tags = subnet.tags;
  for (const key in tags) {
    if (!Object.hasOwn(tags, key) || !keys.has(key.toLowerCase())) continue;
    const value = tags[key]!;
    if (privateValues.has(value.toLowerCase())) return `tag ${key}=${value}`;
    if (value.toLowerCase() === 'public') return undefined;
  }
  const name = subnet.name ?? subnet.tags.Name;
  const nameWords = name ? words(name) : [];
  if (nameWords.some((w) => publicWords.has(w))) return undefined;
  const word = nameWords.find((w) => privateWords.has(w));
  if (word) return `its name ${JSON.stringify(name)} says ${word}`;
  if (p.databaseSubnetGroupsArePrivate) {
    const group = graph.referencing(subnet).find((r) => DATABASE_SUBNET_GROUPS.has(r.type));
    if (group) return `it is in database subnet group ${label(group)}`;
  }
  if (
    p.noAutoAssignMeansPrivate &&
    subnet.props.MapPublicIpOnLaunch !== true &&
    subnet.props.MapPublicIpOnLaunch !== 'true'
  ) {
    return 'it does not assign public IP addresses at launch';
  }
  return undefined;
}

/** A route to an internet gateway that is not a blackhole. */
function toInternetGateway(r: Route): boolean {
  return 'kind' in r.target && r.target.kind === 'internet-gateway' && !r.blackhole;
}

/** How reasons name the subnet: `Subnet <id>`. */
function who(subnet: Resource): string {
  return `Subnet ${label(subnet)}`;
}

/**
 * Compliant: a subnet meant to be private (a tier tag, its name, or a database subnet group says
 * so; see the parameters) uses a route table with no route to an internet gateway, whether the
 * table is associated explicitly or is the VPC's main table. Subnets nothing marks private are not
 * applicable.
 */
export default defineRule({
  id: 'ec2-subnet-private-no-internet-gateway-route',
  title: 'Private subnet has no route to an internet gateway',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::EC2::Subnet'],
  rationale:
    'What makes a subnet public is its route table: a route to an internet gateway. A subnet meant for databases or internal services that is associated with the public route table (or whose VPC main table points at the internet gateway) lets any instance given a public or Elastic IP be reached from the internet and reach it directly, bypassing the NAT device and its controls. The usual cause is a wrong association: the notebook\'s rule is custom table with the internet gateway for public subnets, main table with the NAT gateway for private ones. "Private" is decided from what the owner says: a tier tag, the subnet name, or a database subnet group; the parameters set the words and can also treat subnets that do not auto-assign public IPs as private (off by default, since public subnets that host only load balancers and NAT gateways rightly do not).',
  remediation: {
    text: "Associate the subnet with a route table whose default route goes to a NAT gateway (or no default route for an isolated subnet), and keep the internet gateway route only in the public subnets' table.",
    cli: 'aws ec2 replace-route-table-association --association-id <rtbassoc-id> --route-table-id <private-rtb-id>',
    cloudformation:
      'PrivateSubnetRouteTableAssociation:\n  Type: AWS::EC2::SubnetRouteTableAssociation\n  Properties:\n    SubnetId: !Ref PrivateSubnet\n    RouteTableId: !Ref PrivateRouteTable  # 0.0.0.0/0 -> NatGatewayId',
    terraform:
      'resource "aws_route_table_association" "private" {\n  subnet_id      = aws_subnet.private.id\n  route_table_id = aws_route_table.private.id # 0.0.0.0/0 -> nat_gateway_id\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html#subnet-types',
    'https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html',
  ],
  params: z.object({
    tierTagKeys: z
      .array(z.string())
      .default(['tier', 'subnet-type', 'subnettype', 'aws-cdk:subnet-type', 'network', 'type'])
      .describe('Tag keys (any case) whose value names the subnet tier.'),
    privateTierValues: z
      .array(z.string())
      .default(['private', 'isolated', 'data', 'database', 'db'])
      .describe('Tier tag values (any case) that mean private; the value "public" means public.'),
    privateNameWords: z
      .array(z.string())
      .default(['private', 'priv', 'isolated', 'internal', 'data', 'db', 'database'])
      .describe('Words of the subnet name (split at punctuation and camelCase) that mean private.'),
    publicNameWords: z
      .array(z.string())
      .default(['public', 'pub', 'dmz'])
      .describe('Words of the subnet name that mean public; they win over private words.'),
    databaseSubnetGroupsArePrivate: z
      .boolean()
      .default(true)
      .describe(
        'Treat subnets in an RDS, DocumentDB, Neptune, ElastiCache or Redshift subnet group as private.',
      ),
    noAutoAssignMeansPrivate: z
      .boolean()
      .default(false)
      .describe(
        'Also treat subnets that do not auto-assign public IPv4 addresses (MapPublicIpOnLaunch not true) as private.',
      ),
  }),
  evaluate(subnet, ctx) {
    const because = privateBecause(subnet, ctx.graph, ctx.params);
    if (!because) {
      return notApplicable(
        () => `${who(subnet)} is not marked private (no tier tag, name or database subnet group says so).`,
      );
    }
    const routing = subnetRouting(subnet, ctx.graph);
    if ('unknown' in routing)
      return error(
        `${who(subnet)} is private (${because}), but its route table is not known: ${routing.unknown}.`,
      );
    const table = routing.table;
    const via = () =>
      table
        ? `${routing.via === 'main' ? 'the main route table' : 'route table'} ${label(table)}`
        : `the main route table of ${label(routing.vpc)}`;
    const routes = table ? routesOf(table, ctx.graph) : { routes: routing.routes };
    if ('unknown' in routes)
      return error(`${who(subnet)} is private (${because}); ${via()}: ${routes.unknown}.`);
    if (routes.routes.some(toInternetGateway)) {
      return fail(
        `${who(subnet)} is private (${because}) but ${via()} routes to an internet gateway: ${routes.routes.filter(toInternetGateway).map(describeRoute).join('; ')}.`,
      );
    }
    const unknown = routes.routes.find((r) => 'unknown' in r.target);
    if (unknown && 'unknown' in unknown.target) {
      return error(`${who(subnet)} is private (${because}); ${via()}: ${unknown.target.unknown}.`);
    }
    return pass(
      () => `${who(subnet)} is private (${because}) and ${via()} has no route to an internet gateway.`,
    );
  },
});
