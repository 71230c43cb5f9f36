import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError, makeSnapshot, type Resource } from '../model/index.js';
import { defineRule, fail, pass } from '../rules/rule.js';
import { plainFinding } from './finding.js';
import { runRules } from './run.js';

function bucket(id: string, props: Record<string, unknown> = {}, more: Partial<Resource> = {}): Resource {
  return {
    type: 'AWS::S3::Bucket',
    id,
    account: '111122223333',
    region: 'eu-west-1',
    tags: {},
    props,
    origin: { source: 'aws' },
    ...more,
  };
}

const versioned = defineRule({
  id: 's3-bucket-test-versioned',
  title: 'Test rule',
  category: 'dr',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket', 'AWS::S3::Bucket'],
  rationale: 'r',
  remediation: { text: 't' },
  controls: ['aws-fsbp:S3.14'],
  evaluate: (r) => (r.props.Versioned ? pass(`${r.id} ok.`) : fail(`${r.id} not versioned.`)),
});

const thresholds = defineRule({
  id: 'ec2-volume-test-size',
  title: 'Threshold rule',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Volume'],
  rationale: 'r',
  remediation: { text: 't' },
  controls: [],
  params: z.object({ maxSize: z.number().int().positive().default(100).describe('GiB') }),
  evaluate: (r, ctx) =>
    Number(r.props.Size) <= ctx.params.maxSize ? pass('small.') : fail(`${r.id} over ${ctx.params.maxSize}.`),
});

const volume = (id: string, size: number): Resource => ({
  ...bucket(id),
  type: 'AWS::EC2::Volume',
  props: { Size: size },
});

const snapshot = makeSnapshot(
  [
    bucket(
      'a',
      { Versioned: true },
      { origin: { source: 'cloudformation', file: 't.yaml', logicalId: 'A', line: 3 } },
    ),
    bucket('b', {}, { arn: 'arn:aws:s3:::b', name: 'logs-b' }),
    volume('v1', 50),
    volume('v2', 500),
  ],
  [],
  { takenAt: '2026-06-01T00:00:00Z' },
);

describe('runRules', () => {
  it('evaluates every rule once on every resource of its types', () => {
    const { findings, counts, rules } = runRules(snapshot, { rules: [versioned, thresholds] });
    expect(rules).toHaveLength(2);
    expect(findings.map((f) => [f.ruleId, f.resource.id, f.status])).toEqual([
      ['s3-bucket-test-versioned', 'a', 'pass'],
      ['s3-bucket-test-versioned', 'b', 'fail'],
      ['ec2-volume-test-size', 'v1', 'pass'],
      ['ec2-volume-test-size', 'v2', 'fail'],
    ]);
    expect(counts.byStatus).toEqual({ pass: 2, fail: 2, not_applicable: 0, error: 0 });
    expect(counts.failBySeverity).toMatchObject({ high: 1, low: 1 });
  });

  it('fills the finding from the rule and the resource, with the template location', () => {
    const [a] = runRules(snapshot, { rules: [versioned] }).findings;
    // As plain data (and as JSON) a finding has every documented field, in the documented order.
    expect(Object.keys(JSON.parse(JSON.stringify(a)))).toEqual([
      'ruleId',
      'status',
      'severity',
      'category',
      'title',
      'reason',
      'controls',
      'resource',
      'remediation',
    ]);
    expect(plainFinding(a!)).toEqual({
      ruleId: 's3-bucket-test-versioned',
      status: 'pass',
      severity: 'high',
      category: 'dr',
      title: 'Test rule',
      reason: 'a ok.',
      controls: ['aws-fsbp:S3.14'],
      resource: {
        type: 'AWS::S3::Bucket',
        id: 'a',
        account: '111122223333',
        region: 'eu-west-1',
        logicalId: 'A',
        file: 't.yaml',
        line: 3,
      },
      remediation: { text: 't' },
    });
  });

  it('turns a throwing or malformed rule into error findings and goes on', () => {
    const throwing = defineRule({
      ...versioned,
      id: 's3-bucket-test-throws',
      evaluate: (r) => {
        if (r.id === 'a') throw new Error('boom');
        return { status: 'maybe', reason: 'x' } as never;
      },
    });
    const reasons = runRules(snapshot, { rules: [throwing, versioned] }).findings.map((f) => [
      f.status,
      f.reason,
    ]);
    expect(reasons).toEqual([
      ['error', 'rule s3-bucket-test-throws failed on a: boom'],
      ['error', 'rule s3-bucket-test-throws returned no valid result for b'],
      ['pass', 'a ok.'],
      ['fail', 'b not versioned.'],
    ]);
  });

  it('selects rules by id glob, category and severity', () => {
    const ids = (o: Parameters<typeof runRules>[1]) => runRules(snapshot, o).rules.map((r) => r.id);
    const rules = [versioned, thresholds];
    expect(ids({ rules, include: { ids: ['s3-*'] } })).toEqual(['s3-bucket-test-versioned']);
    expect(ids({ rules, include: { categories: ['cost'] } })).toEqual(['ec2-volume-test-size']);
    expect(ids({ rules, exclude: { severities: ['high'] } })).toEqual(['ec2-volume-test-size']);
    expect(ids({ rules, include: { categories: ['dr'], severities: ['low'] } })).toEqual([]);
  });

  it('applies parameter overrides and rejects bad ones', () => {
    const run = (params: Record<string, Record<string, unknown>>) =>
      runRules(snapshot, { rules: [thresholds], params }).findings.map((f) => f.status);
    expect(run({})).toEqual(['pass', 'fail']);
    expect(run({ 'ec2-volume-test-size': { maxSize: 1000 } })).toEqual(['pass', 'pass']);
    expect(() => run({ 'ec2-volume-test-size': { maxSize: 'big' } })).toThrow(InputError);
    expect(() => run({ 'ec2-volume-test-size': { maxSise: 5 } })).toThrow(/maxSise/);
    expect(() => run({ 'no-such-rule': {} })).toThrow(/no rule with id 'no-such-rule'/);
  });

  it('lists findings by rule, then type, then resource, over organisations of many blocks', () => {
    const many = Array.from({ length: 700 }, (_, i) => i);
    const onBoth = defineRule({
      ...versioned,
      id: 'test-both-types',
      resourceTypes: ['AWS::EC2::Volume', 'AWS::S3::Bucket'],
      evaluate: (r) => fail(`${r.id} fails.`),
    });
    const large = makeSnapshot(
      [...many.map((i) => bucket(`b${i}`)), ...many.map((i) => volume(`v${i}`, 500))],
      [],
      { takenAt: '2026-06-01T00:00:00Z' },
    );
    const result = runRules(large, {
      rules: [versioned, onBoth, thresholds],
      suppressions: [{ rule: 'test-both-types', resource: 'b699', reason: 'r', expires: '2030-01-01' }],
    });
    const key = (f: { ruleId: string; resource: { id: string } }) => `${f.ruleId} ${f.resource.id}`;
    expect(result.findings.map(key)).toEqual([
      ...many.map((i) => `s3-bucket-test-versioned b${i}`),
      ...many.map((i) => `test-both-types v${i}`),
      ...many.map((i) => `test-both-types b${i}`),
      ...many.map((i) => `ec2-volume-test-size v${i}`),
    ]);
    expect(result.findings.find((f) => key(f) === 'test-both-types b699')?.suppressed?.reason).toBe('r');
    // One resource object per resource, shared by the findings of every rule on it.
    const b5 = result.findings.filter((f) => f.resource.id === 'b5');
    expect(b5).toHaveLength(2);
    expect(b5[0]!.resource).toBe(b5[1]!.resource);
  });

  it('keeps suppressed failures out of the counts and marks expired suppressions', () => {
    const result = runRules(snapshot, {
      rules: [versioned, thresholds],
      now: new Date('2026-06-15T10:00:00Z'),
      suppressions: [
        { rule: 's3-*', resource: 'arn:aws:s3:::*', reason: 'scratch data', expires: '2026-06-15' },
        { rule: 'ec2-volume-test-size', resource: 'v2', reason: 'old exception', expires: '2026-06-14' },
        { rule: 's3-bucket-test-versioned', resource: 'a', reason: 'passes anyway', expires: '2030-01-01' },
        {
          rule: 's3-bucket-test-versioned',
          resource: 'logs-*',
          account: '999999999999',
          reason: 'x',
          expires: '2030-01-01',
        },
      ],
    });
    const b = result.findings.find((f) => f.resource.id === 'b')!;
    const v2 = result.findings.find((f) => f.resource.id === 'v2')!;
    expect(b.status).toBe('fail');
    expect(b.suppressed).toEqual({ reason: 'scratch data', expires: '2026-06-15' });
    expect(v2.suppressed).toBeUndefined();
    expect(v2.suppressionExpired).toEqual({ reason: 'old exception', expires: '2026-06-14' });
    expect(result.counts).toMatchObject({ suppressed: 1, suppressionExpired: 1 });
    expect(result.counts.byStatus.fail).toBe(1);
    expect(result.unusedSuppressions.map((s) => s.reason)).toEqual(['passes anyway', 'x']);
  });

  it('matches suppressions on the resource name, and expires them at the end of the day (UTC)', () => {
    const suppressions = [{ rule: '*', resource: 'logs-?', reason: 'by name', expires: '2026-06-15' }];
    const at = (iso: string) =>
      runRules(snapshot, { rules: [versioned], suppressions, now: new Date(iso) }).findings[1]!.suppressed;
    expect(at('2026-06-15T23:59:59Z')).toBeDefined();
    expect(at('2026-06-16T00:00:00Z')).toBeUndefined();
  });

  it('returns only the statuses asked for, and still counts all', () => {
    const { findings, counts } = runRules(snapshot, {
      rules: [versioned, thresholds],
      keep: ['fail', 'error'],
    });
    expect(findings.map((f) => f.resource.id)).toEqual(['b', 'v2']);
    expect(counts.byStatus).toEqual({ pass: 2, fail: 2, not_applicable: 0, error: 0 });
  });

  it('writes a reason given as a function only for the findings it keeps', () => {
    let written = 0;
    const lazy = defineRule({
      ...versioned,
      id: 's3-bucket-test-lazy',
      evaluate: (r) =>
        r.props.Versioned
          ? pass(() => (written++, `${r.id} ok.`))
          : fail(() => (written++, `${r.id} not versioned.`)),
    });
    const failing = runRules(snapshot, { rules: [lazy], keep: ['fail'] });
    expect(failing.findings.map((f) => [f.resource.id, f.reason])).toEqual([['b', 'b not versioned.']]);
    expect(failing.counts.byStatus.pass).toBe(1);
    expect(written).toBe(1);
    const all = runRules(snapshot, { rules: [lazy, versioned] });
    expect(all.findings.map((f) => f.reason)).toEqual([
      'a ok.',
      'b not versioned.',
      'a ok.',
      'b not versioned.',
    ]);
  });

  it('reports a reason that throws while it is written as an error', () => {
    const broken = defineRule({
      ...versioned,
      id: 's3-bucket-test-broken-reason',
      evaluate: () =>
        fail(() => {
          throw new Error('no label');
        }),
    });
    const { findings } = runRules(snapshot, { rules: [broken], keep: ['fail', 'error'] });
    expect(findings[0]?.status).toBe('error');
    expect(findings[0]?.reason).toContain('no label');
  });

  it('gives rules the run time, the snapshot time by default', () => {
    let seen: Date | undefined;
    const clock = defineRule({
      ...versioned,
      id: 's3-bucket-test-clock',
      evaluate: (_r, ctx) => ((seen = ctx.now), pass('x.')),
    });
    runRules(snapshot, { rules: [clock] });
    expect(seen?.toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});
