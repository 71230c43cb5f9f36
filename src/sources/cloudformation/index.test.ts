import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { cloudFormationSource, isCloudFormationTemplate, looksLikeTemplateText } from './index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('nested stacks', () => {
  it('loads a local nested template with the parameters the parent passes', async () => {
    const snapshot = await cloudFormationSource.load(join(fixtures, 'nested', 'parent.yaml'), {});
    const byId = Object.fromEntries(snapshot.resources.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual(['AppSg', 'Network', 'Network/Vpc', 'Remote']);
    expect(byId['Network/Vpc']).toMatchObject({
      name: 'test-vpc',
      props: { CidrBlock: '10.20.0.0/16' },
      origin: { source: 'cloudformation', file: 'network/vpc.yaml', logicalId: 'Vpc', line: 6 },
    });
    // Outputs of the child resolve in the parent, as links across the stacks.
    expect(byId.AppSg?.props.VpcId).toBe('Network/Vpc');
    expect(byId.AppSg?.tags).toEqual({ Cidr: '10.20.0.0/16' });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ kind: 'unexpanded', resourceId: 'Remote', file: 'parent.yaml', line: 13 }),
    );
  });
});

describe('directory loading', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cfn-dir-'));
    await mkdir(join(dir, 'sub', 'events'), { recursive: true });
    await mkdir(join(dir, 'nested'), { recursive: true });
    await writeFile(join(dir, 'a.yaml'), 'Resources:\n  Topic: { Type: AWS::SNS::Topic }\n');
    await writeFile(
      join(dir, 'sub', 'b.json'),
      '{"AWSTemplateFormatVersion": "2010-09-09",\n "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}',
    );
    await writeFile(join(dir, 'sub', 'c.template'), 'Resources:\n  Queue: { Type: AWS::SQS::Queue }\n');
    await writeFile(
      join(dir, 'sub', 'events', 'event.json'),
      '{"RequestType": "Create", "ResourceProperties": {}}',
    );
    await writeFile(join(dir, 'package.json'), '{"name": "x"}');
    await writeFile(join(dir, 'broken.yaml'), 'Resources:\n  A:\n    Type: [oops\n');
    await writeFile(join(dir, 'latin1.yaml'), Buffer.from([0x52, 0x3a, 0x20, 0xe9, 0x0a]));
    await writeFile(join(dir, 'notes.md'), '# not read');
    await writeFile(
      join(dir, 'nested', 'parent.yaml'),
      'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: child.yaml }\n',
    );
    await writeFile(join(dir, 'nested', 'child.yaml'), 'Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every template, qualifying ids with the file, and records what it skipped', async () => {
    const snapshot = await cloudFormationSource.load(dir, { region: 'eu-west-1' });
    expect(snapshot.resources.map((r) => r.id).sort()).toEqual([
      'a.yaml#Topic',
      'nested/parent.yaml#Child',
      'nested/parent.yaml#Child/Bucket',
      'sub/b.json#Topic',
      'sub/c.template#Queue',
    ]);
    expect(snapshot.regions).toEqual(['eu-west-1']);
    const gaps = snapshot.coverage.map((g) => [g.kind, g.file]);
    expect(gaps).toEqual(
      expect.arrayContaining([
        ['parse-error', 'broken.yaml'],
        ['skipped-file', 'latin1.yaml'],
        ['skipped-file', 'package.json'],
        ['skipped-file', 'sub/events/event.json'],
        ['skipped-file', 'nested/child.yaml'],
      ]),
    );
    expect(snapshot.coverage.find((g) => g.file === 'broken.yaml')?.line).toBeGreaterThanOrEqual(3);
    const bucket = snapshot.resources.find((r) => r.origin.logicalId === 'Bucket');
    expect(bucket?.origin.file).toBe('nested/child.yaml');
  });

  it('throws InputError for a single file that does not parse, or a missing path', async () => {
    await expect(cloudFormationSource.load(join(dir, 'broken.yaml'), {})).rejects.toMatchObject({
      name: 'InputError',
      file: 'broken.yaml',
      line: expect.any(Number),
    });
    await expect(cloudFormationSource.load(join(dir, 'latin1.yaml'), {})).rejects.toBeInstanceOf(InputError);
    await expect(cloudFormationSource.load(join(dir, 'missing.yaml'), {})).rejects.toBeInstanceOf(InputError);
  });

  it('sniffs templates for the --source dispatcher', async () => {
    expect(await isCloudFormationTemplate(dir)).toBe(true);
    expect(await isCloudFormationTemplate(join(dir, 'sub', 'b.json'))).toBe(true);
    expect(await isCloudFormationTemplate(join(dir, 'package.json'))).toBe(false);
    expect(await isCloudFormationTemplate(join(dir, 'notes.md'))).toBe(false);
    expect(await isCloudFormationTemplate(join(dir, 'nope'))).toBe(false);
    expect(looksLikeTemplateText('Description: x\nResources:\n  A: {}\n')).toBe(true);
    expect(looksLikeTemplateText('{"resource_changes": []}')).toBe(false);
  });
});
