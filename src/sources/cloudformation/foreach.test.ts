import { describe, expect, it } from 'vitest';
import type { Resource } from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import { loadTemplate } from './index.js';

function load(text: string, options: SourceOptions = {}) {
  const { resources, coverage } = loadTemplate(text, 'test.yaml', options);
  const byId: Record<string, Resource> = Object.fromEntries(resources.map((r) => [r.id, r]));
  return { byId, resources, coverage };
}

describe('AWS::LanguageExtensions', () => {
  it('expands Fn::ForEach over a literal list, with ${Id}, &{Id} and Ref Id', () => {
    const { byId, resources } = load(`
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Topics:
    - Name
    - [Orders, Pay-ments]
    - Topic&{Name}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Ref Name
          DisplayName: !Sub '\${Name}-topic'
`);
    expect(resources.map((r) => r.id)).toEqual(['TopicOrders', 'TopicPayments']);
    expect(byId.TopicPayments?.props).toEqual({ TopicName: 'Pay-ments', DisplayName: 'Pay-ments-topic' });
    expect(byId.TopicOrders?.origin.line).toBe(7); // the line of the loop's output key
  });

  it('takes the collection from a list parameter and nests loops', () => {
    const { resources } = load(
      `
Transform: AWS::LanguageExtensions
Parameters:
  Envs: { Type: CommaDelimitedList, Default: "dev,prod" }
Resources:
  Fn::ForEach::Envs:
    - Env
    - !Ref Envs
    - Fn::ForEach::Tiers:
        - Tier
        - [Web, Db]
        - \${Env}\${Tier}Sg:
            Type: AWS::EC2::SecurityGroup
            Properties: { GroupDescription: !Sub '\${Env} \${Tier}' }
`,
      { params: { Envs: 'qa,prod' } },
    );
    expect(resources.map((r) => [r.id, r.props.GroupDescription])).toEqual([
      ['qaWebSg', 'qa Web'],
      ['qaDbSg', 'qa Db'],
      ['prodWebSg', 'prod Web'],
      ['prodDbSg', 'prod Db'],
    ]);
  });

  it('expands loops inside properties', () => {
    const { byId } = load(`
Transform: AWS::LanguageExtensions
Resources:
  T:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: x
      Tags:
        Fn::ForEach::Tags:
          - K
          - [a, b]
          - \${K}: !Sub 'v-\${K}'
`);
    expect(byId.T?.props.Tags).toEqual({ a: 'v-a', b: 'v-b' });
    expect(byId.T?.tags).toEqual({ a: 'v-a', b: 'v-b' });
  });

  it('reports a loop whose collection is not determined', () => {
    const { resources, coverage } = load(`
Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Q:
    - N
    - !Ref Names
    - Q\${N}: { Type: AWS::SQS::Queue }
  Other: { Type: AWS::SQS::Queue }
`);
    expect(resources.map((r) => r.id)).toEqual(['Other']);
    expect(coverage).toContainEqual(expect.objectContaining({ kind: 'unexpanded', line: 6 }));
  });

  it('expands loops in Conditions', () => {
    const { resources } = load(`
Transform: AWS::LanguageExtensions
Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  Fn::ForEach::Envs:
    - E
    - [dev, prod]
    - Is\${E}: !Equals [!Ref Env, '\${E}']
Resources:
  DevTopic: { Type: AWS::SNS::Topic, Condition: Isdev }
  ProdTopic: { Type: AWS::SNS::Topic, Condition: Isprod }
`);
    expect(resources.map((r) => r.id)).toEqual(['ProdTopic']);
  });

  it('resolves intrinsics in DeletionPolicy', () => {
    const { byId } = load(`
Transform: AWS::LanguageExtensions
Parameters:
  Policy: { Type: String, Default: Retain }
Resources:
  B:
    Type: AWS::S3::Bucket
    DeletionPolicy: !Ref Policy
    UpdateReplacePolicy: Snapshot
`);
    expect(byId.B?.props).toEqual({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Snapshot' });
  });
});
