import {
  DescribeTransitGatewayRouteTablesCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
} from '@aws-sdk/client-ec2';
import type { Json } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { ec2Collector, ec2Pages } from './common.js';

const tableId = (item: Json): Json | undefined =>
  typeof item.TransitGatewayRouteTableId === 'string'
    ? { TransitGatewayRouteTableId: item.TransitGatewayRouteTableId }
    : undefined;

/**
 * `ec2 describe-transit-gateway-route-tables` + per table `search-transit-gateway-routes` (every
 * active and blackhole route) and `get-transit-gateway-route-table-propagations`
 * → `AWS::EC2::TransitGatewayRouteTable` with `Routes`, `Associations`, `Propagations` folded.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SearchTransitGatewayRoutes.html
 */
export const transitGatewayRouteTables = ec2Collector({
  id: 'ec2/transit-gateway-route-tables',
  resourceTypes: ['AWS::EC2::TransitGatewayRouteTable'],
  command: DescribeTransitGatewayRouteTablesCommand,
  items: 'TransitGatewayRouteTables',
  pageSize: 1000,
  details: [
    {
      name: 'routes',
      command: SearchTransitGatewayRoutesCommand,
      action: 'ec2:SearchTransitGatewayRoutes',
      input: (item) => {
        const id = tableId(item);
        return (
          id && { ...id, Filters: [{ Name: 'state', Values: ['active', 'blackhole'] }], MaxResults: 1000 }
        );
      },
    },
    {
      name: 'propagations',
      command: GetTransitGatewayRouteTablePropagationsCommand,
      action: 'ec2:GetTransitGatewayRouteTablePropagations',
      input: tableId,
      items: 'TransitGatewayRouteTablePropagations',
      paginate: ec2Pages(1000)!,
    },
  ],
  entries: (data) =>
    (data.items.TransitGatewayRouteTables ?? []).flatMap((item) => {
      const { $detail, ...table } = item;
      const detail = isJson($detail) ? $detail : {};
      const id = table.TransitGatewayRouteTableId;
      const out: Array<[string, Json]> = [['TransitGatewayRouteTables', table]];
      if (isJson(detail.routes)) {
        out.push([
          'TransitGatewayStaticRoutes',
          {
            TransitGatewayRouteTableId: id,
            Routes: objectsOf(detail.routes.Routes),
            AdditionalRoutesAvailable: detail.routes.AdditionalRoutesAvailable === true,
          },
        ]);
      }
      if (isJson(detail.propagations)) {
        out.push([
          'TransitGatewayPropagations',
          {
            TransitGatewayRouteTableId: id,
            TransitGatewayRouteTablePropagations: objectsOf(
              detail.propagations.TransitGatewayRouteTablePropagations,
            ),
          },
        ]);
      }
      return out;
    }),
});
