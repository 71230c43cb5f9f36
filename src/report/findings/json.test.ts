import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample.js';
import { FINDINGS_JSON_SCHEMA_VERSION, findingsJsonSchema, renderFindingsJson } from './json.js';

const render = (all: boolean) =>
  JSON.parse([...renderFindingsJson(sampleReport({ all }))].join('')) as unknown;

describe('findings JSON', () => {
  it('validates against the published schema, with every result under --all', () => {
    const doc = findingsJsonSchema.parse(render(true));
    expect(doc.schemaVersion).toBe(FINDINGS_JSON_SCHEMA_VERSION);
    expect(doc.all).toBe(true);
    expect(new Set(doc.findings.map((f) => f.status))).toEqual(
      new Set(['fail', 'pass', 'error', 'not_applicable']),
    );
    expect(doc.findings.length).toBe(doc.summary.results);
  });

  it('holds failing findings only by default, suppressed ones marked, counts unchanged', () => {
    const doc = findingsJsonSchema.parse(render(false));
    expect(doc.findings.every((f) => f.status === 'fail')).toBe(true);
    expect(doc.findings).toHaveLength(5);
    const suppressed = doc.findings.filter((f) => f.suppressed);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressed).toEqual({
      reason: 'Scratch data, rebuilt nightly',
      expires: '2099-12-31',
      file: '.cloudrounds.yaml',
      line: 3,
    });
    expect(doc.summary.byStatus).toEqual({ pass: 1, fail: 4, not_applicable: 1, error: 1 });
    expect(doc.summary.suppressed).toBe(1);
    expect(doc.summary.suppressionExpired).toBe(1);
    expect(doc.summary.failBySeverity).toEqual({ critical: 1, high: 1, medium: 1, low: 1, info: 0 });
    expect(doc.summary.complete).toBe(false);
    expect(doc.summary.gapsByKind).toEqual({ 'parse-error': 1, 'access-denied': 1 });
  });

  it('sorts most severe first and keeps locations and texts exactly', () => {
    const doc = findingsJsonSchema.parse(render(false));
    expect(doc.findings.map((f) => f.severity)).toEqual(['critical', 'high', 'medium', 'medium', 'low']);
    const sg = doc.findings.find((f) => f.ruleId === 'ec2-security-group-admin-ports-restricted')!;
    expect(sg.resource).toEqual({
      type: 'AWS::EC2::SecurityGroup',
      id: 'WebSg',
      logicalId: 'WebSg',
      account: '111122223333',
      region: 'eu-west-1',
      file: 'templates/app stack.yaml',
      line: 12,
    });
    expect(doc.findings.some((f) => f.reason.includes('\nand "quotes", commas;'))).toBe(true);
    expect(doc.coverage).toHaveLength(2);
  });

  it('rejects documents that break the schema', () => {
    const doc = render(false) as { findings: Array<Record<string, unknown>> };
    doc.findings[0]!.status = 'failed';
    expect(findingsJsonSchema.safeParse(doc).success).toBe(false);
    const extra = render(false) as Record<string, unknown>;
    extra.unexpected = true;
    expect(findingsJsonSchema.safeParse(extra).success).toBe(false);
  });
});
