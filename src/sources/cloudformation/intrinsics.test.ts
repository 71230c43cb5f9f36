import { describe, expect, it } from 'vitest';
import { isUnresolved, type Resource } from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import { loadTemplate } from './index.js';

function load(text: string, options: SourceOptions = {}) {
  const { resources, coverage } = loadTemplate(text, 'test.yaml', options);
  const byId: Record<string, Resource> = Object.fromEntries(resources.map((r) => [r.id, r]));
  return { byId, resources, coverage };
}

/** A template with one `AWS::SSM::Parameter` named R whose Value is `value` (YAML text). */
function valueOf(value: string, options: SourceOptions = {}, extra = ''): unknown {
  const text = `
${extra}
Resources:
  R:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: ${value}
`;
  return load(text, options).byId.R?.props.Value;
}

const EU = { region: 'eu-west-1', account: '123456789012' };

describe('Ref', () => {
  const extra = `
Parameters:
  Env: { Type: String, Default: dev }
  Nets: { Type: CommaDelimitedList, Default: "a, b,c" }
  Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami }
  NoDefault: { Type: String }
  Count: { Type: Number, Default: 3 }`;

  it('resolves parameters from Default and --param, as strings', () => {
    expect(valueOf('!Ref Env', {}, extra)).toBe('dev');
    expect(valueOf('!Ref Env', { params: { Env: 'prod' } }, extra)).toBe('prod');
    expect(valueOf('!Ref Count', {}, extra)).toBe('3');
  });

  it('splits list parameters and trims members', () => {
    expect(valueOf('!Ref Nets', {}, extra)).toEqual(['a', 'b', 'c']);
  });

  it('leaves SSM parameter types and parameters without Default unresolved', () => {
    const ami = valueOf('!Ref Ami', {}, extra);
    expect(isUnresolved(ami) && ami.reason).toMatch(/SSM parameter \/aws\/service\/ami/);
    const none = valueOf('!Ref NoDefault', {}, extra);
    expect(isUnresolved(none) && none.reason).toMatch(/--param NoDefault=/);
  });

  it('resolves pseudo parameters from options, else leaves them unresolved', () => {
    expect(valueOf('!Ref AWS::Region', EU)).toBe('eu-west-1');
    expect(valueOf('!Ref AWS::AccountId', EU)).toBe('123456789012');
    expect(valueOf('!Ref AWS::Partition', { region: 'cn-north-1' })).toBe('aws-cn');
    expect(valueOf('!Ref AWS::URLSuffix', { region: 'cn-north-1' })).toBe('amazonaws.com.cn');
    expect(valueOf('!Ref AWS::Partition', { params: { 'AWS::Partition': 'aws' } })).toBe('aws');
    expect(valueOf('!Ref AWS::StackName', { params: { 'AWS::StackName': 'web' } })).toBe('web');
    for (const name of [
      'AWS::Region',
      'AWS::AccountId',
      'AWS::Partition',
      'AWS::StackId',
      'AWS::NotificationARNs',
    ]) {
      expect(isUnresolved(valueOf(`!Ref ${name}`))).toBe(true);
    }
  });

  it('resolves a resource to its id, and records a missing reference without stopping', () => {
    const { byId, coverage } = load(`
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: web, VpcId: !Ref Vpc, Tags: [{ Key: Owner, Value: !Ref Nowhere }] }
`);
    expect(byId.Sg?.props.VpcId).toBe('Vpc');
    expect(coverage).toContainEqual(
      expect.objectContaining({
        kind: 'missing-reference',
        path: 'Resources.Sg.Properties.Tags[0].Value',
        resourceId: 'Sg',
        line: 4,
      }),
    );
  });

  it('removes AWS::NoValue properties and list items', () => {
    const { byId } = load(`
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref AWS::NoValue
      Tags: [{ Key: a, Value: b }, !Ref AWS::NoValue]
`);
    expect(byId.B?.props).toEqual({ Tags: [{ Key: 'a', Value: 'b' }] });
  });
});

describe('Fn::GetAtt', () => {
  const template = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.1.0.0/16 } }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: x, VpcId: !Ref Vpc }
  Named: { Type: AWS::S3::Bucket, Properties: { BucketName: my-logs } }
  Anon: { Type: AWS::S3::Bucket }
  Role: { Type: AWS::IAM::Role, Properties: { RoleName: app, Path: /svc/, AssumeRolePolicyDocument: {} } }
  Out:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value:
        group: !GetAtt Sg.GroupId
        groupVpc: !GetAtt [Sg, VpcId]
        vpcId: !GetAtt Vpc.VpcId
        cidr: !GetAtt Vpc.CidrBlock
        named: !GetAtt Named.Arn
        anon: !GetAtt Anon.Arn
        role: !GetAtt Role.Arn
        endpoint: { "Fn::GetAtt": "Named.DomainName" }
        missing: !GetAtt Ghost.Arn
`;

  it('resolves id-valued attributes to the resource id and property attributes to the property', () => {
    const value = load(template).byId.Out?.props.Value as Record<string, unknown>;
    expect(value.group).toBe('Sg');
    expect(value.groupVpc).toBe('Vpc');
    expect(value.vpcId).toBe('Vpc');
    expect(value.cidr).toBe('10.1.0.0/16');
  });

  it('builds ARNs the template determines, and leaves the others unresolved', () => {
    const none = load(template).byId.Out?.props.Value as Record<string, unknown>;
    expect(isUnresolved(none.named)).toBe(true); // partition unknown without a region
    const value = load(template, EU).byId.Out?.props.Value as Record<string, unknown>;
    expect(value.named).toBe('arn:aws:s3:::my-logs');
    expect(value.role).toBe('arn:aws:iam::123456789012:role/svc/app');
    expect(isUnresolved(value.anon)).toBe(true);
    expect(value.anon).toMatchObject({ expression: { 'Fn::GetAtt': ['Anon', 'Arn'] } });
    expect(isUnresolved(value.endpoint)).toBe(true);
    expect(isUnresolved(value.missing)).toBe(true);
  });

  it('sets the resource arn and name when the template determines them', () => {
    const { byId } = load(template, EU);
    expect(byId.Named?.arn).toBe('arn:aws:s3:::my-logs');
    expect(byId.Named?.name).toBe('my-logs');
    expect(byId.Anon?.arn).toBeUndefined();
    expect(byId.Role?.region).toBe('global');
    expect(byId.Named?.region).toBe('eu-west-1');
    expect(byId.Named?.account).toBe('123456789012');
  });
});

describe('Fn::Sub', () => {
  const extra = `
Parameters:
  Env: { Type: String, Default: prod }`;

  it('substitutes parameters, pseudo parameters and variables, and keeps ${!Literal}', () => {
    expect(valueOf("!Sub 'app-${Env}-${AWS::Region}'", EU, extra)).toBe('app-prod-eu-west-1');
    expect(valueOf("!Sub ['${A}-${Env}', { A: !Ref AWS::AccountId }]", EU, extra)).toBe('123456789012-prod');
    expect(valueOf("!Sub '${!Literal}-${Env}'", {}, extra)).toBe('${Literal}-prod');
    expect(valueOf('{ "Fn::Sub": "x-${Env}" }', {}, extra)).toBe('x-prod');
  });

  it('uses the physical name of a resource only where the template fixes it', () => {
    const text = `
Resources:
  Named: { Type: AWS::S3::Bucket, Properties: { BucketName: assets } }
  Anon: { Type: AWS::S3::Bucket }
  Out:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value:
        named: !Sub 'arn:aws:s3:::\${Named}/*'
        anon: !Sub 'arn:aws:s3:::\${Anon}/*'
        whole: !Sub '\${Anon}'
        attr: !Sub '\${Named.Arn}'
`;
    const value = load(text, EU).byId.Out?.props.Value as Record<string, unknown>;
    expect(value.named).toBe('arn:aws:s3:::assets/*');
    expect(isUnresolved(value.anon)).toBe(true);
    expect(value.whole).toBe('Anon'); // a whole-value reference stays a link
    expect(value.attr).toBe('arn:aws:s3:::assets');
  });

  it('reports an unresolved Sub with the reason of the unknown part', () => {
    const value = valueOf("!Sub '${AWS::AccountId}-x'");
    expect(isUnresolved(value) && value.reason).toMatch(/account is not known/);
  });
});

describe('list functions', () => {
  it('Fn::Join, Fn::Select, Fn::Split', () => {
    expect(valueOf("!Join ['-', [a, b, c]]")).toBe('a-b-c');
    expect(valueOf('!Select [1, [x, y, z]]')).toBe('y');
    expect(valueOf("!Select [2, !Split [',', 'a,b,c']]")).toBe('c');
    expect(valueOf("!Join ['', [!Ref AWS::AccountId, x]]", EU)).toBe('123456789012x');
    expect(isUnresolved(valueOf("!Join ['', [!Ref AWS::AccountId, x]]"))).toBe(true);
    expect(isUnresolved(valueOf('!Select [5, [a]]'))).toBe(true);
  });

  it('Fn::GetAZs is deterministic with a region and unresolved without', () => {
    expect(valueOf("!GetAZs ''", { region: 'eu-west-1' })).toEqual([
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1c',
    ]);
    expect(valueOf('!Select [0, !GetAZs ]', { region: 'us-east-1' })).toBe('us-east-1a');
    expect(valueOf('!GetAZs us-west-2')).toHaveLength(4);
    expect(isUnresolved(valueOf("!GetAZs ''"))).toBe(true);
  });

  it('Fn::Cidr computes the blocks', () => {
    expect(valueOf('!Cidr [ "10.0.0.0/16", 4, 8 ]')).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.2.0/24',
      '10.0.3.0/24',
    ]);
    expect(valueOf('!Select [3, !Cidr [ "192.168.0.0/24", 6, 5 ]]')).toBe('192.168.0.96/27');
    expect(isUnresolved(valueOf('!Cidr [ "10.0.0.0/24", 4, 9 ]'))).toBe(true);
  });

  it('Fn::Length and Fn::ToJsonString', () => {
    expect(valueOf('!Length [a, b, c]')).toBe(3);
    expect(valueOf('{ "Fn::ToJsonString": { a: [1, "x"] } }')).toBe('{"a":[1,"x"]}');
    expect(isUnresolved(valueOf('{ "Fn::ToJsonString": { a: !Ref AWS::AccountId } }'))).toBe(true);
  });

  it('Fn::Base64 encodes', () => {
    expect(valueOf('!Base64 "#!/bin/bash"')).toBe(Buffer.from('#!/bin/bash').toString('base64'));
  });

  it('Fn::ImportValue is unresolved with the export name', () => {
    const value = valueOf("!ImportValue 'shared-VpcId'");
    expect(isUnresolved(value) && value.reason).toMatch(/shared-VpcId.*another stack/);
  });
});

describe('Fn::FindInMap', () => {
  const extra = `
Mappings:
  Region:
    eu-west-1: { Ami: ami-eu }
    us-east-1: { Ami: ami-us }`;

  it('looks up with resolved keys, and uses DefaultValue for a missing key', () => {
    expect(valueOf('!FindInMap [Region, !Ref AWS::Region, Ami]', EU, extra)).toBe('ami-eu');
    expect(valueOf('!FindInMap [Region, ap-south-1, Ami, { DefaultValue: ami-def }]', EU, extra)).toBe(
      'ami-def',
    );
    expect(isUnresolved(valueOf('!FindInMap [Region, !Ref AWS::Region, Ami]', {}, extra))).toBe(true);
  });

  it('reports a missing key as a missing reference', () => {
    const { coverage } = load(`${extra}
Resources:
  R: { Type: AWS::SSM::Parameter, Properties: { Type: String, Value: !FindInMap [Region, mars-1, Ami] } }`);
    expect(coverage).toContainEqual(expect.objectContaining({ kind: 'missing-reference', resourceId: 'R' }));
  });
});

describe('unresolved-value gaps', () => {
  it('aggregates per resource property, with the line', () => {
    const { coverage } = load(`
Resources:
  R:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: [!Ref AWS::AccountId, !Ref AWS::AccountId, !Ref AWS::Region]
`);
    const gaps = coverage.filter((g) => g.kind === 'unresolved-value');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ path: 'Resources.R.Properties.Value', line: 3, resourceId: 'R' });
    expect(gaps[0]?.message).toMatch(/3 values not determined/);
  });
});
