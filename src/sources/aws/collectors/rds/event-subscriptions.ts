import { DescribeEventSubscriptionsCommand } from '@aws-sdk/client-rds';
import type { Collector } from '../../collector.js';
import { str } from '../helpers.js';

const TYPE = 'AWS::RDS::EventSubscription';

/** A list of strings, absent when the API sent none or an empty list (CloudFormation's "all"). */
function list(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.filter((v): v is string => typeof v === 'string');
  return out.length > 0 ? out : undefined;
}

/**
 * `rds describe-event-subscriptions` → `AWS::RDS::EventSubscription` (id = the subscription name, as
 * the CloudFormation resource's `Ref`), props in CloudFormation's shape: `SubscriptionName`,
 * `SnsTopicArn`, `SourceType`, `SourceIds`, `EventCategories`, `Enabled`. An absent `SourceType`
 * means every source type, absent `SourceIds` every source of the type, absent `EventCategories`
 * every category, as in a template that leaves them out.
 * `observed.Status` (`active`, `no-permission`: RDS can no longer publish to the topic,
 * `topic-not-exist`, ...) and `SubscriptionCreationTime`.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_EventSubscription.html
 */
export const eventSubscriptions: Collector = {
  id: 'rds/event-subscriptions',
  service: 'rds',
  resourceTypes: [TYPE],
  list: [
    {
      command: DescribeEventSubscriptionsCommand,
      action: 'rds:DescribeEventSubscriptions',
      items: ['EventSubscriptionsList'],
      paginate: { inputToken: 'Marker', outputToken: 'Marker', pageSize: ['MaxRecords', 100] },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.EventSubscriptionsList ?? []).flatMap((s) => {
        const name = str(s.CustSubscriptionId);
        if (!name) return [];
        const props: Record<string, unknown> = { SubscriptionName: name, SnsTopicArn: s.SnsTopicArn };
        const sourceType = str(s.SourceType);
        if (sourceType) props.SourceType = sourceType;
        const sourceIds = list(s.SourceIdsList);
        if (sourceIds) props.SourceIds = sourceIds;
        const categories = list(s.EventCategoriesList);
        if (categories) props.EventCategories = categories;
        if (typeof s.Enabled === 'boolean') props.Enabled = s.Enabled;
        return [
          {
            type: TYPE,
            id: name,
            arn: str(s.EventSubscriptionArn),
            name,
            props,
            observed: { Status: s.Status, SubscriptionCreationTime: s.SubscriptionCreationTime },
          },
        ];
      }),
  },
};
