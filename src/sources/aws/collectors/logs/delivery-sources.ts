import { DescribeDeliverySourcesCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';

const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';

/** A map of strings as the API gives tags and the source configuration; anything else is dropped. */
function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isJson(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * `logs describe-delivery-sources` → `AWS::Logs::DeliverySource` (id = name, unique in the account
 * and region) with CloudFormation's `Name`, `LogType`, `ResourceArn` and
 * `DeliverySourceConfiguration`; the sending service, status and status reason in `observed`.
 *
 * The API answers `resourceArns`, a list ("Currently, only one ARN can be in the array"), where
 * CloudFormation's resource and PutDeliverySource take a single `ResourceArn`. `ResourceArn` is the
 * first ARN, so the resource has the shape a template gives it, and the whole list is kept in
 * `observed.ResourceArns`, so a rule that matches a source to its resource (the CloudFront access
 * logging rule) still finds it should the list ever hold more than one.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeDeliverySources.html
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeliverySource.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-deliverysource.html
 *
 * Sources live in the region they were created in; CloudFront's (standard logging v2, `ACCESS_LOGS`)
 * can only be created in us-east-1, whatever the destination's region, so a distribution (region
 * `global` in the snapshot) finds its source among those of us-east-1.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html#enable-access-logging-api
 */
export const deliverySources: Collector = {
  id: 'logs/delivery-sources',
  service: 'logs',
  resourceTypes: [DELIVERY_SOURCE],
  list: [
    {
      command: DescribeDeliverySourcesCommand,
      action: 'logs:DescribeDeliverySources',
      items: ['deliverySources'],
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['limit', 50] },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.deliverySources ?? []).flatMap((source): ResourceDraft[] => {
        const name = str(source.name);
        if (!name) return [];
        const arns = Array.isArray(source.resourceArns)
          ? source.resourceArns.filter((a): a is string => typeof a === 'string')
          : [];
        const props: Json = {
          Name: name,
          LogType: str(source.logType),
          ResourceArn: arns[0],
          DeliverySourceConfiguration: stringMap(source.deliverySourceConfiguration),
        };
        return [
          {
            type: DELIVERY_SOURCE,
            id: name,
            arn: str(source.arn),
            name,
            tags: stringMap(source.tags),
            props,
            observed: {
              Service: str(source.service),
              ResourceArns: arns.length > 0 ? arns : undefined,
              Status: str(source.status),
              StatusReason: str(source.statusReason),
            },
          },
        ];
      }),
  },
};
