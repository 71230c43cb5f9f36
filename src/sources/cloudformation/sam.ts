import { unresolved } from '../../model/index.js';
import type { SectionEntry } from './foreach.js';
import type { KeyPath } from './parse.js';
import { isPlainObject, type PlainObject } from './scope.js';

/**
 * A small expansion of the AWS SAM transform (`AWS::Serverless-2016-10-31`): the resource types
 * most templates use, turned into the CloudFormation resources SAM generates, with SAM's logical
 * id conventions. Anything else is kept as written and reported as unexpanded.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html
 */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface SamHooks {
  problem(message: string, keyPath: KeyPath): void;
}

const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
  ],
};

const awsManagedPolicy = (name: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` });

/** Properties of `AWS::Serverless::Function` that `AWS::Lambda::Function` takes unchanged. */
const FUNCTION_PASSTHROUGH = [
  'Handler',
  'Runtime',
  'MemorySize',
  'Timeout',
  'Description',
  'FunctionName',
  'Environment',
  'VpcConfig',
  'KmsKeyArn',
  'Layers',
  'Architectures',
  'PackageType',
  'ReservedConcurrentExecutions',
  'EphemeralStorage',
  'FileSystemConfigs',
  'ImageConfig',
  'LoggingConfig',
  'SnapStart',
  'RuntimeManagementConfig',
  'CodeSigningConfigArn',
];

/** Resource attributes SAM copies from the SAM resource to what it generates. */
const ATTRIBUTES = ['Condition', 'DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'];

export function expandSam(entries: SectionEntry[], globals: unknown, hooks: SamHooks): SectionEntry[] {
  const out: SectionEntry[] = [];
  const g = isPlainObject(globals) ? globals : {};
  const added = new Map<string, SectionEntry>();
  const emit = (key: string, value: PlainObject, keyPath: KeyPath) => {
    const entry = { key, value, keyPath };
    out.push(entry);
    added.set(key, entry);
  };
  for (const entry of entries) {
    const def = entry.value;
    const type = isPlainObject(def) ? def.Type : undefined;
    if (typeof type !== 'string' || !type.startsWith('AWS::Serverless::') || !isPlainObject(def)) {
      out.push(entry);
      continue;
    }
    const props = merge(section(g, type), isPlainObject(def.Properties) ? def.Properties : {});
    const attrs = pick(def, ATTRIBUTES);
    const at = (key: string, resourceType: string, properties: PlainObject) =>
      emit(key, { Type: resourceType, Properties: properties, ...attrs }, entry.keyPath);
    switch (type) {
      case 'AWS::Serverless::Function':
        expandFunction(entry.key, props, at, entry.keyPath, hooks, added);
        break;
      case 'AWS::Serverless::Api':
        expandApi(entry.key, props, at, entry.keyPath, hooks);
        break;
      case 'AWS::Serverless::SimpleTable':
        at(entry.key, 'AWS::DynamoDB::Table', simpleTable(props));
        break;
      default:
        hooks.problem(
          `${type} is not expanded by this loader; ${entry.key} is kept as written`,
          entry.keyPath,
        );
        out.push(entry);
    }
  }
  return out;
}

function section(globals: PlainObject, type: string): PlainObject {
  const name = type.slice('AWS::Serverless::'.length);
  const value = globals[name];
  return isPlainObject(value) ? value : {};
}

/** Globals merge: maps merge key by key (Environment.Variables, Tags), everything else is replaced. */
function merge(base: PlainObject, over: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value) && !isIntrinsic(value) ? merge(current, value) : value;
  }
  return out;
}

function pick(source: PlainObject, keys: readonly string[]): PlainObject {
  const out: PlainObject = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function isIntrinsic(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] as string).startsWith('Fn::'));
}

/** SAM tags are a map; CloudFormation's are a list, and SAM adds `lambda:createdBy`. */
function samTags(tags: unknown): Array<{ Key: string; Value: unknown }> {
  const out = [{ Key: 'lambda:createdBy', Value: 'SAM' }];
  if (isPlainObject(tags))
    for (const [Key, Value] of Object.entries(tags)) out.push({ Key, Value: Value as string });
  return out;
}

type Emit = (key: string, type: string, properties: PlainObject) => void;

function expandFunction(
  id: string,
  props: PlainObject,
  emit: Emit,
  keyPath: KeyPath,
  hooks: SamHooks,
  added: Map<string, SectionEntry>,
): void {
  const fn: PlainObject = pick(props, FUNCTION_PASSTHROUGH);
  fn.Code = code(props);
  if (props.Tracing !== undefined) fn.TracingConfig = { Mode: props.Tracing };
  if (isPlainObject(props.DeadLetterQueue))
    fn.DeadLetterConfig = { TargetArn: props.DeadLetterQueue.TargetArn };
  fn.Tags = samTags(props.Tags);

  const managed: unknown[] = [awsManagedPolicy('service-role/AWSLambdaBasicExecutionRole')];
  const inline: PlainObject[] = [];
  if (props.VpcConfig !== undefined)
    managed.push(awsManagedPolicy('service-role/AWSLambdaVPCAccessExecutionRole'));
  if (props.Tracing === 'Active') managed.push(awsManagedPolicy('AWSXrayWriteOnlyAccess'));
  if (props.Role !== undefined) {
    fn.Role = props.Role;
  } else {
    fn.Role = { 'Fn::GetAtt': [`${id}Role`, 'Arn'] };
    const policies =
      props.Policies === undefined ? [] : Array.isArray(props.Policies) ? props.Policies : [props.Policies];
    policies.forEach((policy, i) => {
      if (typeof policy === 'string') {
        managed.push(policy.startsWith('arn:') ? policy : awsManagedPolicy(policy));
      } else if (isIntrinsic(policy)) {
        managed.push(policy);
      } else if (isPlainObject(policy) && 'Statement' in policy) {
        inline.push({ PolicyName: `${id}RolePolicy${i}`, PolicyDocument: policy });
      } else if (isPlainObject(policy)) {
        const name = Object.keys(policy)[0] ?? '?';
        hooks.problem(
          `SAM policy template ${name} of ${id} is not expanded; the role's permissions are incomplete`,
          keyPath,
        );
        inline.push({
          PolicyName: `${id}RolePolicy${i}`,
          PolicyDocument: unresolved(policy, `SAM policy template ${name} is expanded by SAM`),
        });
      }
    });
  }

  emit(id, 'AWS::Lambda::Function', fn);
  if (props.Role === undefined) {
    const role: PlainObject = {
      AssumeRolePolicyDocument: LAMBDA_TRUST,
      ManagedPolicyArns: managed,
      Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }],
    };
    if (inline.length > 0) role.Policies = inline;
    if (props.PermissionsBoundary !== undefined) role.PermissionsBoundary = props.PermissionsBoundary;
    emit(`${id}Role`, 'AWS::IAM::Role', role);
  }
  // The role's ManagedPolicyArns list is shared, so pull sources can still add their policies.
  expandEvents(id, props.Events, emit, keyPath, hooks, added, managed);
}

/** `CodeUri` (`s3://bucket/key` or `{Bucket, Key, Version}`), `InlineCode` or `ImageUri` → `Code`. */
function code(props: PlainObject): unknown {
  if (props.InlineCode !== undefined) return { ZipFile: props.InlineCode };
  if (props.ImageUri !== undefined) return { ImageUri: props.ImageUri };
  const uri = props.CodeUri;
  if (isPlainObject(uri) && !isIntrinsic(uri)) {
    return { S3Bucket: uri.Bucket, S3Key: uri.Key, ...(uri.Version ? { S3ObjectVersion: uri.Version } : {}) };
  }
  if (typeof uri === 'string') {
    const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (s3) return { S3Bucket: s3[1], S3Key: s3[2] };
    return unresolved(uri, 'local code path, uploaded to S3 when the template is packaged');
  }
  return unresolved(uri ?? null, 'the function code location is not given');
}

const PERMISSION_PRINCIPALS: Readonly<Record<string, string>> = {
  Api: 'apigateway.amazonaws.com',
  S3: 's3.amazonaws.com',
  SNS: 'sns.amazonaws.com',
  Schedule: 'events.amazonaws.com',
  CloudWatchEvent: 'events.amazonaws.com',
  EventBridgeRule: 'events.amazonaws.com',
};

const STREAM_POLICIES: Readonly<Record<string, string>> = {
  SQS: 'service-role/AWSLambdaSQSQueueExecutionRole',
  Kinesis: 'service-role/AWSLambdaKinesisExecutionRole',
  DynamoDB: 'service-role/AWSLambdaDynamoDBExecutionRole',
};

/**
 * Event sources: a Lambda permission for push sources, an event source mapping for pull sources.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html
 */
function expandEvents(
  id: string,
  events: unknown,
  emit: Emit,
  keyPath: KeyPath,
  hooks: SamHooks,
  added: Map<string, SectionEntry>,
  managed: unknown[],
): void {
  if (!isPlainObject(events)) return;
  const functionRef = { Ref: id };
  const functionArn = { 'Fn::GetAtt': [id, 'Arn'] };
  for (const [name, event] of Object.entries(events)) {
    if (!isPlainObject(event) || typeof event.Type !== 'string') continue;
    const p = isPlainObject(event.Properties) ? event.Properties : {};
    const type = event.Type;
    const permission = (sourceArn: unknown) =>
      emit(`${id}${name}Permission`, 'AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: functionRef,
        Principal: PERMISSION_PRINCIPALS[type],
        ...(sourceArn !== undefined ? { SourceArn: sourceArn } : {}),
      });
    switch (type) {
      case 'Api': {
        const api = p.RestApiId ?? { Ref: 'ServerlessRestApi' };
        if (p.RestApiId === undefined && !added.has('ServerlessRestApi')) implicitApi(emit);
        permission({
          'Fn::Sub': [
            'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/*/*',
            { Api: api },
          ],
        });
        break;
      }
      case 'S3':
        permission(undefined);
        break;
      case 'SNS':
        emit(`${id}${name}`, 'AWS::SNS::Subscription', {
          Endpoint: functionArn,
          Protocol: 'lambda',
          TopicArn: p.Topic,
          ...pick(p, ['FilterPolicy', 'Region']),
        });
        permission(p.Topic);
        break;
      case 'Schedule':
      case 'CloudWatchEvent':
      case 'EventBridgeRule':
        emit(`${id}${name}`, 'AWS::Events::Rule', {
          ...(type === 'Schedule' ? { ScheduleExpression: p.Schedule } : { EventPattern: p.Pattern }),
          ...pick(p, ['EventBusName', 'Description', 'Name', 'State']),
          ...(p.Enabled === false ? { State: 'DISABLED' } : {}),
          Targets: [{ Arn: functionArn, Id: `${id}${name}LambdaTarget`, ...pick(p, ['Input', 'InputPath']) }],
        });
        permission({ 'Fn::GetAtt': [`${id}${name}`, 'Arn'] });
        break;
      case 'SQS':
      case 'Kinesis':
      case 'DynamoDB':
        emit(`${id}${name}`, 'AWS::Lambda::EventSourceMapping', {
          EventSourceArn: type === 'SQS' ? p.Queue : p.Stream,
          FunctionName: functionRef,
          ...pick(p, [
            'BatchSize',
            'Enabled',
            'StartingPosition',
            'MaximumBatchingWindowInSeconds',
            'FilterCriteria',
            'FunctionResponseTypes',
          ]),
        });
        managed.push(awsManagedPolicy(STREAM_POLICIES[type] as string));
        break;
      default:
        hooks.problem(`SAM event ${name} (${type}) of ${id} is not expanded`, keyPath);
    }
  }
}

/** The API SAM creates for `Api` events without `RestApiId`. */
function implicitApi(emit: Emit): void {
  emit('ServerlessRestApi', 'AWS::ApiGateway::RestApi', {
    Body: unresolved('ServerlessRestApi', 'the OpenAPI document SAM generates from the function events'),
  });
  emit('ServerlessRestApiDeployment', 'AWS::ApiGateway::Deployment', {
    RestApiId: { Ref: 'ServerlessRestApi' },
  });
  emit('ServerlessRestApiProdStage', 'AWS::ApiGateway::Stage', {
    RestApiId: { Ref: 'ServerlessRestApi' },
    DeploymentId: { Ref: 'ServerlessRestApiDeployment' },
    StageName: 'Prod',
  });
}

/** https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html */
function expandApi(id: string, props: PlainObject, emit: Emit, keyPath: KeyPath, hooks: SamHooks): void {
  const api: PlainObject = pick(props, [
    'Name',
    'Description',
    'BinaryMediaTypes',
    'MinimumCompressionSize',
    'Mode',
    'DisableExecuteApiEndpoint',
    'ApiKeySourceType',
  ]);
  if (props.DefinitionBody !== undefined) api.Body = props.DefinitionBody;
  const uri = props.DefinitionUri;
  if (typeof uri === 'string') {
    const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    api.BodyS3Location = s3
      ? { Bucket: s3[1], Key: s3[2] }
      : unresolved(uri, 'local OpenAPI file, uploaded when packaged');
  } else if (isPlainObject(uri)) {
    api.BodyS3Location = uri;
  }
  const endpoint = props.EndpointConfiguration;
  if (typeof endpoint === 'string') api.EndpointConfiguration = { Types: [endpoint] };
  else if (isPlainObject(endpoint)) {
    api.EndpointConfiguration = {
      Types: [endpoint.Type],
      ...(endpoint.VPCEndpointIds ? { VpcEndpointIds: endpoint.VPCEndpointIds } : {}),
    };
  }
  if (props.Tags !== undefined) api.Tags = samTags(props.Tags).slice(1);
  if (props.Auth !== undefined)
    hooks.problem(`Auth of SAM API ${id} (authorizers, resource policy) is not expanded`, keyPath);
  emit(id, 'AWS::ApiGateway::RestApi', api);
  emit(`${id}Deployment`, 'AWS::ApiGateway::Deployment', { RestApiId: { Ref: id } });
  const stageName = props.StageName ?? 'Prod';
  const stageId =
    typeof stageName === 'string' ? `${id}${stageName.replace(/[^A-Za-z0-9]/g, '')}Stage` : `${id}Stage`;
  emit(stageId, 'AWS::ApiGateway::Stage', {
    RestApiId: { Ref: id },
    DeploymentId: { Ref: `${id}Deployment` },
    StageName: stageName,
    ...pick(props, [
      'TracingEnabled',
      'MethodSettings',
      'AccessLogSetting',
      'CacheClusterEnabled',
      'CacheClusterSize',
    ]),
    ...(props.Variables !== undefined ? { Variables: props.Variables } : {}),
  });
}

/** https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html */
function simpleTable(props: PlainObject): PlainObject {
  const key = isPlainObject(props.PrimaryKey) ? props.PrimaryKey : { Name: 'id', Type: 'String' };
  const types: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };
  const table: PlainObject = {
    AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: types[String(key.Type)] ?? key.Type }],
    KeySchema: [{ AttributeName: key.Name, KeyType: 'HASH' }],
    ...pick(props, ['TableName', 'SSESpecification', 'PointInTimeRecoverySpecification']),
  };
  if (props.ProvisionedThroughput !== undefined) table.ProvisionedThroughput = props.ProvisionedThroughput;
  else table.BillingMode = 'PAY_PER_REQUEST';
  if (isPlainObject(props.Tags)) table.Tags = samTags(props.Tags).slice(1);
  return table;
}
