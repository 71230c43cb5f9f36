import { describe, expect, it } from 'vitest';
import { isUnresolved, type Resource } from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import { loadTemplate } from './index.js';

function load(text: string, options: SourceOptions = {}) {
  const { resources, coverage } = loadTemplate(text, 'test.yaml', options);
  const byId: Record<string, Resource> = Object.fromEntries(resources.map((r) => [r.id, r]));
  return { byId, resources, coverage };
}

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
    Environment: { Variables: { STAGE: prod } }
Resources:
  Queue: { Type: AWS::SQS::Queue }
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, TracingEnabled: true, EndpointConfiguration: REGIONAL }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: s3://artifacts/fn.zip
      Tracing: Active
      Environment: { Variables: { TABLE: t } }
      Policies:
        - AmazonS3ReadOnlyAccess
        - Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: '*' }]
        - DynamoDBCrudPolicy: { TableName: t }
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
        Work: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn, BatchSize: 5 } }
        Tick: { Type: Schedule, Properties: { Schedule: rate(5 minutes) } }
        Odd: { Type: AlexaSkill }
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties: { PrimaryKey: { Name: pk, Type: Number }, TableName: items }
  Machine: { Type: AWS::Serverless::StateMachine, Properties: { Definition: {} } }
`;

describe('SAM transform', () => {
  const { byId, resources, coverage } = load(TEMPLATE, { region: 'eu-west-1', account: '123456789012' });

  it('expands a function into a Lambda function and its role, with Globals merged', () => {
    expect(byId.Fn?.type).toBe('AWS::Lambda::Function');
    expect(byId.Fn?.props).toMatchObject({
      Handler: 'app.handler',
      Runtime: 'python3.12',
      Timeout: 10,
      Environment: { Variables: { STAGE: 'prod', TABLE: 't' } },
      Code: { S3Bucket: 'artifacts', S3Key: 'fn.zip' },
      TracingConfig: { Mode: 'Active' },
    });
    expect(byId.Fn?.tags).toEqual({ 'lambda:createdBy': 'SAM' });
    const role = byId.FnRole;
    expect(role?.type).toBe('AWS::IAM::Role');
    expect(role?.props.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
    ]);
    const policies = role?.props.Policies as Array<{ PolicyName: string; PolicyDocument: unknown }>;
    expect(policies[0]).toEqual({
      PolicyName: 'FnRolePolicy1',
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
    });
    expect(isUnresolved(policies[1]?.PolicyDocument)).toBe(true); // the SAM policy template
    expect(byId.Fn?.origin).toMatchObject({ logicalId: 'Fn', line: 13 });
    expect(role?.origin).toMatchObject({ logicalId: 'FnRole', line: 13 });
  });

  it('expands event sources', () => {
    expect(byId.FnWork).toMatchObject({
      type: 'AWS::Lambda::EventSourceMapping',
      props: { FunctionName: 'Fn', BatchSize: 5 },
    });
    expect(byId.FnTick?.type).toBe('AWS::Events::Rule');
    expect(byId.FnTickPermission?.props).toMatchObject({
      Principal: 'events.amazonaws.com',
      FunctionName: 'Fn',
    });
    expect(byId.FnGetPermission?.props).toMatchObject({ Principal: 'apigateway.amazonaws.com' });
    expect(byId.ServerlessRestApi?.type).toBe('AWS::ApiGateway::RestApi');
    expect(byId.ServerlessRestApiProdStage?.props).toMatchObject({ StageName: 'Prod' });
  });

  it('expands an API into a REST API, deployment and stage', () => {
    expect(byId.Api?.type).toBe('AWS::ApiGateway::RestApi');
    expect(byId.Api?.props.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
    expect(byId.Apiv1Stage?.props).toMatchObject({
      RestApiId: 'Api',
      DeploymentId: 'ApiDeployment',
      TracingEnabled: true,
    });
  });

  it('expands a simple table', () => {
    expect(byId.Table?.type).toBe('AWS::DynamoDB::Table');
    expect(byId.Table?.props).toEqual({
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      TableName: 'items',
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(byId.Table?.arn).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/items');
  });

  it('keeps what it does not expand, with unexpanded gaps', () => {
    expect(byId.Machine?.type).toBe('AWS::Serverless::StateMachine');
    const unexpanded = coverage.filter((g) => g.kind === 'unexpanded').map((g) => g.message);
    expect(unexpanded).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/StateMachine is not expanded/),
        expect.stringMatching(/DynamoDBCrudPolicy/),
        expect.stringMatching(/Odd \(AlexaSkill\)/),
      ]),
    );
    expect(resources.some((r) => r.type === 'AWS::Serverless::Function')).toBe(false);
  });
});

describe('other transforms', () => {
  it('loads resources as written with an unexpanded gap for a macro', () => {
    const { resources, coverage } = load(`
Transform: [MyMacro]
Resources:
  T: { Type: AWS::SNS::Topic }
`);
    expect(resources).toHaveLength(1);
    expect(coverage).toContainEqual(expect.objectContaining({ kind: 'unexpanded', line: 2 }));
  });
});
