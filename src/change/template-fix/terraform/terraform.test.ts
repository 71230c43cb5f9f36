import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFix } from '../../../rules/fix.js';
import { allRules } from '../../../rules/index.js';
import { testFixFor } from '../fixtures/fixes.js';
import { fixTemplates, writeFixed } from '../index.js';
import type { FixRunOptions, TemplateFixResult } from '../types.js';
import { scanHcl } from './hcl-blocks.js';

const options: FixRunOptions = { rules: allRules, fixes: testFixFor };
const fixtureDir = join(import.meta.dirname, '..', 'fixtures', 'tf');

function statuses(result: TemplateFixResult, status: string): string[] {
  return result.findings
    .filter((f) => f.status === status)
    .map((f) => `${f.finding.ruleId} ${f.finding.resource.id}`)
    .sort();
}

describe('fixing .tf configuration', () => {
  let dir: string;
  let result: TemplateFixResult;
  let text: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tf-fix-test-'));
    await cp(fixtureDir, dir, { recursive: true });
    text = await readFile(join(dir, 'main.tf'), 'utf8');
    const results = await fixTemplates([dir], options);
    expect(results).toHaveLength(1);
    result = results[0]!;
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('fixes the mapped findings and the re-scan passes for them', () => {
    expect(statuses(result, 'fixed')).toEqual([
      'dynamodb-table-pitr-enabled aws_dynamodb_table.orders',
      'ec2-instance-imdsv2-required aws_instance.web',
      'ec2-instance-imdsv2-required aws_instance.worker',
      'kms-key-rotation-enabled aws_kms_key.data',
      's3-bucket-default-encryption-kms aws_s3_bucket.data',
      's3-bucket-default-encryption-kms aws_s3_bucket.logs',
      's3-bucket-secure-transport-required aws_s3_bucket.data',
      's3-bucket-secure-transport-required aws_s3_bucket.logs',
      's3-bucket-versioning-enabled aws_s3_bucket.data',
      's3-bucket-versioning-enabled aws_s3_bucket.logs',
    ]);
    expect(statuses(result, 'still-failing')).toEqual([]);
  });

  it('says which patches have no Terraform mapping instead of guessing', async () => {
    const removal = defineFix({
      rule: 's3-bucket-versioning-enabled',
      title: 'Drop the versioning configuration',
      actions: [],
      plan: () => ({ cannot: 'template-only' }),
      template: () => ({ patches: [{ op: 'remove', path: ['VersioningConfiguration'] }] }),
    });
    const rules = allRules.filter((r) => r.id === removal.rule);
    const [r] = await fixTemplates([dir], {
      rules,
      fixes: (id) => (id === removal.rule ? removal : undefined),
    });
    expect(r!.findings.length).toBeGreaterThan(0);
    for (const f of r!.findings) {
      expect(f.status).toBe('refused');
      expect(f.reason).toBe('not fixable in Terraform source: no mapping for remove VersioningConfiguration');
    }
    expect(r!.diff).toBe('');
  });

  it('edits in place: the split versioning resource, nested blocks, aligned arguments', () => {
    expect(result.after).toContain('    status = "Enabled" // during the migration\n');
    expect(result.after).toContain(
      [
        'resource "aws_s3_bucket" "data" {',
        '  bucket = "acme-data"',
        '}',
        '',
        'resource "aws_s3_bucket_versioning" "data" {',
        '  bucket = aws_s3_bucket.data.id',
        '',
        '  versioning_configuration {',
        '    status = "Enabled"',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(result.after).toContain(
      [
        'resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {',
        '  bucket = aws_s3_bucket.logs.id',
        '',
        '  rule {',
        '    bucket_key_enabled = true',
        '',
        '    apply_server_side_encryption_by_default {',
        '      sse_algorithm = "aws:kms"',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(result.after).toContain('  EOT\n\n  metadata_options {\n    http_tokens = "required"\n  }\n}');
    expect(result.after).toContain('    http_tokens   = "required"\n');
    // A new argument is aligned with the run it joins only where that needs no change to other lines.
    expect(result.after).toContain('  description = "data key"\n  enable_key_rotation = true\n');
    expect(result.after).toContain('  point_in_time_recovery {\n    enabled = true\n  }\n}');
  });

  it('keeps everything else byte for byte', () => {
    const kept = text.split('\n').filter((l) => !l.includes('"Suspended"') && !l.includes('"optional"'));
    const after = result.after.split('\n');
    let at = 0;
    for (const line of kept) {
      at = after.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
      at++;
    }
    expect(() => scanHcl(result.after)).not.toThrow();
  });

  it('writes only with writeFixed, and a second run changes nothing', async () => {
    expect(await readFile(join(dir, 'main.tf'), 'utf8')).toBe(text);
    await writeFixed([result]);
    expect(await readFile(join(dir, 'main.tf'), 'utf8')).toBe(result.after);
    const again = await fixTemplates([dir], options);
    expect(again[0]!.diff).toBe('');
    expect(statuses(again[0]!, 'fixed')).toEqual([]);
  });

  it('says a plan JSON cannot be fixed', async () => {
    const plan = join(dir, 'plan.json');
    await writeFile(
      plan,
      JSON.stringify({ format_version: '1.2', terraform_version: '1.6.0', planned_values: {} }),
    );
    const [r] = await fixTemplates([plan], options);
    expect(r!.unsupported).toMatch(/fix the \.tf configuration/);
  });
});

describe('the HCL block scanner', () => {
  it('steps over strings, interpolations, heredocs and comments', () => {
    const text = [
      'resource "a" "b" {',
      '  x = "}${foo("{")}" # }',
      '  y = <<EOT',
      '}  not the end',
      'EOT',
      '  /* } */ z = [1, {a = 2}]',
      '  n { m = 1 }',
      '}',
    ].join('\n');
    const [block] = scanHcl(text);
    expect(block).toMatchObject({ kind: 'block', type: 'resource', labels: ['a', 'b'] });
    const items = (block as { items: Array<{ name?: string; type?: string }> }).items;
    expect(items.map((i) => i.name ?? i.type)).toEqual(['x', 'y', 'z', 'n']);
  });
});
