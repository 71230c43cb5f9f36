import { DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import { ec2Collector } from './common.js';

/** `ec2 describe-route-tables` → 'AWS::EC2::RouteTable'. */
export const routeTables = ec2Collector({
  id: 'ec2/route-tables',
  resourceTypes: ['AWS::EC2::RouteTable'],
  command: DescribeRouteTablesCommand,
  items: 'RouteTables',
  pageSize: 100,
});
