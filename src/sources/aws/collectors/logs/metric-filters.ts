import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { str } from '../helpers.js';

const METRIC_FILTER = 'AWS::Logs::MetricFilter';

/**
 * One metric transformation in CloudFormation's shape. The API gives the dimensions as a map of
 * dimension name to the field it takes its value from; CloudFormation as a list of `{ Key, Value }`.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-logs-metricfilter-metrictransformation.html
 */
function transformation(t: Json): Json {
  const dimensions = isJson(t.dimensions)
    ? Object.entries(t.dimensions).map(([Key, Value]) => ({ Key, Value }))
    : [];
  return {
    MetricName: str(t.metricName),
    MetricNamespace: str(t.metricNamespace),
    MetricValue: str(t.metricValue),
    DefaultValue: typeof t.defaultValue === 'number' ? t.defaultValue : undefined,
    Dimensions: dimensions.length > 0 ? dimensions : undefined,
    Unit: str(t.unit),
  };
}

/**
 * `logs describe-metric-filters` → `AWS::Logs::MetricFilter` with CloudFormation's `FilterName`,
 * `LogGroupName`, `FilterPattern` and `MetricTransformations`. Without a log group name the call
 * lists every filter of the region, so one paged listing reads them all. A filter's name is unique
 * only within its log group (CloudFormation identifies it by both), so the id is
 * `<log group name>|<filter name>` and the name is the filter's.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeMetricFilters.html
 */
export const metricFilters: Collector = {
  id: 'logs/metric-filters',
  service: 'logs',
  resourceTypes: [METRIC_FILTER],
  list: [
    {
      command: DescribeMetricFiltersCommand,
      action: 'logs:DescribeMetricFilters',
      items: ['metricFilters'],
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['limit', 50] },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.metricFilters ?? []).flatMap((filter): ResourceDraft[] => {
        const name = str(filter.filterName);
        const group = str(filter.logGroupName);
        if (!name || !group) return [];
        return [
          {
            type: METRIC_FILTER,
            id: `${group}|${name}`,
            name,
            props: {
              FilterName: name,
              LogGroupName: group,
              // An empty pattern ("") matches every event: kept as the empty string it is.
              FilterPattern: typeof filter.filterPattern === 'string' ? filter.filterPattern : undefined,
              MetricTransformations: objectsOf(filter.metricTransformations).map(transformation),
              ApplyOnTransformedLogs:
                typeof filter.applyOnTransformedLogs === 'boolean'
                  ? filter.applyOnTransformedLogs
                  : undefined,
              FieldSelectionCriteria: str(filter.fieldSelectionCriteria),
              EmitSystemFieldDimensions: Array.isArray(filter.emitSystemFieldDimensions)
                ? filter.emitSystemFieldDimensions
                : undefined,
            },
            observed: {
              CreationTime:
                typeof filter.creationTime === 'number'
                  ? new Date(filter.creationTime).toISOString()
                  : undefined,
            },
          },
        ];
      }),
  },
};
