import { GetHealthCheckStatusCommand, ListHealthChecksCommand } from '@aws-sdk/client-route-53';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';

/**
 * Health checks whose status GetHealthCheckStatus reports: not calculated ones ("You can't use
 * GetHealthCheckStatus to get the status of a calculated health check"), nor those that follow a
 * CloudWatch alarm, whose state is the alarm's.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHealthCheckStatus.html
 */
function hasCheckerStatus(check: Json): boolean {
  const type = isJson(check.HealthCheckConfig) ? check.HealthCheckConfig.Type : undefined;
  return type !== 'CALCULATED' && type !== 'CLOUDWATCH_METRIC';
}

/**
 * `route53 list-health-checks` + per check `get-health-check-status` → `AWS::Route53::HealthCheck`
 * (global, id = health check id). The checkers' last reports become `observed.HealthCheckObservations`;
 * when the status call failed (the runner records the gap) they are unresolved, so the check is
 * never called healthy or unhealthy on facts that were not read.
 */
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
  details: [
    {
      name: 'status',
      command: GetHealthCheckStatusCommand,
      action: 'route53:GetHealthCheckStatus',
      input: (h) => (typeof h.Id === 'string' && hasCheckerStatus(h) ? { HealthCheckId: h.Id } : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.HealthChecks ?? []).flatMap((h) => {
        const id = str(h.Id);
        if (!id) return [];
        const status = detailOf(h, 'status');
        let observations: unknown;
        if (isJson(status)) observations = status.HealthCheckObservations ?? [];
        else if (hasCheckerStatus(h)) {
          observations = unresolved(
            `route53 get-health-check-status --health-check-id ${id}`,
            'the status of this health check could not be read',
          );
        }
        return [
          {
            type: 'AWS::Route53::HealthCheck',
            id,
            arn: `arn:${ctx.partition}:route53:::healthcheck/${id}`,
            props: { HealthCheckConfig: h.HealthCheckConfig },
            observed: {
              CloudWatchAlarmConfiguration: h.CloudWatchAlarmConfiguration,
              HealthCheckVersion: h.HealthCheckVersion,
              HealthCheckObservations: observations,
            },
          },
        ];
      }),
  },
};

export const ROUTE53_COLLECTORS: Collector[] = [healthChecks];
