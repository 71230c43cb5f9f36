import { DescribeDomainsCommand, ListDomainNamesCommand } from '@aws-sdk/client-opensearch';
import { unresolved } from '../../../../model/index.js';
import { searchDomainShape } from '../../../describe-json/mappers/search.js';
import { policyDocument } from '../../../describe-json/values.js';
import type { ApiCall, Collector, Json, ResourceDraft } from '../../collector.js';
import { gapKindOf } from '../../errors.js';
import { isJson } from '../../json.js';
import { CallFailed } from '../../runner.js';
import { str } from '../helpers.js';

const DOMAIN = 'AWS::OpenSearchService::Domain';

/**
 * DescribeDomains takes at most five names a call ("Reads the current status of up to five
 * domains"); more is a ValidationException.
 * https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DescribeDomains.html
 */
const DOMAINS_PER_CALL = 5;

const DESCRIBE_DOMAINS: ApiCall = { command: DescribeDomainsCommand, action: 'es:DescribeDomains' };

/** The items key of the domains whose DescribeDomains call failed (the runner's gap names each). */
const UNREAD = 'DomainsNotDescribed';

/** Every option object the OpenSearch rules read, and the rest of what DescribeDomains gives. */
const DESCRIBED_PROPS = [
  'EngineVersion',
  'ClusterConfig',
  'EBSOptions',
  'AccessPolicies',
  'AdvancedOptions',
  'SnapshotOptions',
  'VPCOptions',
  'CognitoOptions',
  'EncryptionAtRestOptions',
  'NodeToNodeEncryptionOptions',
  'DomainEndpointOptions',
  'AdvancedSecurityOptions',
  'LogPublishingOptions',
  'IPAddressType',
] as const;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The access policy, a JSON string in the API, as a document; one that does not parse is unknown. */
function accessPolicies(name: string, value: unknown): unknown {
  const parsed = policyDocument(value);
  if (!parsed) return undefined;
  if ('document' in parsed) return parsed.document;
  return unresolved(value, `the access policy of ${name} is not a JSON document: ${parsed.error}`);
}

function described(status: Json): ResourceDraft[] {
  const name = str(status.DomainName);
  // `Deleted: true`: "the domain has been deleted and is in the process of being removed"; like a
  // domain deleted since the listing, it is left out rather than judged.
  // https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainStatus.html
  if (!name || status.Deleted === true) return [];
  const { type, props, observed } = searchDomainShape(
    status,
    name,
    accessPolicies(name, status.AccessPolicies),
  );
  return [{ type, id: name, arn: str(status.ARN), name, props, observed }];
}

/**
 * A listed domain whose DescribeDomains call failed: its name is known, and every setting is
 * unresolved, never absent (absent means "off" to the rules: no encryption, a public endpoint), so
 * the rules give `error` for it.
 */
function unread(listed: Json): ResourceDraft[] {
  const name = str(listed.DomainName);
  if (!name) return [];
  const unknown = unresolved(
    `opensearch describe-domains --domain-names ${name}`,
    'the configuration of this domain could not be read',
  );
  const props: Json = { DomainName: name };
  for (const key of DESCRIBED_PROPS) props[key] = unknown;
  return [{ type: DOMAIN, id: name, name, props, observed: { EngineType: str(listed.EngineType) } }];
}

/**
 * `opensearch list-domain-names`, then `describe-domains` for up to five names a call →
 * `AWS::OpenSearchService::Domain` (id = domain name, as `Ref` gives it) in CloudFormation's shape
 * (`EncryptionAtRestOptions`, `NodeToNodeEncryptionOptions`, `DomainEndpointOptions` with
 * `EnforceHTTPS` and `TLSSecurityPolicy`, `AdvancedSecurityOptions`, `VPCOptions`,
 * `LogPublishingOptions`, the access policy parsed), mapped by the describe-JSON source's
 * `searchDomainShape`, so saved `describe-domains` output gives the same domain. The OpenSearch API
 * lists Elasticsearch domains too (`EngineVersion` `Elasticsearch_7.10`); they are
 * `AWS::OpenSearchService::Domain` resources like the others. When a DescribeDomains call fails,
 * each domain it named is a gap naming the domain and a resource whose settings are unresolved; a
 * listed domain the answer leaves out was deleted in between and is left out, as is one the answer
 * marks `Deleted` (being deleted). Tags
 * (`ListTags` per domain) are not read.
 * https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_ListDomainNames.html
 * https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainStatus.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-opensearchservice-domain.html
 */
export const domains: Collector = {
  id: 'opensearch/domains',
  service: 'opensearch',
  resourceTypes: [DOMAIN],
  list: [
    {
      command: ListDomainNamesCommand,
      action: 'es:ListDomainNames',
      // One answer with every domain of the region: the call has no paging.
      items: ['DomainNames'],
    },
  ],
  extra: [DESCRIBE_DOMAINS],
  // Batches of names: a shape the per-item detail calls have no form for.
  custom: async (api, data) => {
    const { account, region } = api.ctx;
    const names = [...new Set((data.items.DomainNames ?? []).flatMap((d) => str(d.DomainName) ?? []))];
    data.items.DomainStatusList = [];
    data.items[UNREAD] = [];
    await Promise.all(
      chunks(names, DOMAINS_PER_CALL).map(async (batch) => {
        try {
          const out = await api.call(DESCRIBE_DOMAINS, { DomainNames: batch });
          const list = Array.isArray(out?.DomainStatusList) ? out.DomainStatusList.filter(isJson) : [];
          data.items.DomainStatusList!.push(...list);
        } catch (error) {
          if (!(error instanceof CallFailed)) throw error;
          // One call for up to five domains: a policy that denies one of them denies the call.
          for (const name of batch) {
            api.gap({
              kind: gapKindOf(error.error),
              message: `${DOMAIN} ${name} in ${account} ${region}: ${error.call.action} failed with ${error.error.code}: ${error.error.message}; the settings it reads are unknown`,
              resourceType: DOMAIN,
              resourceId: name,
            });
            data.items[UNREAD]!.push({ DomainName: name });
          }
        }
      }),
    );
  },
  mapping: {
    kind: 'resources',
    map: (data) => {
      const failed = new Set((data.items[UNREAD] ?? []).map((d) => d.DomainName));
      return [
        ...(data.items.DomainStatusList ?? []).flatMap(described),
        ...(data.items.DomainNames ?? []).filter((d) => failed.has(d.DomainName)).flatMap(unread),
      ];
    },
  },
};
