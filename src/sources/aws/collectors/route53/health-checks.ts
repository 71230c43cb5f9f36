import { ListHealthChecksCommand } from '@aws-sdk/client-route-53';
import type { Collector } from '../../collector.js';
import { str } from '../helpers.js';

/** `route53 list-health-checks` → `AWS::Route53::HealthCheck` (global, id = health check id). */
export const healthChecks: Collector = {
  id: 'route53/health-checks',
  service: 'route53',
  global: true,
  resourceTypes: ['AWS::Route53::HealthCheck'],
  list: [
    {
      command: ListHealthChecksCommand,
      action: 'route53:ListHealthChecks',
      items: ['HealthChecks'],
      paginate: {
        inputToken: 'Marker',
        outputToken: 'NextMarker',
        moreKey: 'IsTruncated',
        pageSize: ['MaxItems', 1000],
      },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.HealthChecks ?? []).flatMap((h) => {
        const id = str(h.Id);
        if (!id) return [];
        return [
          {
            type: 'AWS::Route53::HealthCheck',
            id,
            arn: `arn:${ctx.partition}:route53:::healthcheck/${id}`,
            props: { HealthCheckConfig: h.HealthCheckConfig },
            observed: {
              CloudWatchAlarmConfiguration: h.CloudWatchAlarmConfiguration,
              HealthCheckVersion: h.HealthCheckVersion,
            },
          },
        ];
      }),
  },
};
