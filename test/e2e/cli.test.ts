import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binBuilt, cloudrounds } from './cli.js';
import { corpusPath, corporaPresent } from '../corpora.js';

const work = mkdtempSync(join(tmpdir(), 'cloudrounds-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(binBuilt)('cloudrounds executable', () => {
  it('prints help and the version with exit code 0', () => {
    const help = cloudrounds(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/daily/);
    expect(help.stdout).toMatch(/resources/);
    expect(cloudrounds(['--version']).code).toBe(0);
  });

  it('exits 2 on a usage error', () => {
    const result = cloudrounds(['resources', '--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option/);
  });

  it('runs daily on the demo organisation by default', () => {
    const result = cloudrounds(['daily'], { env: { CLOUDROUNDS_HOME: join(work, 'home') } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/resources in 4 account\(s\)/);
  });

  it('lists resources as JSON with a schema version, filtered by type', () => {
    const result = cloudrounds(['resources', '--type', 'AWS::S3::*', '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { schemaVersion: number; resources: Array<{ type: string }> };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.resources.length).toBeGreaterThan(0);
    expect(doc.resources.every((r) => r.type.startsWith('AWS::S3::'))).toBe(true);
  });

  it('saves a snapshot and reads it back as a source', () => {
    const file = join(work, 'demo.jsonl');
    const saved = cloudrounds(['snapshot', '--out', file]);
    expect(saved.code).toBe(0);
    const direct = JSON.parse(cloudrounds(['resources', '--json']).stdout) as { resources: unknown[] };
    const fromFile = JSON.parse(cloudrounds(['resources', '--source', file, '--json']).stdout) as {
      resources: unknown[];
    };
    expect(fromFile.resources).toEqual(direct.resources);
  });

  it('reports a missing source path with exit code 2', () => {
    const result = cloudrounds(['resources', '--source', join(work, 'nope.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no such file or directory/);
  });

  it('reports a template syntax error with file and line, exit code 2', () => {
    const file = join(work, 'broken.yaml');
    writeFileSync(file, 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n   Properties: [\n');
    const result = cloudrounds(['resources', '--source', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.yaml:\d+/);
  });

  it.runIf(corporaPresent)('dispatches each kind of path to its source', () => {
    const cases: Array<[string, RegExp]> = [
      [corpusPath('batfish-aws', 'test-nat-gateway'), /AWS::EC2::NatGateway/],
      [corpusPath('cfn-templates', 'VPC'), /AWS::EC2::VPC/],
      [
        corpusPath('terraform-plans', 'terraform__runner__resources__plan__tfplan.json'),
        /aws_|Terraform::|AWS::/,
      ],
    ];
    for (const [path, expected] of cases) {
      const result = cloudrounds(['resources', '--source', path]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(expected);
    }
  });
});
