import { DescribeDeliveriesCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';

const DELIVERY = 'AWS::Logs::Delivery';

/** Tags as the API gives them, a map of strings; anything else is dropped. */
function tagMap(value: unknown): Record<string, string> | undefined {
  if (!isJson(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * `logs describe-deliveries` → `AWS::Logs::Delivery` (id = the delivery id, unique in the account)
 * with CloudFormation's `DeliverySourceName`, `DeliveryDestinationArn`, `RecordFields`,
 * `FieldDelimiter` and the API's `s3DeliveryConfiguration` flattened into `S3SuffixPath` and
 * `S3EnableHiveCompatiblePath`, as the template declares them; the destination type, which
 * CloudFormation returns only through `Fn::GetAtt`, in `observed.DeliveryDestinationType`.
 *
 * A delivery pairs one delivery source with one destination: a source without a delivery sends
 * nothing, so the rules that accept a delivery source (CloudFront standard logging v2) look for the
 * delivery that names it.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeDeliveries.html
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_Delivery.html
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateDelivery.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-delivery.html
 *
 * A delivery lives in the region of its source, so CloudFront's are in us-east-1 with their sources.
 */
export const deliveries: Collector = {
  id: 'logs/deliveries',
  service: 'logs',
  resourceTypes: [DELIVERY],
  list: [
    {
      command: DescribeDeliveriesCommand,
      action: 'logs:DescribeDeliveries',
      items: ['deliveries'],
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['limit', 50] },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.deliveries ?? []).flatMap((delivery): ResourceDraft[] => {
        const id = str(delivery.id);
        if (!id) return [];
        const s3 = isJson(delivery.s3DeliveryConfiguration) ? delivery.s3DeliveryConfiguration : {};
        const fields = Array.isArray(delivery.recordFields)
          ? delivery.recordFields.filter((f): f is string => typeof f === 'string')
          : [];
        const props: Json = {
          DeliverySourceName: str(delivery.deliverySourceName),
          DeliveryDestinationArn: str(delivery.deliveryDestinationArn),
          RecordFields: fields.length > 0 ? fields : undefined,
          // An empty delimiter is a setting (fields written side by side), not an absent one.
          FieldDelimiter: typeof delivery.fieldDelimiter === 'string' ? delivery.fieldDelimiter : undefined,
          S3SuffixPath: str(s3.suffixPath),
          S3EnableHiveCompatiblePath:
            typeof s3.enableHiveCompatiblePath === 'boolean' ? s3.enableHiveCompatiblePath : undefined,
        };
        return [
          {
            type: DELIVERY,
            id,
            arn: str(delivery.arn),
            tags: tagMap(delivery.tags),
            props,
            observed: { DeliveryDestinationType: str(delivery.deliveryDestinationType) },
          },
        ];
      }),
  },
};
