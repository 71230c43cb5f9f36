import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import {
  asffDocumentSchema,
  CSV_COLUMNS,
  findingsJsonSchema,
  ocsfDocumentSchema,
  type FindingsJson,
} from '../../src/report/findings/index.js';
import { parseCsv } from '../../src/report/findings/fixtures/csv-reader.js';
import { corporaPresent, corpusPath, projectRoot } from '../corpora.js';
import { cloudroundsInProcess } from './cli.js';
import { sarifValidator } from './sarif-schema.js';

const work = realpathSync(mkdtempSync(join(tmpdir(), 'cloudrounds-scan-')));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A copy of the fixture directory (with its own `.cloudrounds.yaml`), where scans run. The copy
 * adds `dir/broken.yaml`, a template that does not parse, which the repository cannot hold as a
 * file (the formatter rejects it).
 */
const fixtures = join(work, 'scan');
cpSync(fileURLToPath(new URL('./fixtures/scan', import.meta.url)), fixtures, { recursive: true });
writeFileSync(
  join(fixtures, 'dir', 'broken.yaml'),
  "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n   Properties: [\n",
);
/** Where --out files go. */
const outDir = join(work, 'out');
mkdirSync(outDir);

const validateSarif = sarifValidator();

/** 1-based line of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  return (
    readFileSync(join(fixtures, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1
  );
}

function scan(args: string[], cwd = fixtures) {
  return cloudroundsInProcess(['scan', ...args], { cwd });
}

async function scanJson(args: string[], cwd = fixtures): Promise<FindingsJson> {
  const result = await scan([...args, '--format', 'json'], cwd);
  expect(result.code, result.stderr).toBe(0);
  return findingsJsonSchema.parse(JSON.parse(result.stdout));
}

function find(doc: FindingsJson, ruleId: string, resourceId: string) {
  return doc.findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId);
}

describe('cloudrounds scan', () => {
  describe('a template with known failures', () => {
    it('prints failures by severity with file:line, suppressions and the summary', async () => {
      const result = await scan(['app.yaml']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      const out = result.stdout;
      expect(out).toMatch(/^HIGH$/m);
      expect(out).toContain('ec2-security-group-admin-ports-restricted');
      expect(out).toContain(`app.yaml:${lineOf('app.yaml', 'FailSshOpenToWorld:')}`);
      expect(out).toMatch(/Suppressed \(1\), not counted:/);
      expect(out).toContain('Scratch data, rebuilt nightly');
      expect(out).toContain('(suppression expired 2020-01-01: Waiting for the backup plan)');
      expect(out).toContain('s3-bucket-versioning-enabled on NoSuchBucket (.cloudrounds.yaml:');
      expect(out.trimEnd().split('\n').pop()).toMatch(
        /^\d+ failing \(.*high.*\) in \d+ check\(s\) of \d+ rule\(s\) on 4 of 4 resource\(s\); 1 suppressed; 1 with an expired suppression(\.|; NOT fully evaluated: .*\.)$/,
      );
    });

    it('writes the documented JSON, with suppressions from .cloudrounds.yaml in the working directory', async () => {
      const doc = await scanJson(['app.yaml']);
      expect(doc.schemaVersion).toBe(1);
      expect(doc.inputs).toEqual(['app.yaml']);
      expect(doc.findings.every((f) => f.status === 'fail')).toBe(true);
      const sg = find(doc, 'ec2-security-group-admin-ports-restricted', 'FailSshOpenToWorld')!;
      expect(sg.severity).toBe('high');
      expect(sg.resource).toMatchObject({
        type: 'AWS::EC2::SecurityGroup',
        logicalId: 'FailSshOpenToWorld',
        account: 'unknown',
        region: 'unknown',
        file: 'app.yaml',
        line: lineOf('app.yaml', 'FailSshOpenToWorld:'),
      });
      expect(find(doc, 's3-bucket-name-valid', 'FailBadName')!.reason).toContain('"Scratch,\\"Data\\""');
      const suppressed = find(doc, 's3-bucket-versioning-enabled', 'SuppressedUnversioned')!;
      expect(suppressed.suppressed).toEqual({
        reason: 'Scratch data, rebuilt nightly',
        expires: '2099-12-31',
        file: '.cloudrounds.yaml',
        line: 2,
      });
      const expired = find(doc, 'dynamodb-table-pitr-enabled', 'ExpiredSuppressionNoPitr')!;
      expect(expired.suppressed).toBeUndefined();
      expect(expired.suppressionExpired?.expires).toBe('2020-01-01');
      expect(doc.summary.suppressed).toBe(1);
      expect(doc.summary.unusedSuppressions).toBe(1);
      expect(doc.summary.byStatus.fail).toBe(doc.findings.length - 1);
      expect(doc.summary.complete).toBe(doc.summary.byStatus.error === 0);
    });

    it('reports every result with --all', async () => {
      const doc = await scanJson(['app.yaml', '--all']);
      expect(doc.all).toBe(true);
      expect(doc.findings).toHaveLength(doc.summary.results);
      expect(doc.findings.some((f) => f.status === 'pass')).toBe(true);
      expect(find(doc, 's3-bucket-versioning-enabled', 'FailBadName')!.status).toBe('pass');
    });

    it('exits 1 at or above --fail-on, and 0 when every failure is suppressed', async () => {
      expect((await scan(['app.yaml', '--fail-on', 'high'])).code).toBe(1);
      expect((await scan(['app.yaml'])).code).toBe(0);
      const accepted = await scan([
        'app.yaml',
        '--fail-on',
        'info',
        '--config',
        'suppress-all.yaml',
        '--format',
        'json',
      ]);
      expect(accepted.code, accepted.stderr).toBe(0);
      const doc = findingsJsonSchema.parse(JSON.parse(accepted.stdout));
      expect(doc.findings.length).toBeGreaterThan(0);
      expect(doc.findings.every((f) => f.suppressed)).toBe(true);
    });

    it('writes SARIF 2.1.0 that points at the template lines', async () => {
      const result = await scan(['app.yaml', 'dir', '--format', 'sarif']);
      expect(result.code, result.stderr).toBe(0);
      const log = JSON.parse(result.stdout) as Sarif.Log;
      expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
      const [run] = log.runs;
      expect(run!.originalUriBaseIds?.SRCROOT?.uri).toBe(pathToFileURL(fixtures).href + '/');
      const sg = run!.results!.find((r) => r.ruleId === 'ec2-security-group-admin-ports-restricted')!;
      expect(sg.level).toBe('error');
      expect(sg.locations![0]!.physicalLocation).toEqual({
        artifactLocation: { uri: 'app.yaml', uriBaseId: 'SRCROOT' },
        region: { startLine: lineOf('app.yaml', 'FailSshOpenToWorld:') },
      });
      const rdp = run!.results!.find(
        (r) => r.locations![0]!.physicalLocation?.artifactLocation?.uri === 'dir/good.yaml',
      );
      expect(rdp?.ruleId).toBe('ec2-security-group-admin-ports-restricted');
      const suppressed = run!.results!.filter((r) => r.suppressions?.length);
      expect(suppressed.map((r) => r.ruleId)).toEqual(['s3-bucket-versioning-enabled']);
      const notes = run!.invocations![0]!.toolExecutionNotifications!;
      expect(notes.map((n) => n.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toContain(
        'dir/broken.yaml',
      );
      // The same scan gives the same fingerprints.
      const again = JSON.parse((await scan(['app.yaml', 'dir', '--format', 'sarif'])).stdout) as Sarif.Log;
      const prints = (l: Sarif.Log) => l.runs[0]!.results!.map((r) => r.partialFingerprints);
      expect(prints(again)).toEqual(prints(log));
    });

    it('writes ASFF only with an account and region, and then valid ASFF', async () => {
      const refused = await scan(['app.yaml', '--format', 'asff']);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/ASFF needs the AWS account and region.*--account/);
      const result = await scan([
        'app.yaml',
        '--format',
        'asff',
        '--account',
        '123456789012',
        '--region',
        'eu-west-1',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const findings = asffDocumentSchema.parse(JSON.parse(result.stdout));
      expect(findings.length).toBeGreaterThan(0);
      const sg = findings.find(
        (f) => f.GeneratorId === 'cloudrounds/ec2-security-group-admin-ports-restricted',
      )!;
      expect(sg.AwsAccountId).toBe('123456789012');
      expect(sg.ProductArn).toBe('arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default');
      expect(sg.Resources[0]).toMatchObject({
        Type: 'AwsEc2SecurityGroup',
        Region: 'eu-west-1',
        Partition: 'aws',
      });
      expect(findings.find((f) => f.Workflow?.Status === 'SUPPRESSED')).toBeDefined();
    });

    it('writes OCSF Compliance Findings', async () => {
      const result = await scan(['app.yaml', '--format', 'ocsf']);
      expect(result.code, result.stderr).toBe(0);
      const events = ocsfDocumentSchema.parse(JSON.parse(result.stdout));
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.class_uid === 2003 && e.type_uid === 200301)).toBe(true);
      const sg = events.find((e) => e.compliance.control === 'ec2-security-group-admin-ports-restricted')!;
      expect(sg.resources[0]!.data).toEqual({
        file: 'app.yaml',
        line: lineOf('app.yaml', 'FailSshOpenToWorld:'),
        logical_id: 'FailSshOpenToWorld',
      });
    });

    it('writes RFC 4180 CSV whose fields read back exactly', async () => {
      const result = await scan(['app.yaml', '--format', 'csv']);
      expect(result.code, result.stderr).toBe(0);
      const [header, ...rows] = parseCsv(result.stdout);
      expect(header).toEqual([...CSV_COLUMNS]);
      const doc = await scanJson(['app.yaml']);
      expect(rows).toHaveLength(doc.findings.length);
      const reason = CSV_COLUMNS.indexOf('reason');
      expect(rows.map((r) => r[reason])).toEqual(doc.findings.map((f) => f.reason));
      expect(rows.some((r) => r[reason]!.includes('"Scratch,\\"Data\\""'))).toBe(true);
    });

    it('says on stderr what a machine format found and what it could not evaluate', async () => {
      const result = await scan(['app.yaml', 'dir', '--format', 'csv']);
      expect(result.stderr).toMatch(/failing .*NOT fully evaluated: .*1 coverage gap\(s\) \(1 parse-error\)/);
    });
  });

  describe('several paths and input errors', () => {
    it('merges paths: resources and coverage from each, files named from the working directory', async () => {
      const doc = await scanJson(['app.yaml', 'dir']);
      expect(doc.summary.resources).toBe(5);
      expect(
        find(doc, 'ec2-security-group-admin-ports-restricted', 'good.yaml#FailAdminPortsOpen')?.resource.file,
      ).toBe('dir/good.yaml');
      // Within a directory, a template that does not parse is a coverage gap; the rest loads.
      expect(doc.coverage).toEqual([
        expect.objectContaining({ kind: 'parse-error', file: 'dir/broken.yaml', line: 5 }),
      ]);
      expect(doc.summary.complete).toBe(false);
    });

    it('exits 2 naming a path that does not exist, even beside good ones', async () => {
      const result = await scan(['app.yaml', 'nope.yaml']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: nope\.yaml: no such file or directory/);
    });

    it('exits 2 with file and line on a template given as a path that does not parse', async () => {
      const result = await scan(['dir/broken.yaml']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: dir\/broken\.yaml:5:\d+: /);
    });

    it('exits 2 on a bad format, a missing configuration or a bad one', async () => {
      expect((await scan(['app.yaml', '--format', 'xml'])).code).toBe(2);
      const missing = await scan(['app.yaml', '--config', 'missing.yaml']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/missing\.yaml/);
      const bad = await scan(['app.yaml', '--config', 'app.yaml']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^error: app\.yaml:/);
    });

    it('writes --out atomically and leaves no temporary file', async () => {
      const file = join(outDir, 'findings.json');
      const result = await scan(['app.yaml', '--format', 'json', '--out', file]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/failing/);
      findingsJsonSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      expect(readdirSync(outDir)).toEqual(['findings.json']);
      const nowhere = await scan(['app.yaml', '--out', join(outDir, 'no', 'such', 'dir', 'x.json')]);
      expect(nowhere.code).toBe(2);
      expect(nowhere.stderr).toMatch(/cannot write the report/);
      expect(existsSync(join(outDir, 'no'))).toBe(false);
    });
  });

  describe('the demo organisation', () => {
    it('scans `demo` and exits 1 at --fail-on high', async () => {
      const doc = await scanJson(['demo']);
      expect(doc.inputs).toEqual(['demo']);
      expect(doc.findings.length).toBeGreaterThan(0);
      expect(doc.summary.resources).toBeGreaterThan(100);
      expect(doc.findings.every((f) => /^\d{12}$/.test(f.resource.account) && !f.resource.file)).toBe(true);
      expect((await scan(['demo', '--fail-on', 'high'])).code).toBe(1);
      expect((await scan(['demo', '--fail-on', 'info', '--config', 'suppress-all.yaml'])).code).toBe(0);
    });

    it('gives live resources a logical location in SARIF', async () => {
      const log = JSON.parse((await scan(['demo', '--format', 'sarif'])).stdout) as Sarif.Log;
      expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
      const results = log.runs[0]!.results!;
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) {
        expect(r.locations![0]!.physicalLocation).toBeUndefined();
        expect(r.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toMatch(/^arn:|^\d{12}\//);
      }
    });

    it('writes valid ASFF and OCSF for the demo accounts', async () => {
      const asff = asffDocumentSchema.parse(
        JSON.parse((await scan(['demo', '--format', 'asff', '--all'])).stdout),
      );
      expect(asff.length).toBeGreaterThan(100);
      expect(new Set(asff.map((f) => f.Id)).size).toBe(asff.length);
      expect(new Set(asff.map((f) => f.AwsAccountId)).size).toBeGreaterThan(1);
      const ocsf = ocsfDocumentSchema.parse(JSON.parse((await scan(['demo', '--format', 'ocsf'])).stdout));
      expect(ocsf.length).toBeGreaterThan(0);
      expect(ocsf.every((e) => e.cloud.account?.uid && e.resources[0]!.owner?.account.uid)).toBe(true);
    });
  });

  describe.runIf(corporaPresent)('real inputs from the corpora', () => {
    const plan = corpusPath('terraform-plans', 'terraform__runner__resources__plan__tfplan.json');
    const batfish = corpusPath('batfish-aws', 'test-public-subnet');
    const cwd = projectRoot;

    it('scans a Terraform plan: findings point into the plan file', async () => {
      const doc = await scanJson([plan], cwd);
      const sg = find(doc, 'ec2-security-group-admin-ports-restricted', 'aws_security_group.web-node')!;
      expect(sg.status).toBe('fail');
      expect(sg.resource.file).toBe(
        '../shared/corpora/terraform-plans/terraform__runner__resources__plan__tfplan.json',
      );
      expect(sg.resource.line).toBeGreaterThan(1);
      expect(doc.coverage.some((g) => g.kind === 'unsupported-type' && g.file === sg.resource.file)).toBe(
        true,
      );
    });

    it('scans describe-* output: findings carry the account, ARN and JSON line', async () => {
      const doc = await scanJson([batfish], cwd);
      const sg = find(doc, 'ec2-security-group-admin-ports-restricted', 'sg-09ccba6656672061b')!;
      expect(sg.status).toBe('fail');
      expect(sg.resource).toMatchObject({
        account: '554773406868',
        region: 'us-east-2',
        arn: 'arn:aws:ec2:us-east-2:554773406868:security-group/sg-09ccba6656672061b',
        file: '../shared/corpora/batfish-aws/test-public-subnet/aws_configs/SecurityGroups.json',
      });
      const log = JSON.parse((await scan([batfish, '--format', 'sarif'], cwd)).stdout) as Sarif.Log;
      expect(validateSarif(log)).toBe(true);
      const location = log.runs[0]!.results!.find((r) => r.ruleId === sg.ruleId)!.locations![0]!;
      // Outside the working directory: an absolute file URI rather than a path up from SRCROOT.
      expect(location.physicalLocation!.artifactLocation!.uri).toBe(
        pathToFileURL(join(batfish, 'aws_configs', 'SecurityGroups.json')).href,
      );
      expect(location.physicalLocation!.region!.startLine).toBe(sg.resource.line);
    });

    it('concatenates the resources and coverage of every path', async () => {
      const one = [
        await scanJson([plan], cwd),
        await scanJson([batfish], cwd),
        await scanJson(['demo'], cwd),
      ];
      const all = await scanJson([plan, batfish, 'demo'], cwd);
      expect(all.summary.resources).toBe(one.reduce((n, d) => n + d.summary.resources, 0));
      expect(all.coverage).toHaveLength(one.reduce((n, d) => n + d.coverage.length, 0));
      expect(all.summary.byStatus.fail).toBe(one.reduce((n, d) => n + d.summary.byStatus.fail, 0));
    });
  });
});
