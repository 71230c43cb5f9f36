import { compact, obj, parseArn, str, stringList, type Json } from '../values.js';
import { requireId, type Mapper } from './common.js';
import { documentProp } from './vpc.js';

/** A search domain's type, props and observed facts, as both this mapper and the live collector give them. */
export interface SearchDomainShape {
  type: 'AWS::Elasticsearch::Domain' | 'AWS::OpenSearchService::Domain';
  props: Json;
  observed: Json;
}

/**
 * One `DomainStatus` (`es describe-elasticsearch-domains`, `opensearch describe-domains`) in
 * CloudFormation's shape, told apart by `ElasticsearchVersion` / `EngineVersion`. The nested option
 * objects have the same shape in the API and in CloudFormation and are copied; `accessPolicies` is the
 * domain's access policy as the caller parsed it from its JSON string. The live collector
 * (`opensearch/domains`) maps its answers here too, so saved and live output give the same domain.
 */
export function searchDomainShape(v: Json, name: string, accessPolicies: unknown): SearchDomainShape {
  const legacy = v.ElasticsearchVersion !== undefined;
  const vpc = obj(v.VPCOptions);
  const security = obj(v.AdvancedSecurityOptions);
  return {
    type: legacy ? 'AWS::Elasticsearch::Domain' : 'AWS::OpenSearchService::Domain',
    props: compact({
      DomainName: name,
      ElasticsearchVersion: legacy ? str(v.ElasticsearchVersion) : undefined,
      EngineVersion: legacy ? undefined : str(v.EngineVersion),
      ElasticsearchClusterConfig: legacy ? obj(v.ElasticsearchClusterConfig) : undefined,
      ClusterConfig: legacy ? undefined : obj(v.ClusterConfig),
      EBSOptions: obj(v.EBSOptions),
      AccessPolicies: accessPolicies,
      AdvancedOptions: obj(v.AdvancedOptions),
      SnapshotOptions: obj(v.SnapshotOptions),
      VPCOptions: vpc
        ? compact({
            SecurityGroupIds: stringList(vpc.SecurityGroupIds),
            SubnetIds: stringList(vpc.SubnetIds),
          })
        : undefined,
      CognitoOptions: obj(v.CognitoOptions),
      EncryptionAtRestOptions: obj(v.EncryptionAtRestOptions),
      NodeToNodeEncryptionOptions: obj(v.NodeToNodeEncryptionOptions),
      DomainEndpointOptions: obj(v.DomainEndpointOptions),
      AdvancedSecurityOptions: security
        ? compact({
            Enabled: security.Enabled,
            InternalUserDatabaseEnabled: security.InternalUserDatabaseEnabled,
            AnonymousAuthEnabled: security.AnonymousAuthEnabled,
          })
        : undefined,
      LogPublishingOptions: obj(v.LogPublishingOptions),
      IPAddressType: str(v.IPAddressType),
    }),
    observed: compact({
      DomainId: str(v.DomainId),
      Created: v.Created,
      Deleted: v.Deleted,
      Processing: v.Processing,
      Endpoint: str(v.Endpoint),
      Endpoints: obj(v.Endpoints),
      VpcId: str(vpc?.VPCId),
      AvailabilityZones: stringList(vpc?.AvailabilityZones),
    }),
  };
}

/**
 * `es describe-elasticsearch-domains` → `AWS::Elasticsearch::Domain`; `opensearch describe-domains`
 * → `AWS::OpenSearchService::Domain` (see {@link searchDomainShape}). `AccessPolicies` is parsed from
 * its JSON string. Id = domain name. Domains being deleted are left out.
 */
export const mapSearchDomains: Mapper = (input, builder) => {
  for (const item of input.items('DomainStatusList')) {
    const v = item.value;
    // `Deleted: true`: the domain "has been deleted and is in the process of being removed"; like
    // a terminated instance, it is no longer something to fix (the live collector drops it too).
    // https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainStatus.html
    if (v.Deleted === true) continue;
    const name = requireId(builder, item, 'DomainName', 'search domain');
    if (!name) continue;
    const arn = str(v.ARN);
    const parts = parseArn(arn);
    const policy = documentProp(builder, item, v.AccessPolicies, `access policy of ${name}`);
    const { type, props, observed } = searchDomainShape(v, name, policy);
    builder.add({
      type,
      id: name,
      item,
      arn,
      name,
      owner: parts?.account || undefined,
      region: parts?.region || undefined,
      props,
      observed,
    });
  }
};
