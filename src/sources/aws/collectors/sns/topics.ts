import { GetTopicAttributesCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, flag, policyDocument, str } from '../helpers.js';

const TOPIC = 'AWS::SNS::Topic';

/** `arn:aws:sns:<region>:<account>:<name>` → `<name>`. */
function topicName(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

/** A count attribute (`"2"`) as a number. */
function count(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A JSON attribute (`Policy`, `ArchivePolicy`) as a document; absent when the topic has none. */
function document(value: unknown): unknown {
  return str(value) === undefined ? undefined : policyDocument(value);
}

/**
 * GetTopicAttributes under CloudFormation's property names: the access policy as the topic's
 * `PolicyDocument` (where `AWS::SNS::TopicPolicy` folds), `KmsMasterKeyId` only when encryption is
 * on (SNS does not encrypt topics by default, and the attribute is absent or empty without a key),
 * the FIFO settings, `SignatureVersion` and `TracingConfig`. The subscription counts are run-time
 * facts in `observed`; they count every subscription of the topic, whichever account owns it.
 * https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
 */
function readable(arn: string, attributes: Json): ResourceDraft {
  const name = topicName(arn);
  return {
    type: TOPIC,
    id: arn,
    arn,
    name,
    props: {
      TopicName: name,
      DisplayName: str(attributes.DisplayName),
      KmsMasterKeyId: str(attributes.KmsMasterKeyId),
      PolicyDocument: document(attributes.Policy),
      FifoTopic: flag(attributes.FifoTopic),
      ContentBasedDeduplication: flag(attributes.ContentBasedDeduplication),
      FifoThroughputScope: str(attributes.FifoThroughputScope),
      ArchivePolicy: document(attributes.ArchivePolicy),
      SignatureVersion: str(attributes.SignatureVersion),
      TracingConfig: str(attributes.TracingConfig),
    },
    observed: {
      SubscriptionsConfirmed: count(attributes.SubscriptionsConfirmed),
      SubscriptionsPending: count(attributes.SubscriptionsPending),
      SubscriptionsDeleted: count(attributes.SubscriptionsDeleted),
    },
  };
}

/**
 * A topic whose GetTopicAttributes failed (the runner records the gap): the listing gives only its
 * ARN. Its name, and so whether it is a FIFO topic (a FIFO topic's name must end in `.fifo`), are
 * known; every attribute is unresolved, never absent, because absent means "not set" (no
 * encryption, no access policy, no subscribers), so the rules reading them give `error`.
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 */
function unreadable(arn: string): ResourceDraft {
  const name = topicName(arn);
  const unknown = unresolved(
    `sns get-topic-attributes --topic-arn ${arn}`,
    'the attributes of this topic could not be read',
  );
  const fifo = name.endsWith('.fifo');
  const props: Json = {
    TopicName: name,
    DisplayName: unknown,
    KmsMasterKeyId: unknown,
    PolicyDocument: unknown,
    SignatureVersion: unknown,
    TracingConfig: unknown,
  };
  if (fifo) {
    props.FifoTopic = true;
    props.ContentBasedDeduplication = unknown;
    props.FifoThroughputScope = unknown;
    props.ArchivePolicy = unknown;
  }
  return {
    type: TOPIC,
    id: arn,
    arn,
    name,
    props,
    observed: { SubscriptionsConfirmed: unknown, SubscriptionsPending: unknown },
  };
}

/**
 * `sns list-topics` + per topic `get-topic-attributes` → `AWS::SNS::Topic` (id = ARN, as `Ref`
 * gives it) with CloudFormation's properties and the policy as `PolicyDocument`; the confirmed,
 * pending and deleted subscription counts in `observed`. The subscriptions themselves come from
 * `sns/subscriptions`. A topic deleted between the listing and its attributes call (`NotFound`)
 * is left out; one whose attributes could not be read has them unresolved.
 */
export const topics: Collector = {
  id: 'sns/topics',
  service: 'sns',
  resourceTypes: [TOPIC],
  list: [
    {
      command: ListTopicsCommand,
      action: 'sns:ListTopics',
      items: ['Topics'],
      // Up to 100 topics a call, no page size to ask for: NextToken alone pages.
      // https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
    },
  ],
  details: [
    {
      name: 'attributes',
      command: GetTopicAttributesCommand,
      action: 'sns:GetTopicAttributes',
      // "NotFound: Indicates that the requested resource does not exist" (HTTP 404).
      // https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html#API_GetTopicAttributes_Errors
      notConfigured: ['NotFound'],
      input: (t) => (typeof t.TopicArn === 'string' ? { TopicArn: t.TopicArn } : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Topics ?? []).flatMap((t): ResourceDraft[] => {
        const arn = str(t.TopicArn);
        if (!arn) return [];
        const answer = detailOf(t, 'attributes');
        // Deleted since it was listed.
        if (answer === null) return [];
        return [isJson(answer?.Attributes) ? readable(arn, answer.Attributes) : unreadable(arn)];
      }),
  },
};
