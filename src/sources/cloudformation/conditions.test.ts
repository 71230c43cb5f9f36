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
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Bucket: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  IsEu: !Equals [!Ref AWS::Region, eu-west-1]
  ProdAndEu: !And [!Condition IsProd, !Condition IsEu]
  DevOrEu: !Or [!Condition IsDev, !Condition IsEu]
  HasBucket: !Not [!Equals [!Ref Bucket, '']]
Resources:
  ProdOnly: { Type: AWS::SNS::Topic, Condition: IsProd }
  DevOnly: { Type: AWS::SNS::Topic, Condition: IsDev }
  ProdEu: { Type: AWS::SNS::Topic, Condition: ProdAndEu }
  DevOrEuTopic: { Type: AWS::SNS::Topic, Condition: DevOrEu }
  EuOnly: { Type: AWS::SNS::Topic, Condition: IsEu }
  Q:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !If [IsProd, 60, 30]
      DelaySeconds: !If [IsProd, 5, !Ref AWS::NoValue]
      MessageRetentionPeriod: !If [IsEu, 1, 2]
      QueueName: !If [HasBucket, has, none]
`;

describe('conditions', () => {
  it('drops resources whose condition is false and keeps those whose condition is true', () => {
    const ids = load(TEMPLATE).resources.map((r) => r.id);
    expect(ids).toContain('DevOnly');
    expect(ids).toContain('DevOrEuTopic'); // Or with one true operand, even though IsEu is unknown
    expect(ids).not.toContain('ProdOnly');
    expect(ids).not.toContain('ProdEu'); // And with one false operand, even though IsEu is unknown
  });

  it('follows --param overrides', () => {
    const ids = load(TEMPLATE, { params: { Env: 'prod' }, region: 'eu-west-1' }).resources.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['ProdOnly', 'ProdEu', 'EuOnly', 'DevOrEuTopic']));
    expect(ids).not.toContain('DevOnly');
  });

  it('keeps a resource whose condition is not determined, with a gap', () => {
    const { byId, coverage } = load(TEMPLATE);
    expect(byId.EuOnly).toBeDefined();
    expect(coverage).toContainEqual(
      expect.objectContaining({
        kind: 'unresolved-value',
        resourceId: 'EuOnly',
        path: 'Resources.EuOnly.Condition',
      }),
    );
  });

  it('Fn::If picks the branch, removes AWS::NoValue, and is unresolved on an unknown condition', () => {
    const props = load(TEMPLATE).byId.Q?.props ?? {};
    expect(props.VisibilityTimeout).toBe(30);
    expect('DelaySeconds' in props).toBe(false);
    expect(isUnresolved(props.MessageRetentionPeriod)).toBe(true);
    expect(isUnresolved(props.QueueName)).toBe(true); // Bucket has no Default
    expect(load(TEMPLATE, { params: { Bucket: 'b' } }).byId.Q?.props.QueueName).toBe('has');
  });

  it('reports an undefined condition as a missing reference', () => {
    const { byId, coverage } = load(`
Resources:
  T: { Type: AWS::SNS::Topic, Condition: Nope }
`);
    expect(byId.T).toBeDefined();
    expect(coverage).toContainEqual(expect.objectContaining({ kind: 'missing-reference' }));
  });
});

describe('whole-property intrinsics', () => {
  it('accepts Properties chosen by Fn::If, including AWS::NoValue', () => {
    const { byId, coverage } = load(`
Conditions:
  Never: !Equals [a, b]
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties: !If [Never, { TopicName: x }, !Ref AWS::NoValue]
  U:
    Type: AWS::SNS::Topic
    Properties: !If [Never, { TopicName: x }, { TopicName: y }]
  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://bucket/snippet.yaml } }
`);
    expect(byId.T?.props).toEqual({});
    expect(byId.U?.props).toEqual({ TopicName: 'y' });
    expect(coverage.map((g) => g.kind)).toEqual(['unexpanded']);
  });
});
