import { compact, obj, parseArn, str, stringList } from '../values.js';
import { requireId, type Mapper } from './common.js';
import { documentProp } from './vpc.js';

/**
 * `es describe-elasticsearch-domains` → `AWS::Elasticsearch::Domain`; `opensearch describe-domains`
 * → `AWS::OpenSearchService::Domain` (told apart by `ElasticsearchVersion` / `EngineVersion`).
 * The nested option objects have the same shape in the API and in CloudFormation and are copied;
 * `AccessPolicies` is parsed from its JSON string. Id = domain name.
 */
export const mapSearchDomains: Mapper = (input, builder) => {
  for (const item of input.items('DomainStatusList')) {
    const v = item.value;
    const name = requireId(builder, item, 'DomainName', 'search domain');
    if (!name) continue;
    const arn = str(v.ARN);
    const parts = parseArn(arn);
    const legacy = v.ElasticsearchVersion !== undefined;
    const vpc = obj(v.VPCOptions);
    const security = obj(v.AdvancedSecurityOptions);
    builder.add({
      type: legacy ? 'AWS::Elasticsearch::Domain' : 'AWS::OpenSearchService::Domain',
      id: name,
      item,
      arn,
      name,
      owner: parts?.account || undefined,
      region: parts?.region || undefined,
      props: compact({
        DomainName: name,
        ElasticsearchVersion: legacy ? str(v.ElasticsearchVersion) : undefined,
        EngineVersion: legacy ? undefined : str(v.EngineVersion),
        ElasticsearchClusterConfig: legacy ? obj(v.ElasticsearchClusterConfig) : undefined,
        ClusterConfig: legacy ? undefined : obj(v.ClusterConfig),
        EBSOptions: obj(v.EBSOptions),
        AccessPolicies: documentProp(builder, item, v.AccessPolicies, `access policy of ${name}`),
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
    });
  }
};
