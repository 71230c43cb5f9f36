import { ListSubscriptionsCommand } from '@aws-sdk/client-sns';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { str } from '../helpers.js';

const SUBSCRIPTION = 'AWS::SNS::Subscription';

/** What a subscription's ARN is until its endpoint confirms it. */
const PENDING = 'PendingConfirmation';

const REDACTED = '********';

/**
 * Protocols whose endpoint is kept as it is: an ARN (queue, function, delivery stream, mobile
 * platform endpoint), an e-mail address or a phone number. These say who or what is told, which
 * is what the rounds check (an alarm that mails a departed engineer); none is a credential.
 * https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
 */
const KEPT = new Set(['email', 'email-json', 'sms', 'sqs', 'lambda', 'firehose', 'application']);

/**
 * The endpoint as kept. An HTTP(S) endpoint is often a webhook whose secret is in the URL: in the
 * query (`?apiKey=`), the path (chat and paging webhooks put their token there) or the user
 * information. Only its scheme, host and port are kept, and the rest becomes `********`; a URL that
 * cannot be parsed, and an endpoint of a protocol not known here, are replaced whole.
 */
export function keptEndpoint(protocol: unknown, endpoint: unknown): unknown {
  if (typeof endpoint !== 'string' || endpoint === '') return endpoint;
  if (typeof protocol === 'string' && KEPT.has(protocol)) return endpoint;
  if (protocol !== 'http' && protocol !== 'https') return REDACTED;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return REDACTED;
  }
  const origin = `${url.protocol}//${url.host}`;
  const bare = !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  return bare ? `${origin}/` : `${origin}/${REDACTED}`;
}

/** Removes secrets from a listed subscription's endpoint before anything keeps it. */
export function redactSubscription(subscription: Json): Json {
  if (subscription.Endpoint === undefined) return subscription;
  return { ...subscription, Endpoint: keptEndpoint(subscription.Protocol, subscription.Endpoint) };
}

/**
 * `sns list-subscriptions` (one listing for the region) → `AWS::SNS::Subscription` with
 * CloudFormation's `TopicArn`, `Protocol` and `Endpoint` (see {@link keptEndpoint}), the owning
 * account in `observed.Owner`.
 *
 * A subscription whose endpoint has not confirmed it yet has no ARN: the listing gives
 * `PendingConfirmation` in its place, and SNS deletes it unconfirmed after 48 hours. It delivers
 * nothing, so it is kept with `observed.PendingConfirmation: true` (confirmed ones have `false`),
 * and an id made of its topic, protocol and endpoint. Any other word in place of the ARN (the
 * console shows `Deleted` while an unsubscription completes) is no subscription and is left out.
 * https://docs.aws.amazon.com/sns/latest/api/API_Subscription.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-delete-subscription-topic.html
 *
 * ListSubscriptions lists the requester's subscriptions, so a topic's subscribers owned by other
 * accounts may be missing; the topic's own counts (`sns/topics`) are the complete answer.
 */
export const subscriptions: Collector = {
  id: 'sns/subscriptions',
  service: 'sns',
  resourceTypes: [SUBSCRIPTION],
  list: [
    {
      command: ListSubscriptionsCommand,
      action: 'sns:ListSubscriptions',
      items: ['Subscriptions'],
      // Up to 100 subscriptions a call, no page size to ask for: NextToken alone pages.
      // https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptions.html
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken' },
    },
  ],
  redact: redactSubscription,
  mapping: {
    kind: 'resources',
    map: (data) => {
      const out: ResourceDraft[] = [];
      const ids = new Set<string>();
      for (const s of data.items.Subscriptions ?? []) {
        const arn = str(s.SubscriptionArn);
        const topic = str(s.TopicArn);
        if (!arn || !topic) continue;
        const pending = arn === PENDING;
        if (!pending && !arn.startsWith('arn:')) continue;
        const protocol = str(s.Protocol);
        const endpoint = str(s.Endpoint);
        const described = `${protocol ?? '?'}:${endpoint ?? '?'}`;
        let id = pending ? `${topic}/${PENDING}/${described}` : arn;
        // Two pending subscriptions whose endpoints differ only in what was redacted.
        for (let n = 2; ids.has(id); n++) id = `${topic}/${PENDING}/${described}#${n}`;
        ids.add(id);
        out.push({
          type: SUBSCRIPTION,
          id,
          ...(pending ? {} : { arn }),
          name: `${protocol ?? '?'} ${endpoint ?? '?'}`,
          props: { TopicArn: topic, Protocol: protocol, Endpoint: endpoint },
          observed: { PendingConfirmation: pending, Owner: str(s.Owner) },
        });
      }
      return out;
    },
  },
};
