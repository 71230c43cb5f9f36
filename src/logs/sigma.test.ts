import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, corporaPresent } from '../../test/corpora.js';
import { renderCond } from './condition.js';
import { cloudtrailResolver, detectionSql } from './detections.js';
import { compileDetection, compileSigmaYaml, sigmaToLike } from './sigma.js';

const sql = (detection: Parameters<typeof compileDetection>[0], dialect: 'duckdb' | 'athena' = 'duckdb') =>
  renderCond(dialect, compileDetection(detection), cloudtrailResolver(dialect));

describe('Sigma detection compilation', () => {
  it('maps are AND, lists are OR, `all` makes a list AND', () => {
    expect(sql({ sel: { eventSource: 's3.amazonaws.com', eventName: ['A', 'B'] }, condition: 'sel' })).toBe(
      "(coalesce(eventsource ILIKE 's3.amazonaws.com' ESCAPE '\\', FALSE) AND (coalesce(eventname ILIKE 'A' ESCAPE '\\', FALSE) OR coalesce(eventname ILIKE 'B' ESCAPE '\\', FALSE)))",
    );
    expect(sql({ sel: { 'requestParameters|contains|all': ['x', 'y'] }, condition: 'sel' })).toContain(
      "ILIKE '%x%' ESCAPE '\\', FALSE) AND coalesce(CAST(requestparameters AS VARCHAR) ILIKE '%y%'",
    );
  });

  it('handles modifiers, wildcards, null and nested fields', () => {
    expect(sigmaToLike('a*b?c_d%\\*')).toBe('a%b_c\\_d\\%*');
    expect(sql({ s: { 'userIdentity.arn|re': '.+:assumed-role/aws:.+' }, condition: 's' })).toBe(
      "coalesce(regexp_matches(useridentity_arn, '.+:assumed-role/aws:.+'), FALSE)",
    );
    expect(sql({ s: { errorCode: null }, condition: 's' })).toBe(
      '(CAST(errorcode AS VARCHAR) IS NULL)'.replace('CAST(errorcode AS VARCHAR)', 'errorcode'),
    );
    expect(sql({ s: { 'sourceIPAddress|cidr': '10.0.0.0/8' }, condition: 's' })).toContain(
      'BETWEEN 167772160 AND 184549375',
    );
    expect(sql({ s: { 'requestParameters.userName|startswith': 'adm' }, condition: 's' })).toBe(
      "coalesce(json_extract_string(requestparameters, '$.userName') ILIKE 'adm%' ESCAPE '\\', FALSE)",
    );
    expect(sql({ s: { 'userIdentity.arn|fieldref': 'requestParameters.userName' }, condition: 's' })).toBe(
      "coalesce(lower(useridentity_arn) = lower(json_extract_string(requestparameters, '$.userName')), FALSE)",
    );
  });

  it('parses conditions: precedence, parentheses, x of, them', () => {
    const d = { sel_a: { eventName: 'A' }, sel_b: { eventName: 'B' }, filter: { eventName: 'C' } };
    const a = "coalesce(eventname ILIKE 'A' ESCAPE '\\', FALSE)";
    const b = "coalesce(eventname ILIKE 'B' ESCAPE '\\', FALSE)";
    const c = "coalesce(eventname ILIKE 'C' ESCAPE '\\', FALSE)";
    expect(sql({ ...d, condition: 'sel_a or sel_b and not filter' })).toBe(`(${a} OR (${b} AND (NOT ${c})))`);
    expect(sql({ ...d, condition: '(sel_a or sel_b) and not filter' })).toBe(
      `((${a} OR ${b}) AND (NOT ${c}))`,
    );
    expect(sql({ ...d, condition: '1 of sel_* and not filter' })).toBe(`((${a} OR ${b}) AND (NOT ${c}))`);
    expect(sql({ ...d, condition: 'all of sel_*' })).toBe(`(${a} AND ${b})`);
    expect(sql({ ...d, condition: '2 of them' })).toContain('>= 2');
  });

  it('renders the Athena dialect without ILIKE and with the useridentity struct', () => {
    const out = sql(
      { s: { 'userIdentity.type': 'Root', 'requestParameters.bucketName': 'b' }, condition: 's' },
      'athena',
    );
    expect(out).toBe(
      "(coalesce(lower(useridentity.type) LIKE 'root' ESCAPE '\\', FALSE) AND coalesce(lower(coalesce(json_extract_scalar(requestparameters, '$[\"bucketName\"]'), json_format(json_extract(requestparameters, '$[\"bucketName\"]')))) LIKE 'b' ESCAPE '\\', FALSE))",
    );
  });

  it('reports what it cannot convert, with the reason', () => {
    const rule = (detection: string, logsource = 'product: aws\n  service: cloudtrail') =>
      compileSigmaYaml(`title: t\nid: x\nlogsource:\n  ${logsource}\ndetection:\n${detection}`);
    expect(rule('  sel:\n    - keyword\n  condition: sel')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('keyword'),
    });
    expect(rule('  sel:\n    a|base64: x\n  condition: sel')).toMatchObject({
      ok: false,
      reason: "modifier 'base64' is not supported",
    });
    expect(rule('  sel:\n    a: x\n  condition: sel | count() > 5')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('aggregation'),
    });
    expect(rule('  sel:\n    a: x\n  condition: sel', 'product: windows')).toMatchObject({ ok: false });
  });
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe.runIf(corporaPresent)('the SigmaHQ AWS CloudTrail rules', () => {
  const dir = corpusPath('sigma-aws-cloudtrail', 'rules', 'cloud', 'aws');
  const files = yamlFiles(dir).sort();

  it('converts at least 90% of the 57 rules to SQL on both engines; the rest say why', () => {
    expect(files).toHaveLength(57);
    const unsupported: string[] = [];
    for (const file of files) {
      const name = relative(dir, file);
      const result = compileSigmaYaml(readFileSync(file, 'utf8'), name);
      if (!result.ok) {
        unsupported.push(`${name}: ${result.reason}`);
        continue;
      }
      try {
        const detection = {
          source: 'cloudtrail' as const,
          id: result.id,
          title: result.title,
          level: result.level,
          cond: result.cond,
          origin: name,
        };
        detectionSql('duckdb', detection);
        detectionSql('athena', detection);
      } catch (error) {
        unsupported.push(`${name}: ${(error as Error).message}`);
      }
    }
    // The one rule left matches a `status` field, which CloudTrail records do not have.
    expect(unsupported).toEqual([
      "cloudtrail/aws_delete_saml_provider.yml: unknown CloudTrail field 'status'",
    ]);
    expect((files.length - unsupported.length) / files.length).toBeGreaterThanOrEqual(0.9);
  });
});
