/**
 * The fixes whose template patches add resources, remove entries or append to lists, through the
 * Terraform writer with the fix declarations of the registry: the fixed configuration re-scans
 * clean for the fixed rules, and its diff changes only the resources the fixes touched.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import { fixFor } from '../../../rules/fixes.js';
import { allRules } from '../../../rules/index.js';
import { terraformSource } from '../../../sources/terraform/index.js';
import { fixTemplates, writeFixed } from '../index.js';
import type { FixRunOptions, TemplateFixResult } from '../types.js';
import { scanHcl, type HclBlock } from './hcl-blocks.js';

const RULES = [
  's3-bucket-secure-transport-required',
  'ec2-security-group-admin-ports-restricted',
  'dynamodb-table-autoscaling-enabled',
  'cloudtrail-trail-multi-region-enabled',
];
const options: FixRunOptions = {
  rules: allRules.filter((r) => RULES.includes(r.id)),
  fixes: fixFor,
  fixParams: { cidr: '203.0.113.0/24' },
};
const fixtures = join(import.meta.dirname, '..', 'fixtures');

function statuses(result: TemplateFixResult): Record<string, string> {
  return Object.fromEntries(
    result.findings.map((f) => [`${f.finding.ruleId} ${f.finding.resource.id}`, f.status]),
  );
}

/** 1-based line spans of each top-level `resource "T" "N"` block, by address. */
function resourceLines(text: string): Map<string, [number, number]> {
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  const spans = new Map<string, [number, number]>();
  for (const item of scanHcl(text)) {
    if (item.kind !== 'block' || item.type !== 'resource') continue;
    const b = item as HclBlock;
    spans.set(`${b.labels[0]}.${b.labels[1]}`, [line(b.start), line(b.close)]);
  }
  return spans;
}

/** Changed lines of the diff outside the spans of the touched resources (blank lines are layout). */
function changesOutside(result: TemplateFixResult): string[] {
  const touched = new Set(result.findings.flatMap((f) => f.touched));
  const spans = (text: string) =>
    [...resourceLines(text)].filter(([address]) => touched.has(address)).map(([, span]) => span);
  const oldSpans = spans(result.before);
  const newSpans = spans(result.after);
  const inside = (list: [number, number][], n: number) => list.some(([a, b]) => a <= n && n <= b);
  const stray: string[] = [];
  const patch = structuredPatch('a', 'b', result.before, result.after, undefined, undefined, { context: 0 });
  for (const hunk of patch.hunks) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const l of hunk.lines) {
      if (l.startsWith('-')) {
        if (l.trim() !== '-' && !inside(oldSpans, oldLine)) stray.push(`old ${oldLine}: ${l}`);
        oldLine++;
      } else if (l.startsWith('+')) {
        if (l.trim() !== '+' && !inside(newSpans, newLine)) stray.push(`new ${newLine}: ${l}`);
        newLine++;
      }
    }
  }
  return stray;
}

describe('Terraform: fixes that add resources, remove rules and append statements', () => {
  let dir: string;
  let result: TemplateFixResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tf-remediation-'));
    await cp(join(fixtures, 'tf-remediation'), dir, { recursive: true });
    const results = await fixTemplates([dir], options);
    expect(results).toHaveLength(1);
    result = results[0]!;
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('fixes every finding whose patches have a Terraform form', () => {
    expect(statuses(result)).toMatchObject({
      's3-bucket-secure-transport-required aws_s3_bucket.logs': 'fixed',
      's3-bucket-secure-transport-required aws_s3_bucket.assets': 'fixed',
      'ec2-security-group-admin-ports-restricted aws_security_group.bastion': 'fixed',
      'ec2-security-group-admin-ports-restricted aws_security_group.jump': 'fixed',
      'ec2-security-group-admin-ports-restricted aws_security_group_rule.shared_rdp': 'fixed',
      'cloudtrail-trail-multi-region-enabled aws_cloudtrail.main': 'fixed',
    });
    expect(result.newFindings).toEqual([]);
  });

  it('re-scans clean for the fixed rules through the Terraform source', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'tf-remediation-rescan-'));
    try {
      await writeFile(join(copy, 'main.tf'), result.after, 'utf8');
      const snapshot = await terraformSource.load(copy, {});
      const after = runRules(snapshot, { rules: options.rules }).findings;
      const outcome = (rule: string, id: string) =>
        after.find((f) => f.ruleId === rule && f.resource.id === id)?.status;
      for (const f of result.findings.filter((x) => x.status === 'fixed'))
        expect(outcome(f.finding.ruleId, f.finding.resource.id), f.finding.resource.id).toBe('pass');
      // The added autoscaling resources load; whether the rule sees them depends on the source
      // mapping aws_appautoscaling_target, and the writer says so rather than claiming a fix.
      const targets = snapshot.resources.filter((r) => r.id.startsWith('aws_appautoscaling_target.'));
      expect(targets.map((r) => r.id).sort()).toEqual([
        'aws_appautoscaling_target.orders_read',
        'aws_appautoscaling_target.orders_write',
      ]);
      const mapped = targets.every((r) => r.type === 'AWS::ApplicationAutoScaling::ScalableTarget');
      const dynamo = result.findings.find((f) => f.finding.ruleId === 'dynamodb-table-autoscaling-enabled')!;
      expect(dynamo.status).toBe(mapped ? 'fixed' : 'still-failing');
      expect(outcome('dynamodb-table-autoscaling-enabled', 'aws_dynamodb_table.orders')).toBe(
        mapped ? 'pass' : 'fail',
      );
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('changes only the resources the fixes touched', () => {
    expect(changesOutside(result)).toEqual([]);
    const touched = new Set(result.findings.flatMap((f) => f.touched));
    expect([...touched].sort()).toEqual([
      'aws_appautoscaling_policy.orders_read',
      'aws_appautoscaling_policy.orders_write',
      'aws_appautoscaling_target.orders_read',
      'aws_appautoscaling_target.orders_write',
      'aws_cloudtrail.main',
      'aws_s3_bucket_policy.assets',
      'aws_s3_bucket_policy.logs_tls_only',
      'aws_security_group.bastion',
      'aws_security_group_rule.jump_ssh',
      'aws_security_group_rule.shared_rdp',
      'aws_vpc_security_group_ingress_rule.jump_ssh_v6',
    ]);
  });

  it('keeps every comment and every untouched line as written', () => {
    const before = result.before.split('\n');
    // Each comment, including those on a line whose value changed.
    const comments = before.flatMap((l) => {
      const at = l.search(/#|\/\/|\/\*/);
      return at < 0 ? [] : [l.slice(at)];
    });
    expect(comments.length).toBe(9);
    for (const c of comments) expect(result.after).toContain(c);
    // Every line outside the resources the fixes touched, in the same order.
    const touched = new Set(result.findings.flatMap((f) => f.touched));
    const spans = [...resourceLines(result.before)].filter(([id]) => touched.has(id)).map(([, s]) => s);
    const after = result.after.split('\n');
    let at = 0;
    for (const [i, l] of before.entries()) {
      if (l.trim() === '' || spans.some(([x, y]) => x <= i + 1 && i + 1 <= y)) continue;
      at = after.indexOf(l, at);
      expect(at, l).toBeGreaterThanOrEqual(0);
      at++;
    }
  });

  it('narrows a CIDR inside a list, replaces an IPv6 rule, and deletes a rule made redundant', () => {
    // One element of the list changes; its neighbour and the line's comment stay.
    expect(result.after).toContain('    cidr_blocks = ["203.0.113.0/24", "10.0.0.0/8"] # office and VPN\n');
    // https on 443 is not an administration port: left open.
    expect(result.after).toContain('    description = "https"\n');
    expect(result.after).toMatch(
      /from_port {3}= 443\n {4}to_port {5}= 443\n {4}protocol {4}= "tcp"\n {4}cidr_blocks = \["0\.0\.0\.0\/0"\]/,
    );
    // The ::/0 rdp rule becomes an IPv4 rule from the given network.
    expect(result.after).toContain(
      [
        '  ingress {',
        '    description = "rdp"',
        '    from_port   = 3389',
        '    to_port     = 3389',
        '    protocol    = "tcp"',
        '    cidr_blocks = ["203.0.113.0/24"]',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(result.after).not.toContain('::/0');
    // The standalone rule is narrowed; the IPv6 one would duplicate it and is deleted.
    expect(result.after).toContain('  cidr_blocks       = ["203.0.113.0/24"]\n}');
    expect(result.after).not.toContain('aws_vpc_security_group_ingress_rule');
    // A rule of a group outside the configuration: its list, written over lines, keeps that layout.
    expect(result.after).toContain('  cidr_blocks       = [\n    "203.0.113.0/24",\n  ]\n}');
  });

  it('adds a TLS-only aws_s3_bucket_policy, and appends the statement to an existing jsonencode policy', () => {
    const deny = (bucket: string, indent: string) =>
      [
        '{',
        '  Sid       = "DenyInsecureTransport"',
        '  Effect    = "Deny"',
        '  Principal = "*"',
        '  Action    = "s3:*"',
        `  Resource  = ["arn:aws:s3:::${bucket}", "arn:aws:s3:::${bucket}/*"]`,
        '  Condition = {',
        '    Bool = {',
        '      "aws:SecureTransport" = "false"',
        '    }',
        '  }',
        '},',
      ]
        .map((l) => indent + l)
        .join('\n');
    expect(result.after).toContain(
      [
        '}',
        '',
        'resource "aws_s3_bucket_policy" "logs_tls_only" {',
        '  bucket = aws_s3_bucket.logs.id',
        '  policy = jsonencode({',
        '    Version   = "2012-10-17"',
        '    Statement = [',
        deny('acme-remediation-logs', '      '),
        '    ]',
        '  })',
        '}',
        '',
        'resource "aws_s3_bucket" "assets" {',
      ].join('\n'),
    );
    expect(result.after).toContain(
      [
        '        Resource  = "arn:aws:s3:::acme-remediation-assets/*"',
        '      },',
        deny('acme-remediation-assets', '      '),
        '    ]',
      ].join('\n'),
    );
  });

  it('adds DynamoDB auto scaling as aws_appautoscaling_target and aws_appautoscaling_policy', () => {
    expect(result.after).toContain(
      [
        'resource "aws_appautoscaling_target" "orders_write" {',
        '  max_capacity       = 40',
        '  min_capacity       = 10',
        '  resource_id        = "table/${aws_dynamodb_table.orders.id}"',
        '  scalable_dimension = "dynamodb:table:WriteCapacityUnits"',
        '  service_namespace  = "dynamodb"',
        '}',
        '',
        'resource "aws_appautoscaling_policy" "orders_write" {',
        '  name               = "DynamoDBWriteCapacityUtilization-70"',
        '  policy_type        = "TargetTrackingScaling"',
        '  resource_id        = aws_appautoscaling_target.orders_write.resource_id',
        '  scalable_dimension = aws_appautoscaling_target.orders_write.scalable_dimension',
        '  service_namespace  = aws_appautoscaling_target.orders_write.service_namespace',
        '',
        '  target_tracking_scaling_policy_configuration {',
        '    target_value = 70',
        '',
        '    predefined_metric_specification {',
        '      predefined_metric_type = "DynamoDBWriteCapacityUtilization"',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('starts a stopped trail along with making it multi-region', () => {
    expect(result.after).toContain(
      '  enable_logging = true # paused during the migration\n  is_multi_region_trail = true\n}',
    );
  });

  it('a second run adds nothing twice', async () => {
    await writeFixed([result]);
    expect(await readFile(join(dir, 'main.tf'), 'utf8')).toBe(result.after);
    // Every fix re-scans clean, so a second run has nothing left to write.
    const again = await fixTemplates([dir], options);
    for (const r of again) {
      expect(r.after).toBe(result.after);
      for (const f of r.findings) expect(f.status, f.finding.resource.id).not.toBe('fixed');
    }
    // With one policy deleted by hand the table fails again; the fix refuses rather than writing a
    // second copy of what an earlier run wrote.
    const policy = /\nresource "aws_appautoscaling_policy" "orders_read" \{[\s\S]*?\n\}\n/;
    expect(result.after).toMatch(policy);
    await writeFile(join(dir, 'main.tf'), result.after.replace(policy, ''), 'utf8');
    const [third] = await fixTemplates([dir], options);
    const dynamo = third!.findings.find((f) => f.finding.ruleId === 'dynamodb-table-autoscaling-enabled');
    expect(dynamo?.status).toBe('not-fixable');
    expect(dynamo?.reason).toContain('aws_appautoscaling_target.orders_read');
    expect(dynamo?.reason).toContain('add an aws_appautoscaling_policy');
    expect(third!.diff).toBe('');
  });
});

describe('Terraform: a TLS-only policy for a bucket whose name is not written out', () => {
  it('names the bucket by reference, and the re-scan reads the reference', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tf-tls-references-'));
    try {
      await writeFile(
        join(dir, 'main.tf'),
        [
          'variable "env" {',
          '  type = string',
          '}',
          '',
          'resource "aws_s3_bucket" "generated" {',
          '  bucket_prefix = "reports-"',
          '}',
          '',
          'resource "aws_s3_bucket" "per_env" {',
          '  bucket = "acme-${var.env}-exports"',
          '}',
          '',
        ].join('\n'),
        'utf8',
      );
      const rules = options.rules.filter((r) => r.id === 's3-bucket-secure-transport-required');
      const [r] = await fixTemplates([dir], { ...options, rules });
      expect(statuses(r!)).toEqual({
        's3-bucket-secure-transport-required aws_s3_bucket.generated': 'fixed',
        's3-bucket-secure-transport-required aws_s3_bucket.per_env': 'fixed',
      });
      expect(r!.after).toContain(
        '        Resource  = [aws_s3_bucket.generated.arn, "${aws_s3_bucket.generated.arn}/*"]\n',
      );
      expect(r!.after).toContain(
        '        Resource  = [aws_s3_bucket.per_env.arn, "${aws_s3_bucket.per_env.arn}/*"]\n',
      );
      // The writer counts only failing findings after the fix; the rule must also be able to tell.
      await writeFile(join(dir, 'main.tf'), r!.after, 'utf8');
      const after = runRules(await terraformSource.load(dir, {}), { rules }).findings;
      expect(Object.fromEntries(after.map((f) => [f.resource.id, f.status]))).toEqual({
        'aws_s3_bucket.generated': 'pass',
        'aws_s3_bucket.per_env': 'pass',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Terraform: shapes the writer refuses, with the reason', () => {
  it('a CIDR list in a variable, a dynamic block, a heredoc policy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tf-refusals-'));
    try {
      await cp(join(fixtures, 'tf-refusals'), dir, { recursive: true });
      const [r] = await fixTemplates([dir], options);
      const reasons = Object.fromEntries(
        r!.findings.map((f) => [f.finding.resource.id, `${f.status}: ${f.reason}`]),
      );
      expect(reasons).toEqual({
        'aws_security_group.from_variable':
          'refused: aws_security_group.from_variable: cidr_blocks is an expression, not a list written out',
        'aws_security_group.generated':
          'refused: aws_security_group.generated writes ingress in a dynamic block; edit it by hand',
        'aws_s3_bucket.site':
          'refused: aws_s3_bucket_policy.site: the policy is not written as jsonencode({...}); add the statement by hand',
      });
      expect(r!.diff).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
