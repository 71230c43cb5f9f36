import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { Collector, ResourceDraft } from '../../collector.js';
import { str } from '../helpers.js';

/**
 * `cloudwatch describe-alarms` → `AWS::CloudWatch::Alarm` and `AWS::CloudWatch::CompositeAlarm`
 * (id = name); `StateValue`, `StateReason`, `StateUpdatedTimestamp` in `observed`.
 */
export const alarms: Collector = {
  id: 'cloudwatch/alarms',
  service: 'cloudwatch',
  resourceTypes: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
  list: [
    {
      command: DescribeAlarmsCommand,
      action: 'cloudwatch:DescribeAlarms',
      input: () => ({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
      items: ['MetricAlarms', 'CompositeAlarms'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxRecords', 100] },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) => {
      const out: ResourceDraft[] = [];
      const observedOf = (a: Record<string, unknown>) => ({
        StateValue: a.StateValue,
        StateReason: a.StateReason,
        StateUpdatedTimestamp: a.StateUpdatedTimestamp,
      });
      for (const a of data.items.MetricAlarms ?? []) {
        const name = str(a.AlarmName);
        if (!name) continue;
        out.push({
          type: 'AWS::CloudWatch::Alarm',
          id: name,
          arn: str(a.AlarmArn),
          name,
          props: {
            AlarmName: name,
            AlarmDescription: a.AlarmDescription,
            Namespace: a.Namespace,
            MetricName: a.MetricName,
            Dimensions: a.Dimensions,
            Statistic: a.Statistic,
            ExtendedStatistic: a.ExtendedStatistic,
            Period: a.Period,
            EvaluationPeriods: a.EvaluationPeriods,
            DatapointsToAlarm: a.DatapointsToAlarm,
            Threshold: a.Threshold,
            ComparisonOperator: a.ComparisonOperator,
            TreatMissingData: a.TreatMissingData,
            ActionsEnabled: a.ActionsEnabled,
            AlarmActions: a.AlarmActions,
            OKActions: a.OKActions,
            InsufficientDataActions: a.InsufficientDataActions,
            Metrics: a.Metrics,
          },
          observed: observedOf(a),
        });
      }
      for (const a of data.items.CompositeAlarms ?? []) {
        const name = str(a.AlarmName);
        if (!name) continue;
        out.push({
          type: 'AWS::CloudWatch::CompositeAlarm',
          id: name,
          arn: str(a.AlarmArn),
          name,
          props: {
            AlarmName: name,
            AlarmRule: a.AlarmRule,
            ActionsEnabled: a.ActionsEnabled,
            AlarmActions: a.AlarmActions,
            OKActions: a.OKActions,
          },
          observed: observedOf(a),
        });
      }
      return out;
    },
  },
};
