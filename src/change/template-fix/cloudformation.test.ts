import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineFix } from '../../rules/fix.js';
import { allRules } from '../../rules/index.js';
import { fixCloudFormationText } from './cloudformation.js';
import { changesOutside, touchedSpans } from './fixtures/check.js';
import { testFixFor } from './fixtures/fixes.js';
import type { FixRunOptions, TemplateFixResult } from './types.js';

const options: FixRunOptions = { rules: allRules, fixes: testFixFor };
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

function statuses(result: TemplateFixResult, status: string): string[] {
  return result.findings
    .filter((f) => f.status === status)
    .map((f) => `${f.finding.ruleId} ${f.finding.resource.id}`)
    .sort();
}

function expectOnlyInsidePatchedResources(result: TemplateFixResult): void {
  const spans = touchedSpans(result);
  expect(changesOutside(result, spans.old, spans.new)).toEqual([]);
}

describe('fixing a YAML template', () => {
  const text = fixture('web.template');
  const result = fixCloudFormationText(text, 'web.template', options);

  it('fixes every finding that has a declared fix, and the re-scan passes for them', () => {
    expect(statuses(result, 'fixed')).toEqual([
      'ec2-instance-imdsv2-required Web',
      'ec2-security-group-admin-ports-restricted WebGroup',
      'kms-key-rotation-enabled Key',
      's3-bucket-default-encryption-kms DataBucket',
      's3-bucket-default-encryption-kms LogsBucket',
      's3-bucket-secure-transport-required DataBucket',
      's3-bucket-secure-transport-required LogsBucket',
      's3-bucket-versioning-enabled DataBucket',
      's3-bucket-versioning-enabled LogsBucket',
    ]);
    expect(statuses(result, 'still-failing')).toEqual([]);
    expect(statuses(result, 'refused')).toEqual([]);
  });

  it('lists findings without a declared fix as not auto-fixable', () => {
    const open = result.findings.filter((f) => f.status === 'not-fixable');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((f) => f.reason === 'no automated fix is declared for this rule')).toBe(true);
    expect(open.map((f) => f.finding.ruleId)).toContain('s3-bucket-access-logging-enabled');
  });

  it('changes lines only inside the patched resources', () => {
    expectOnlyInsidePatchedResources(result);
  });

  it('keeps comments, short-form tags and key order', () => {
    const comments = text.split('\n').filter((l) => l.includes('#') && !l.includes('ssh, to be closed'));
    for (const line of comments) expect(result.after).toContain(line.replace('Suspended', 'Enabled'));
    expect(result.after).toContain("BucketName: !Join ['-', [!Ref Env, data]]");
    expect(result.after).toContain('        Status: Enabled # suspended during the migration\n');
    expect(result.after).toContain('      MetadataOptions: {HttpEndpoint: enabled, HttpTokens: required}\n');
    // New intrinsics in the file's own short form; strings YAML 1.1 would read otherwise stay quoted.
    expect(result.after).toContain('          - !GetAtt LogsBucket.Arn\n');
    expect(result.after).toContain("        Version: '2012-10-17'\n");
    // Appended at the end of its map: after Description and KeyPolicy.
    expect(result.after.indexOf('EnableKeyRotation')).toBeGreaterThan(result.after.indexOf('KeyPolicy'));
  });

  it('removes the open SSH rule inline and the folded RDP ingress resource, keeping the HTTPS rule', () => {
    expect(result.after).not.toContain('ssh, to be closed');
    expect(result.after).not.toContain('RdpIngress');
    expect(result.after).toContain('https for everyone');
  });

  it('prints a unified diff with a/ and b/ names', () => {
    expect(result.diff).toMatch(/^-{3} a\/web\.template$/m);
    expect(result.diff).toMatch(/^\+{3} b\/web\.template$/m);
    expect(result.diff).toContain('-        Status: Suspended # suspended during the migration');
  });

  it('is idempotent: fixing the fixed text changes nothing', () => {
    const again = fixCloudFormationText(result.after, 'web.template', options);
    expect(again.after).toBe(result.after);
    expect(again.diff).toBe('');
    expect(statuses(again, 'fixed')).toEqual([]);
  });
});

describe.each([
  ['app-4space.template', '    '],
  ['app-2space.template', '  '],
])('fixing a JSON template (%s)', (name, unit) => {
  const text = fixture(name);
  const result = fixCloudFormationText(text, name, options);

  it('fixes and re-scans clean', () => {
    expect(statuses(result, 'fixed')).toEqual([
      'cloudtrail-trail-log-file-validation-enabled Trail',
      'cloudtrail-trail-multi-region-enabled Trail',
      'dynamodb-table-pitr-enabled Orders',
      'rds-instance-backup-enabled Db',
      'rds-instance-deletion-protection-enabled Db',
    ]);
    expect(statuses(result, 'still-failing')).toEqual([]);
  });

  it('keeps the indentation and the key order', () => {
    for (const line of result.after.split('\n')) {
      const indent = /^ */.exec(line)![0].length;
      expect(indent % unit.length).toBe(0);
    }
    expect(result.after).toContain(
      `\n${unit.repeat(4)}"PointInTimeRecoverySpecification": {\n${unit.repeat(5)}"PointInTimeRecoveryEnabled": true\n${unit.repeat(4)}}\n`,
    );
    const before = JSON.parse(text) as { Resources: Record<string, { Properties: object }> };
    const after = JSON.parse(result.after) as { Resources: Record<string, { Properties: object }> };
    expect(Object.keys(after.Resources)).toEqual(Object.keys(before.Resources));
    for (const id of Object.keys(before.Resources)) {
      const keys = Object.keys(after.Resources[id]!.Properties);
      expect(keys.slice(0, Object.keys(before.Resources[id]!.Properties).length)).toEqual(
        Object.keys(before.Resources[id]!.Properties),
      );
    }
    // Compact arrays stay as written.
    expect(result.after).toContain('"KeySchema": [ { "AttributeName": "id", "KeyType": "HASH" } ],');
  });

  it('changes lines only inside the patched resources, and is idempotent', () => {
    expectOnlyInsidePatchedResources(result);
    expect(fixCloudFormationText(result.after, name, options).diff).toBe('');
  });
});

describe('fix parameters', () => {
  it('passes --fix-param values to the fix, and refuses values its schema rejects', () => {
    const text = fixture('app-2space.template');
    const fourteen = fixCloudFormationText(text, 'app.json', { ...options, fixParams: { days: '14' } });
    expect(fourteen.after).toContain('"BackupRetentionPeriod": 14');
    const bad = fixCloudFormationText(text, 'app.json', { ...options, fixParams: { days: '90' } });
    const backup = bad.findings.find((f) => f.finding.ruleId === 'rds-instance-backup-enabled')!;
    expect(backup.status).toBe('not-fixable');
    expect(backup.reason).toMatch(/needs --fix-param values \(days: /);
  });
});

describe('what the writer refuses', () => {
  const run = (text: string) => fixCloudFormationText(text, 't.yaml', options);

  it('a resource a transform generates, or one whose source form has other properties', () => {
    const sam = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Table:',
      '    Type: AWS::Serverless::SimpleTable',
      '',
    ].join('\n');
    const result = run(sam);
    const pitr = result.findings.find((f) => f.finding.ruleId === 'dynamodb-table-pitr-enabled');
    expect(pitr?.status).toBe('refused');
    expect(pitr?.reason).toMatch(/written as "AWS::Serverless::SimpleTable"/);
    expect(result.after).toBe(sam);
  });

  it('properties computed by a condition', () => {
    const text = [
      'Conditions:',
      '  Prod: !Equals [!Ref AWS::Region, eu-west-1]',
      'Resources:',
      '  Key:',
      '    Type: AWS::KMS::Key',
      '    Properties: !If',
      '      - Prod',
      '      - {Description: prod}',
      '      - {Description: dev}',
      '',
    ].join('\n');
    const result = fixCloudFormationText(text, 't.yaml', { ...options, source: { region: 'eu-west-1' } });
    const rotation = result.findings.find((f) => f.finding.ruleId === 'kms-key-rotation-enabled');
    expect(rotation?.status).toBe('refused');
    expect(rotation?.reason).toMatch(/computed by !If/);
  });

  it('a list whose written elements are not the ones the rule read', () => {
    const text = [
      'Conditions:',
      '  Never: !Equals [a, b]',
      'Resources:',
      '  Group:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: g',
      '      SecurityGroupIngress:',
      "      - !If [Never, {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8}, !Ref 'AWS::NoValue']",
      '      - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}',
      '',
    ].join('\n');
    const result = run(text);
    const ssh = result.findings.find((f) => f.finding.ruleId === 'ec2-security-group-admin-ports-restricted');
    expect(ssh?.status).toBe('refused');
    expect(result.after).toBe(text);
  });
});

describe('a fix the re-scan cannot confirm', () => {
  it("is reported unverified with the rule's reason, not fixed", () => {
    // A fix that writes a value the rule cannot read (imported from another stack at deploy).
    const imported = defineFix({
      rule: 's3-bucket-versioning-enabled',
      title: 'Versioning from an imported value',
      actions: [],
      plan: () => ({ cannot: 'template-only' }),
      template: () => ({
        patches: [
          { op: 'set', path: ['VersioningConfiguration'], value: { Status: { 'Fn::ImportValue': 'x' } } },
        ],
      }),
    });
    const result = fixCloudFormationText(fixture('web.template'), 'web.template', {
      rules: allRules.filter((r) => r.id === imported.rule),
      fixes: (id) => (id === imported.rule ? imported : undefined),
    });
    expect(result.findings.length).toBeGreaterThan(0);
    for (const f of result.findings) {
      expect(f.status).toBe('unverified');
      expect(f.reason).toMatch(/^the rule cannot decide on the fixed text: /);
    }
    expect(result.diff).not.toBe('');
  });
});
