import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import { unresolved } from '../../../model/index.js';
import aclInUse from '../../../rules/ec2/ec2-network-acl-in-use.js';
import { byId, loadPlan, makePlan, makeState, ref } from '../fixtures/make-plan.js';

describe('default route tables and network ACLs', () => {
  it('places them in the VPC whose attribute names them, and marks the ACL default (plan)', () => {
    const s = loadPlan(
      makePlan(
        [
          {
            address: 'aws_vpc.main',
            after: { cidr_block: '10.0.0.0/16' },
            unknown: { id: true, main_route_table_id: true, default_route_table_id: true },
          },
          {
            address: 'aws_default_route_table.main',
            after: {},
            unknown: { id: true, vpc_id: true, default_route_table_id: true },
            expressions: {
              default_route_table_id: ref('aws_vpc.main.default_route_table_id', 'aws_vpc.main'),
            },
          },
          {
            address: 'aws_default_network_acl.main',
            after: {},
            unknown: { id: true, vpc_id: true, default_network_acl_id: true },
            expressions: {
              default_network_acl_id: ref('aws_vpc.main.default_network_acl_id', 'aws_vpc.main'),
            },
          },
          {
            address: 'aws_route.internet',
            after: { destination_cidr_block: '0.0.0.0/0' },
            unknown: { id: true, route_table_id: true, gateway_id: true },
            expressions: {
              route_table_id: ref('aws_vpc.main.main_route_table_id', 'aws_vpc.main'),
              destination_cidr_block: { constant_value: '0.0.0.0/0' },
              gateway_id: { constant_value: 'igw-0123456789abcdef0' },
            },
          },
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_default_route_table.main').props.VpcId).toBe('aws_vpc.main');
    const acl = byId(s, 'aws_default_network_acl.main');
    expect(acl.props.VpcId).toBe('aws_vpc.main');
    expect(acl.observed).toEqual({ IsDefault: true });
    // An unused default ACL is not a finding (Security Hub EC2.16).
    const [finding] = runRules(s, { rules: [aclInUse] }).findings;
    expect(finding?.status).toBe('not_applicable');
    // The route names the main table through the VPC: rules read it from there.
    expect(byId(s, 'aws_route.internet').props.RouteTableId).toEqual(
      unresolved('aws_vpc.main.main_route_table_id', 'known after apply'),
    );
  });

  it('keeps the main route table id a state knows, and the VPC of default resources', () => {
    const s = loadPlan(
      makeState([
        {
          address: 'aws_vpc.main',
          values: {
            id: 'vpc-0a1b2c3d4e5f60718',
            cidr_block: '10.1.0.0/16',
            main_route_table_id: 'rtb-0aaaaaaaaaaaaaaaa',
            default_route_table_id: 'rtb-0aaaaaaaaaaaaaaaa',
            default_security_group_id: 'sg-0cccccccccccccccc',
          },
        },
        {
          address: 'aws_default_network_acl.main',
          values: {
            id: 'acl-0bbbbbbbbbbbbbbbb',
            default_network_acl_id: 'acl-0bbbbbbbbbbbbbbbb',
            vpc_id: 'vpc-0a1b2c3d4e5f60718',
          },
        },
        {
          address: 'aws_route.internet',
          values: {
            route_table_id: 'rtb-0aaaaaaaaaaaaaaaa',
            destination_cidr_block: '0.0.0.0/0',
            gateway_id: 'igw-0123456789abcdef0',
          },
        },
      ]),
    );
    expect(byId(s, 'aws_vpc.main').observed).toEqual({
      MainRouteTableId: 'rtb-0aaaaaaaaaaaaaaaa',
      DefaultSecurityGroupId: 'sg-0cccccccccccccccc',
    });
    expect(byId(s, 'aws_default_network_acl.main').props.VpcId).toBe('aws_vpc.main');
    expect(byId(s, 'aws_route.internet').props.RouteTableId).toBe('rtb-0aaaaaaaaaaaaaaaa');
  });
});

describe('VPC endpoints', () => {
  it('folds route tables associated separately into the endpoint', () => {
    const s = loadPlan(
      makePlan(
        [
          {
            address: 'aws_vpc_endpoint.s3',
            after: {
              vpc_id: 'vpc-0123456789abcdef0',
              service_name: 'com.amazonaws.eu-west-1.s3',
              vpc_endpoint_type: 'Gateway',
            },
            unknown: { id: true, route_table_ids: true },
          },
          {
            address: 'aws_route_table.private',
            after: { vpc_id: 'vpc-0123456789abcdef0' },
            unknown: { id: true },
          },
          {
            address: 'aws_vpc_endpoint_route_table_association.private',
            after: {},
            unknown: { id: true, vpc_endpoint_id: true, route_table_id: true },
            expressions: {
              vpc_endpoint_id: ref('aws_vpc_endpoint.s3.id', 'aws_vpc_endpoint.s3'),
              route_table_id: ref('aws_route_table.private.id', 'aws_route_table.private'),
            },
          },
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_vpc_endpoint.s3').props.RouteTableIds).toEqual(['aws_route_table.private']);
    expect(s.resources.map((r) => r.id)).not.toContain('aws_vpc_endpoint_route_table_association.private');
  });
});
