import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { unreadReason } from '../unread.js';
import { defaultRoutes, ROUTE_TABLE, routesOf } from './routing.js';

const ENDPOINT = 'AWS::EC2::VPCEndpoint';
/** `com.amazonaws.<region>.s3`, and `cn.com.amazonaws.<region>.s3` in the China regions. */
const S3_SERVICE = /^(cn\.)?com\.amazonaws\.[a-z0-9-]+\.s3$/;
const NAT_KINDS = new Set(['nat-gateway', 'instance', 'network-interface']);

/** How reasons name the VPC: `VPC <id>`. */
function who(vpc: Resource): string {
  return `VPC ${label(vpc)}`;
}

/**
 * Compliant: a VPC whose route tables send internet traffic through a NAT device (NAT gateway or
 * NAT instance) has an S3 gateway endpoint associated with each of those tables. VPCs without
 * such a route are not applicable: nothing of theirs pays NAT processing for S3.
 */
export default defineRule({
  id: 'ec2-vpc-s3-gateway-endpoint-present',
  title: 'VPC with NAT-routed subnets reaches S3 through a gateway endpoint',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::VPC'],
  rationale:
    'Without a gateway endpoint, instances in private subnets reach S3 through the NAT device: a NAT gateway bills every gigabyte it processes, and a NAT instance is a bandwidth bottleneck and a single point of failure. An S3 gateway endpoint is free, adds a more specific route (the S3 prefix list) that keeps the traffic inside the AWS network, and lets bucket policies restrict access to the VPC. "Once the keyword Endpoint is enabled, no need for internet: IGW, NAT."',
  remediation: {
    text: 'Create an S3 gateway endpoint in the VPC and associate it with every route table whose default route goes to a NAT device.',
    cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway --service-name com.amazonaws.<region>.s3 --route-table-ids <rtb-id> <rtb-id>',
    cloudformation:
      'S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Gateway\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    RouteTableIds: [!Ref PrivateRouteTable]',
    terraform:
      'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.${var.region}.s3"\n  vpc_endpoint_type = "Gateway"\n  route_table_ids   = [aws_route_table.private.id]\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-pricing.html',
  ],
  evaluate(vpc, ctx) {
    const referrers = ctx.graph.referencing(vpc);
    const natTables: Resource[] = [];
    for (const table of referrers) {
      if (table.type !== ROUTE_TABLE || table.props.VpcId !== vpc.id) continue;
      const routes = routesOf(table, ctx.graph);
      if ('unknown' in routes) return error(`${who(vpc)}: route table ${label(table)}: ${routes.unknown}.`);
      const viaNat = defaultRoutes(routes.routes).some(
        (r) => r.cidr?.version === 4 && 'kind' in r.target && NAT_KINDS.has(r.target.kind),
      );
      if (viaNat) natTables.push(table);
    }
    if (natTables.length === 0) {
      // Route tables that were never listed may send its internet traffic through a NAT device.
      const unread = unreadReason(ctx.graph, ROUTE_TABLE, vpc.account, vpc.region);
      if (unread)
        return error(
          `${who(vpc)}: whether it routes internet traffic through a NAT device is not known: ${unread}.`,
        );
      return notApplicable(
        () => `${who(vpc)} has no route table that sends internet traffic through a NAT device.`,
      );
    }
    let unknown: string | undefined;
    const endpoints: Resource[] = [];
    for (const e of referrers) {
      if (e.type !== ENDPOINT || e.props.VpcId !== vpc.id) continue;
      const service = e.props.ServiceName;
      const type = e.props.VpcEndpointType;
      if (isUnresolved(service)) {
        unknown ??= `endpoint ${label(e)}: ${describeUnresolved('ServiceName', service)}`;
        continue;
      }
      if (isUnresolved(type)) {
        unknown ??= `endpoint ${label(e)}: ${describeUnresolved('VpcEndpointType', type)}`;
        continue;
      }
      // VpcEndpointType defaults to Gateway. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html
      if (
        typeof service === 'string' &&
        S3_SERVICE.test(service) &&
        (type === undefined || type === 'Gateway')
      ) {
        endpoints.push(e);
      }
    }
    const tables = natTables.map(label).join(', ');
    if (endpoints.length === 0) {
      if (unknown) return error(`${who(vpc)}: ${unknown}.`);
      // Endpoints of a VPC are in its account and region; one that was never listed may be the S3 gateway.
      const unread = unreadReason(ctx.graph, ENDPOINT, vpc.account, vpc.region);
      if (unread) {
        return error(
          `${who(vpc)}: route tables ${tables} send S3 traffic through a NAT device unless an S3 gateway endpoint exists, which is not known: ${unread}.`,
        );
      }
      return fail(
        `${who(vpc)} has no S3 gateway endpoint: route tables ${tables} send S3 traffic through a NAT device.`,
      );
    }
    const associated = new Set<unknown>();
    for (const e of endpoints) {
      const ids = e.props.RouteTableIds;
      if (isUnresolved(ids))
        return error(`${who(vpc)}: endpoint ${label(e)}: ${describeUnresolved('RouteTableIds', ids)}.`);
      if (Array.isArray(ids)) ids.forEach((id) => associated.add(id));
    }
    const missing = natTables.filter((t) => !associated.has(t.id));
    if (missing.length > 0) {
      return fail(
        `${who(vpc)} has S3 gateway endpoint ${endpoints.map(label).join(', ')}, but route tables ${missing.map(label).join(', ')} are not associated with it and send S3 traffic through a NAT device.`,
      );
    }
    return pass(
      () =>
        `${who(vpc)} reaches S3 through gateway endpoint ${endpoints.map(label).join(', ')} from route tables ${tables}.`,
    );
  },
});
