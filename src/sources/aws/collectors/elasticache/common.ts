import type { Json, ListCall } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { str } from '../helpers.js';

/**
 * ElastiCache's query listings page with `Marker` in and out and take `MaxRecords` between 20 and
 * 100 (default 100).
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReplicationGroups.html
 */
export const ELASTICACHE_PAGES: NonNullable<ListCall['paginate']> = {
  inputToken: 'Marker',
  outputToken: 'Marker',
  pageSize: ['MaxRecords', 100],
};

/** A list of strings, absent when empty. */
export function stringsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.filter((v): v is string => typeof v === 'string' && v !== '');
  return out.length > 0 ? out : undefined;
}

/**
 * The API's `LogDeliveryConfigurations` in CloudFormation's shape: the same fields less the
 * delivery's run-time `Status` and `Message`.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_LogDeliveryConfiguration.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticache-replicationgroup-logdeliveryconfigurationrequest.html
 */
export function logDeliveries(value: unknown): Json[] | undefined {
  const list = objectsOf(value).map((d) => ({
    LogType: str(d.LogType),
    DestinationType: str(d.DestinationType),
    DestinationDetails: isJson(d.DestinationDetails) ? d.DestinationDetails : undefined,
    LogFormat: str(d.LogFormat),
  }));
  return list.length > 0 ? list : undefined;
}
