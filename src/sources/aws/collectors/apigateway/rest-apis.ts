import { GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { unresolved } from '../../../../model/index.js';
import { policyDocument } from '../../../describe-json/values.js';
import type { Collector, Json, ResourceDraft, UnitContext } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';
import { detailOf, str } from '../helpers.js';
import { cfnTags, tagsOf } from '../tags.js';

const STAGE = 'AWS::ApiGateway::Stage';
const REST_API = 'AWS::ApiGateway::RestApi';

const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** A list of strings, absent when empty. */
function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.filter((v): v is string => typeof v === 'string' && v !== '');
  return out.length > 0 ? out : undefined;
}

/**
 * The REST API's resource policy. API Gateway returns the JSON text with its quotes (and slashes)
 * backslash-escaped once more (`{\"Version\":\"2012-10-17\",...}`), so a text that does not parse
 * as it is is read again as the contents of a JSON string; one that still does not parse is unknown.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_RestApi.html
 * https://github.com/hashicorp/terraform-provider-aws/pull/4606
 */
export function restApiPolicy(id: string, value: unknown): unknown {
  const direct = policyDocument(value);
  if (!direct || 'document' in direct) return direct?.document;
  if (typeof value === 'string') {
    try {
      const unescaped = policyDocument(JSON.parse(`"${value}"`) as unknown);
      if (unescaped && 'document' in unescaped) return unescaped.document;
    } catch {
      // Not escaped JSON either: reported below.
    }
  }
  return unresolved(value, `the resource policy of REST API ${id} is not a JSON document: ${direct.error}`);
}

/** The API's `endpointConfiguration` as CloudFormation's `EndpointConfiguration`. */
function endpointConfiguration(value: unknown): Json | undefined {
  if (!isJson(value)) return undefined;
  const out: Json = {
    Types: strings(value.types),
    IpAddressType: str(value.ipAddressType),
    VpcEndpointIds: strings(value.vpcEndpointIds),
  };
  return Object.values(out).some((v) => v !== undefined) ? out : undefined;
}

/**
 * A `methodSettings` key as CloudFormation's `ResourcePath` and `HttpMethod`. The key is
 * `<resource path>/<method>` with the path's slashes written `~1` (`~1orders~1{id}/GET`), or `*\/*`
 * for every method of the stage; CloudFormation writes the path with a leading slash
 * (`/~1orders~1{id}`), `/*` for every resource and `/` for the root resource.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html
 */
export function methodKey(key: string): { ResourcePath: string; HttpMethod: string } | undefined {
  const slash = key.lastIndexOf('/');
  if (slash <= 0 || slash === key.length - 1) return undefined;
  const path = key.slice(0, slash);
  return { ResourcePath: path === '~1' ? '/' : `/${path}`, HttpMethod: key.slice(slash + 1) };
}

/** The stage's `methodSettings` map as CloudFormation's `MethodSettings` list. */
function methodSettings(value: unknown): Json[] | undefined {
  if (!isJson(value)) return undefined;
  const out: Json[] = [];
  for (const [key, s] of Object.entries(value)) {
    const where = methodKey(key);
    if (!where || !isJson(s)) continue;
    out.push({
      ...where,
      LoggingLevel: str(s.loggingLevel),
      MetricsEnabled: bool(s.metricsEnabled),
      DataTraceEnabled: bool(s.dataTraceEnabled),
      ThrottlingBurstLimit: num(s.throttlingBurstLimit),
      ThrottlingRateLimit: num(s.throttlingRateLimit),
      CachingEnabled: bool(s.cachingEnabled),
      CacheTtlInSeconds: num(s.cacheTtlInSeconds),
      CacheDataEncrypted: bool(s.cacheDataEncrypted),
    });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Stage variables are free text that often carries an integration's key or password, and a canary's
 * variable overrides the same; neither is kept.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html
 */
function redactStages(output: Json): Json {
  const item = objectsOf(output.item).map((stage) => {
    const { variables: _variables, ...rest } = stage;
    if (!isJson(rest.canarySettings)) return rest;
    const { stageVariableOverrides: _overrides, ...canary } = rest.canarySettings;
    return { ...rest, canarySettings: canary };
  });
  return { ...output, item };
}

function stage(api: Json, s: Json, ctx: UnitContext): ResourceDraft[] {
  const apiId = str(api.id);
  const name = str(s.stageName);
  if (!apiId || !name) return [];
  const log = isJson(s.accessLogSettings) ? s.accessLogSettings : undefined;
  const canary = isJson(s.canarySettings) ? s.canarySettings : undefined;
  const tags = tagsOf(s.tags);
  return [
    {
      type: STAGE,
      // `Ref` gives the stage name, which only the API makes unique.
      id: `${apiId}|${name}`,
      arn: `arn:${ctx.partition}:apigateway:${ctx.region}::/restapis/${apiId}/stages/${name}`,
      name: `${str(api.name) ?? apiId}/${name}`,
      tags,
      props: {
        RestApiId: apiId,
        StageName: name,
        DeploymentId: str(s.deploymentId),
        Description: str(s.description),
        CacheClusterEnabled: bool(s.cacheClusterEnabled),
        CacheClusterSize: str(s.cacheClusterSize),
        ClientCertificateId: str(s.clientCertificateId),
        DocumentationVersion: str(s.documentationVersion),
        TracingEnabled: bool(s.tracingEnabled),
        AccessLogSetting:
          log && (str(log.destinationArn) || str(log.format))
            ? { DestinationArn: str(log.destinationArn), Format: str(log.format) }
            : undefined,
        CanarySetting: canary
          ? {
              DeploymentId: str(canary.deploymentId),
              PercentTraffic: num(canary.percentTraffic),
              UseStageCache: bool(canary.useStageCache),
            }
          : undefined,
        MethodSettings: methodSettings(s.methodSettings),
        Tags: cfnTags(tags),
      },
      observed: {
        // The web ACL (AWS WAF, or WAF Classic regional) associated with the stage, as the stage
        // itself reports it: the association a template declares as AWS::WAFv2::WebACLAssociation.
        WebAclArn: str(s.webAclArn),
        CacheClusterStatus: str(s.cacheClusterStatus),
        CreatedDate: s.createdDate,
        LastUpdatedDate: s.lastUpdatedDate,
      },
    },
  ];
}

function restApi(api: Json): ResourceDraft[] {
  const id = str(api.id);
  if (!id) return [];
  const tags = tagsOf(api.tags);
  return [
    {
      type: REST_API,
      id,
      name: str(api.name),
      tags,
      props: {
        Name: str(api.name),
        Description: str(api.description),
        EndpointConfiguration: endpointConfiguration(api.endpointConfiguration),
        Policy: restApiPolicy(id, api.policy),
        ApiKeySourceType: str(api.apiKeySource),
        BinaryMediaTypes: strings(api.binaryMediaTypes),
        MinimumCompressionSize: num(api.minimumCompressionSize),
        DisableExecuteApiEndpoint: bool(api.disableExecuteApiEndpoint),
        Tags: cfnTags(tags),
      },
      observed: { CreatedDate: api.createdDate, RootResourceId: str(api.rootResourceId) },
    },
  ];
}

/**
 * `apigateway get-rest-apis` + per API `get-stages` → `AWS::ApiGateway::RestApi` (id = the API id,
 * as `Ref` gives it) and `AWS::ApiGateway::Stage` (id = `<API id>|<stage name>`, since `Ref` gives
 * the stage name, which only the API makes unique) in CloudFormation's shape: `RestApiId`,
 * `StageName`, `MethodSettings` (see {@link methodKey}), `AccessLogSetting`, `TracingEnabled`, ...;
 * the stage's web ACL in `observed.WebAclArn` (GetStages reports the association), which
 * `apigateway-stage-waf-associated` reads. Stage variables are not kept ({@link redactStages}).
 * When GetStages fails for an API, the gap is of the stage type and names the API
 * (`ctx.graph.unread('AWS::ApiGateway::Stage', account, region, <API id>)`), and none of its stages
 * is known. HTTP and WebSocket APIs (API Gateway v2) are not read.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetRestApis.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetStages.html
 */
export const restApis: Collector = {
  id: 'apigateway/rest-apis',
  service: 'apigateway',
  // The stage type first: a failed GetStages is recorded against the first type, naming the API.
  resourceTypes: [STAGE, REST_API],
  list: [
    {
      command: GetRestApisCommand,
      action: 'apigateway:GET',
      resources: ['arn:aws:apigateway:*::/restapis'],
      items: ['items'],
      // At most 500 a page.
      paginate: { inputToken: 'position', outputToken: 'position', pageSize: ['limit', 500] },
    },
  ],
  details: [
    {
      name: 'stages',
      command: GetStagesCommand,
      action: 'apigateway:GET',
      resources: ['arn:aws:apigateway:*::/restapis/*/stages'],
      input: (api) => (typeof api.id === 'string' ? { restApiId: api.id } : undefined),
      redact: redactStages,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.items ?? []).flatMap((api) => [
        ...restApi(api),
        ...objectsOf(detailOf(api, 'stages')?.item).flatMap((s) => stage(api, s, ctx)),
      ]),
  },
};
