import { GetDomainNamesCommand } from '@aws-sdk/client-api-gateway';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';
import { cfnTags, tagsOf } from '../tags.js';

const DOMAIN_NAME = 'AWS::ApiGateway::DomainName';
const PRIVATE_DOMAIN_NAME = 'AWS::ApiGateway::DomainNameV2';

/** A list of strings, absent when empty. */
function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.filter((v): v is string => typeof v === 'string' && v !== '');
  return out.length > 0 ? out : undefined;
}

function domainName(d: Json): ResourceDraft[] {
  const name = str(d.domainName);
  if (!name) return [];
  const endpoint = isJson(d.endpointConfiguration) ? d.endpointConfiguration : {};
  const mtls = isJson(d.mutualTlsAuthentication) ? d.mutualTlsAuthentication : undefined;
  const tags = tagsOf(d.tags);
  // Only a private custom domain name has an id; CloudFormation declares it as DomainNameV2, whose
  // `Ref` is its ARN (the name and that id).
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-domainnamev2.html
  const id = str(d.domainNameId);
  const arn = str(d.domainNameArn);
  const isPrivate = id !== undefined && arn !== undefined;
  return [
    {
      type: isPrivate ? PRIVATE_DOMAIN_NAME : DOMAIN_NAME,
      id: isPrivate ? arn : name,
      ...(arn ? { arn } : {}),
      name,
      tags,
      props: {
        DomainName: name,
        CertificateArn: str(d.certificateArn),
        RegionalCertificateArn: isPrivate ? undefined : str(d.regionalCertificateArn),
        EndpointConfiguration:
          strings(endpoint.types) || str(endpoint.ipAddressType)
            ? { Types: strings(endpoint.types), IpAddressType: str(endpoint.ipAddressType) }
            : undefined,
        // Absent only where the API sends none; the TLS rule then names API Gateway's old default.
        SecurityPolicy: str(d.securityPolicy),
        MutualTlsAuthentication: mtls
          ? { TruststoreUri: str(mtls.truststoreUri), TruststoreVersion: str(mtls.truststoreVersion) }
          : undefined,
        OwnershipVerificationCertificateArn: str(d.ownershipVerificationCertificateArn),
        RoutingMode: str(d.routingMode),
        Tags: cfnTags(tags),
      },
      observed: {
        DomainNameStatus: str(d.domainNameStatus),
        DomainNameStatusMessage: str(d.domainNameStatusMessage),
        RegionalDomainName: str(d.regionalDomainName),
        DistributionDomainName: str(d.distributionDomainName),
      },
    },
  ];
}

/**
 * `apigateway get-domain-names` → `AWS::ApiGateway::DomainName` (id = the domain name, as `Ref`
 * gives it) with CloudFormation's `DomainName`, `CertificateArn` / `RegionalCertificateArn`,
 * `EndpointConfiguration`, `SecurityPolicy` (`TLS_1_0`, `TLS_1_2` or an enhanced
 * `SecurityPolicy_TLS13_*` policy, which `apigateway-domain-name-tls-1-2-required` reads),
 * `MutualTlsAuthentication` and tags; status and the target domain names in `observed`. A private
 * custom domain name (one with a `domainNameId`) is `AWS::ApiGateway::DomainNameV2` with its ARN as
 * id. The API Gateway v2 view of custom domain names (`AWS::ApiGatewayV2::DomainName`, with its
 * list of configurations) is not read.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetDomainNames.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_DomainName.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-domainname.html
 */
export const domainNames: Collector = {
  id: 'apigateway/domain-names',
  service: 'apigateway',
  resourceTypes: [DOMAIN_NAME, PRIVATE_DOMAIN_NAME],
  list: [
    {
      command: GetDomainNamesCommand,
      action: 'apigateway:GET',
      resources: ['arn:aws:apigateway:*::/domainnames'],
      items: ['items'],
      // At most 500 a page.
      paginate: { inputToken: 'position', outputToken: 'position', pageSize: ['limit', 500] },
    },
  ],
  mapping: { kind: 'resources', map: (data) => (data.items.items ?? []).flatMap(domainName) },
};
