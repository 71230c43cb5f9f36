import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { decodeTemplateBytes } from './decode.js';
import { loadTemplate } from './index.js';
import { MAX_DEPTH, parseTemplateText } from './parse.js';

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('short-form tags', () => {
  it('turns every short form into the long form', () => {
    const { value } = parseTemplateText(
      `
a: !Ref X
b: !GetAtt Db.Endpoint.Address
c: !GetAtt [Db, Arn]
d: !Sub 'x-\${Y}'
e: !Sub ['\${A}', { A: 1 }]
f: !Join [',', [a, b]]
g: !Select [0, !GetAZs '']
h: !Split [',', 'a,b']
i: !If [C, 1, 2]
j: !Equals [a, b]
k: !And [!Condition C, !Not [!Condition D]]
l: !Or [!Condition C, !Condition D]
m: !FindInMap [M, a, b]
n: !ImportValue exp
o: !Base64 text
p: !Cidr [10.0.0.0/16, 2, 8]
q: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }
r: !ToJsonString { a: 1 }
s: !Length [1, 2]
t: !ForEach [Id, [a], { k: v }]
`,
      't.yaml',
    );
    expect(value).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
      c: { 'Fn::GetAtt': ['Db', 'Arn'] },
      d: { 'Fn::Sub': 'x-${Y}' },
      e: { 'Fn::Sub': ['${A}', { A: 1 }] },
      f: { 'Fn::Join': [',', ['a', 'b']] },
      g: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      h: { 'Fn::Split': [',', 'a,b'] },
      i: { 'Fn::If': ['C', 1, 2] },
      j: { 'Fn::Equals': ['a', 'b'] },
      k: { 'Fn::And': [{ Condition: 'C' }, { 'Fn::Not': [{ Condition: 'D' }] }] },
      l: { 'Fn::Or': [{ Condition: 'C' }, { Condition: 'D' }] },
      m: { 'Fn::FindInMap': ['M', 'a', 'b'] },
      n: { 'Fn::ImportValue': 'exp' },
      o: { 'Fn::Base64': 'text' },
      p: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      q: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
      r: { 'Fn::ToJsonString': { a: 1 } },
      s: { 'Fn::Length': [1, 2] },
      t: { 'Fn::ForEach': ['Id', ['a'], { k: 'v' }] },
    });
  });

  it('keeps an unknown tag visible instead of reading the bare value', () => {
    const { value } = parseTemplateText('a: !Rain::Embed script.sh\nb: !PyPlate code\n', 't.yaml');
    expect(value).toEqual({ a: { 'Rain::Embed': 'script.sh' }, b: { '!PyPlate': 'code' } });
  });

  it('gives the line of resources in YAML and JSON', () => {
    const yaml = parseTemplateText('Resources:\n\n  A:\n    Type: X\n  B:\n    Type: Y\n', 't.yaml');
    expect([yaml.lineOf(['Resources', 'A']), yaml.lineOf(['Resources', 'B'])]).toEqual([3, 5]);
    const json = parseTemplateText(
      '{\n "Resources": {\n  "A": {"Type": "X"},\n\n  "B": {"Type": "Y"}\n }\n}',
      't.json',
    );
    expect([json.lineOf(['Resources', 'A']), json.lineOf(['Resources', 'B'])]).toEqual([3, 5]);
  });
});

describe('bad input', () => {
  it('reports YAML syntax errors with file, line and column', () => {
    const error = inputError(() => loadTemplate('Resources:\n  A:\n    Type: [unclosed\n', 'bad.yaml'));
    expect(error.file).toBe('bad.yaml');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.column).toBeGreaterThan(0);
  });

  it('reports JSON syntax errors with line and column', () => {
    const error = inputError(() =>
      loadTemplate('{\n  "Resources": {\n    "A": {"Type": "X",}\n  }\n}', 'bad.json'),
    );
    expect(error).toMatchObject({ file: 'bad.json', line: 3 });
    expect(error.column).toBeGreaterThan(0);
  });

  it('rejects duplicate logical ids in YAML and JSON', () => {
    const yaml = inputError(() =>
      loadTemplate(
        'Resources:\n  A: { Type: AWS::SNS::Topic }\n  A: { Type: AWS::SQS::Queue }\n',
        'dup.yaml',
      ),
    );
    expect(yaml.message).toMatch(/Duplicate key "A"/);
    expect(yaml.line).toBe(3);
    const json = inputError(() =>
      loadTemplate(
        '{"Resources": {\n"A": {"Type": "AWS::SNS::Topic"},\n"A": {"Type": "AWS::SQS::Queue"}}}',
        'dup.json',
      ),
    );
    expect(json.message).toMatch(/Duplicate key "A"/);
    expect(json.line).toBe(3);
  });

  it('stops a YAML alias bomb', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'Resources: { T: { Type: AWS::SNS::Topic, Properties: { Tags: *g } } }',
    ].join('\n');
    expect(inputError(() => loadTemplate(bomb, 'bomb.yaml')).message).toMatch(/alias/i);
  });

  it('rejects absurd nesting with a clear error, in YAML flow and block style and in JSON', () => {
    const deep = 5000;
    const flow = `Resources: ${'['.repeat(deep)}${']'.repeat(deep)}\n`;
    expect(inputError(() => loadTemplate(flow, 'deep.yaml')).message).toMatch(/[Nn]esting/);
    const block = Array.from({ length: MAX_DEPTH + 20 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    const blockError = inputError(() => loadTemplate(block, 'deep.yaml'));
    expect(blockError.message).toMatch(new RegExp(`deeper than ${MAX_DEPTH}`));
    expect(blockError.line).toBeGreaterThan(MAX_DEPTH);
    const json = `{"Resources": ${'{"a":'.repeat(MAX_DEPTH + 5)}1${'}'.repeat(MAX_DEPTH + 5)}}`;
    expect(inputError(() => loadTemplate(json, 'deep.json')).message).toMatch(/[Nn]esting/);
  });

  it('rejects a file that is not a template when given directly', () => {
    expect(inputError(() => loadTemplate('{"name": "pkg"}', 'package.json')).message).toMatch(
      /Not a CloudFormation/,
    );
  });

  it('flags invalid type names but keeps the resource; custom resources are fine', () => {
    const { resources, coverage } = loadTemplate(
      `Resources:
  Bad: { Type: 'Not A Type' }
  ThirdParty: { Type: 'Acme::Widgets::Thing' }
  Custom: { Type: 'Custom::Seed', Properties: { ServiceToken: arn } }
  Generic: { Type: 'AWS::CloudFormation::CustomResource' }
`,
      't.yaml',
    );
    expect(resources.map((r) => r.id)).toEqual(['Bad', 'ThirdParty', 'Custom', 'Generic']);
    expect(coverage.filter((g) => g.kind === 'unsupported-type').map((g) => g.resourceId)).toEqual([
      'Bad',
      'ThirdParty',
    ]);
  });
});

describe('decoding', () => {
  const text = 'Resources:\n  T: { Type: AWS::SNS::Topic, Properties: { TopicName: café } }\n';

  it('drops a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeTemplateBytes(bytes, 't.yaml')).toBe(text);
  });

  it('decodes UTF-16 with a byte order mark, little and big endian', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeTemplateBytes(le, 't.yaml')).toBe(text);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    expect(decodeTemplateBytes(be, 't.yaml')).toBe(text);
  });

  it('rejects invalid UTF-8 with the line of the first bad byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('Resources:\n  T:\n    Type: '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n'),
    ]);
    const error = inputError(() => decodeTemplateBytes(bytes, 'latin.yaml'));
    expect(error).toMatchObject({ file: 'latin.yaml', line: 3, column: 11 });
    expect(error.message).toMatch(/not valid UTF-8/);
  });
});
