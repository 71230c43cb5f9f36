import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../model/index.js';
import { defineRule, pass } from '../rules/rule.js';
import { loadConfig, parseConfig } from './config.js';

const rule = defineRule({
  id: 'ec2-volume-test-size',
  title: 'Threshold rule',
  category: 'cost',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Volume'],
  rationale: 'r',
  remediation: { text: 't' },
  controls: [],
  params: z.object({ maxSize: z.number().default(100).describe('GiB') }),
  evaluate: () => pass('x.'),
});

function errorOf(text: string): InputError {
  try {
    parseConfig(text, '.cloudrounds.yaml', [rule]);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseConfig', () => {
  it('reads suppressions with their line, and parameter overrides', () => {
    const config = parseConfig(
      [
        '# exceptions agreed with security',
        'suppressions:',
        '  - rule: s3-bucket-versioning-enabled',
        '    resource: "scratch-*"',
        '    reason: Scratch data, rebuilt nightly',
        '    expires: 2026-12-31',
        'params:',
        '  ec2-volume-test-size:',
        '    maxSize: 500',
      ].join('\n'),
      '.cloudrounds.yaml',
      [rule],
    );
    expect(config.suppressions).toEqual([
      {
        rule: 's3-bucket-versioning-enabled',
        resource: 'scratch-*',
        reason: 'Scratch data, rebuilt nightly',
        expires: '2026-12-31',
        file: '.cloudrounds.yaml',
        line: 3,
      },
    ]);
    expect(config.params).toEqual({ 'ec2-volume-test-size': { maxSize: 500 } });
  });

  it('accepts an empty file', () => {
    expect(parseConfig('', 'c.yaml')).toEqual({ suppressions: [], params: {} });
  });

  it('requires a reason and an expiry date, with the line of the entry', () => {
    const noReason = errorOf('suppressions:\n  - rule: x\n    resource: y\n    expires: 2026-01-01\n');
    expect(noReason.located).toMatch(/^\.cloudrounds\.yaml:2:.*\(at suppressions\[0\]\.reason\)$/);
    const badDate = errorOf(
      'suppressions:\n  - rule: x\n    resource: y\n    reason: z\n    expires: 2026-02-30\n',
    );
    expect(badDate.message).toBe('not a calendar date');
    expect(badDate.line).toBe(5);
    expect(badDate.path).toBe('suppressions[0].expires');
    expect(
      errorOf('suppressions:\n  - rule: x\n    resource: y\n    reason: z\n    expires: soon\n').message,
    ).toMatch(/YYYY-MM-DD/);
  });

  it('rejects unknown keys, YAML syntax errors and bad parameter overrides with their line', () => {
    expect(errorOf('suppresions: []\n').message).toMatch(/suppresions/);
    expect(errorOf('suppressions: [\n').line).toBeGreaterThan(0);
    const badParam = errorOf('params:\n  ec2-volume-test-size:\n    maxSize: lots\n');
    expect(badParam.line).toBe(3);
    expect(badParam.path).toBe('params.ec2-volume-test-size.maxSize');
    expect(errorOf('params:\n  no-such-rule: {}\n').line).toBe(2);
  });

  it('treats a missing optional file as empty, and a missing required one as an input error', async () => {
    await expect(loadConfig('no-such-dir/.cloudrounds.yaml', [rule], { optional: true })).resolves.toEqual({
      suppressions: [],
      params: {},
    });
    await expect(loadConfig('no-such-dir/.cloudrounds.yaml')).rejects.toThrow(InputError);
  });
});
