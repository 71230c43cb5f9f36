import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, corporaPresent } from '../../test/corpora.js';
import { detectWithStore, loadSigmaDir } from '../cli/commands/logs.js';
import { builtinDetections } from '../logs/detections.js';
import { logIngestSql } from '../logs/ingest-sql.js';
import { makeSnapshot } from '../model/index.js';
import { type LogStore, openLogStore } from '../store/logs/index.js';
import {
  LOGS_SCHEMA_VERSION,
  detectAnswerSchema,
  logAnswer,
  logAnswerSchema,
  logDetectionsEngine,
  logQuestionParams,
  logQuestionSql,
} from './logs.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-logq-'));
let store: LogStore;

beforeAll(async () => {
  store = await openLogStore(join(dir, 'store.duckdb'));
  if (corporaPresent)
    await store.ingestPaths([corpusPath('cloudtrail-invictus', 'CloudTrail')], logIngestSql());
  await store.ingestPaths([writeFlowFixture()], logIngestSql());
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Flow records: 203.0.113.66 probes 25 ports of 10.0.0.5 (REJECT) — a port scan; 198.51.100.4
 * makes 40 attempts on 10.0.0.5:22 — SSH brute force; 192.0.2.10 talks to 10.0.0.7:443 a lot
 * (ACCEPT) and is neither.
 */
function writeFlowFixture(): string {
  const root = join(dir, 'flow');
  mkdirSync(root, { recursive: true });
  const lines = [
    'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
  ];
  const t = 1767323040; // 2026-01-02T03:04:00Z
  for (let p = 0; p < 25; p++)
    lines.push(
      `2 111122223333 eni-aaa 203.0.113.66 10.0.0.5 51000 ${1000 + p} 6 1 40 ${t + p} ${t + p + 5} REJECT OK`,
    );
  for (let i = 0; i < 40; i++)
    lines.push(
      `2 111122223333 eni-aaa 198.51.100.4 10.0.0.5 ${40000 + i} 22 6 5 300 ${t + i} ${t + i + 10} ACCEPT OK`,
    );
  for (let i = 0; i < 5; i++)
    lines.push(
      `2 111122223333 eni-bbb 192.0.2.10 10.0.0.7 ${50000 + i} 443 6 100 1000000 ${t} ${t + 60} ACCEPT OK`,
    );
  writeFileSync(join(root, 'flows.log.gz'), gzipSync(lines.join('\n') + '\n'));
  return root;
}

async function ask<Q extends keyof typeof logQuestionParams>(question: Q, raw: Record<string, unknown>) {
  const params = logQuestionParams[question].parse(raw);
  const sql = logQuestionSql(question, params as never, 'duckdb');
  const answer = logAnswer(question, params as never, 'duckdb', sql, (await store.query(sql)).rows);
  expect(logAnswerSchema.parse(answer)).toBeTruthy();
  return answer.rows;
}

describe('log questions', () => {
  it.runIf(corporaPresent)(
    'who changed a security group: every write naming it, failures included',
    async () => {
      const rows = await ask('who', { resource: 'sg-04cfb7a4712d75b00' });
      expect(rows.map((r) => r.eventName)).toEqual([
        'CreateSecurityGroup',
        'RevokeSecurityGroupEgress',
        'RevokeSecurityGroupEgress',
        'AuthorizeSecurityGroupIngress',
        'AuthorizeSecurityGroupEgress',
        'AuthorizeSecurityGroupIngress',
        'RevokeSecurityGroupIngress',
        'DeleteSecurityGroup',
      ]);
      expect(new Set(rows.map((r) => `${String(r.principal)} ${String(r.sourceIPAddress)}`))).toEqual(
        new Set(['arn:aws:iam::123837392027:user/bert-jan 192.168.10.20']),
      );
    },
  );

  it.runIf(corporaPresent)(
    'timeline follows AssumeRole sessions back to the user who started them',
    async () => {
      const rows = await ask('timeline', { principal: 'bert-jan' });
      const sessions = new Set(rows.filter((r) => r.via === 'session').map((r) => String(r.principal)));
      expect(rows.filter((r) => r.via === 'direct')).toHaveLength(2642);
      expect(rows.filter((r) => r.via === 'session')).toHaveLength(47);
      // The role sessions bert-jan's AssumeRole calls created (responseElements.assumedRoleUser.arn).
      expect([...sessions].map((s) => s.split('/')[1])).toEqual([
        'stratus-red-team-ec2-get-password-data-role',
        'stratus-red-team-leave-org-role',
        'stratus-red-team-get-usr-data-role',
        'stratus-red-team-ec2lui-role-pcccexdthk',
        'stratus-red-team-ec2lui-role-wuzemnoeqa',
      ]);
    },
  );

  it.runIf(corporaPresent)('denied calls by principal and API, with the burst size', async () => {
    const rows = await ask('denied', { limit: 3 });
    expect(
      rows.map((r) => [String(r.principal).split('/')[1], r.eventName, r.count, r.maxIn5Minutes]),
    ).toEqual([
      ['stratus-red-team-ec2-get-password-data-role', 'GetPasswordData', 29, 29],
      ['stratus-red-team-get-usr-data-role', 'DescribeInstanceAttribute', 15, 15],
      ['bert-jan', 'AssumeRole', 13, 6],
    ]);
  });

  it('rejected flows and top talkers', async () => {
    const rejected = await ask('rejected', { ip: '10.0.0.5' });
    expect(rejected).toHaveLength(25);
    expect(rejected.every((r) => r.srcaddr === '203.0.113.66')).toBe(true);
    expect(await ask('rejected', { eni: 'eni-bbb' })).toEqual([]);
    const top = await ask('top-talkers', { limit: 2 });
    expect(top.map((r) => [r.srcaddr, r.dstaddr, r.bytes])).toEqual([
      ['192.0.2.10', '10.0.0.7', 5000000],
      ['198.51.100.4', '10.0.0.5', 12000],
    ]);
    expect(() => logQuestionParams.rejected.parse({})).toThrow(/--ip or --eni/);
  });
});

describe('detections', () => {
  it.runIf(corporaPresent)('built-in pack on the invictus corpus fires exactly these', async () => {
    const { results, failed } = await detectWithStore(store, builtinDetections());
    expect(failed).toEqual([]);
    const fired = Object.fromEntries(
      results.filter((r) => r.matches.length).map((r) => [r.id, r.matches.map((m) => m.eventName)]),
    );
    expect(fired).toEqual({
      // stratus-red-team-nmfalu-... signs in with MFAUsed "No" (bert-jan's login used MFA).
      'console-login-without-mfa': ['ConsoleLogin'],
      // Stratus "cloudtrail-delete", "-event-selectors", "-stop": attempts that failed count too
      // (three StopLogging and one DeleteTrail returned errors), as Sigma's rule does.
      'cloudtrail-tampering': [
        'DeleteTrail',
        'PutEventSelectors',
        'StopLogging',
        'StopLogging',
        'StopLogging',
        'PutEventSelectors',
        'DeleteTrail',
        'DeleteTrail',
      ],
      // Port 22 and 443 opened to 0.0.0.0/0 on sg-04cfb7a4712d75b00.
      'security-group-open-to-world': ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress'],
      // bert-jan creating and removing keys, login profiles and policies of the stratus users.
      'iam-other-user-credentials-changed': [
        'CreateLoginProfile',
        'CreateAccessKey',
        'AttachUserPolicy',
        'CreateAccessKey',
        'CreateLoginProfile',
        'DeleteAccessKey',
        'DeleteAccessKey',
        'DetachUserPolicy',
        'DeleteLoginProfile',
        'DeleteLoginProfile',
      ],
      // 203.0.113.66 rejected on 25 ports; 198.51.100.4 with 40 records to port 22 (flow fixture).
      'flow-port-scan': ['flow-port-scan'],
      'flow-ssh-brute-force': ['flow-ssh-brute-force'],
    });
    // Not fired, and why: no Root identity in the data; the three PutBucketPolicy calls grant a
    // named account and cloudtrail.amazonaws.com, not everyone; no KMS, GuardDuty or Config calls.
    const quiet = results.filter((r) => r.matches.length === 0).map((r) => r.id);
    expect(quiet).toEqual([
      'root-account-use',
      'kms-key-disabled-or-deleted',
      's3-bucket-made-public',
      'security-monitoring-disabled',
    ]);
    const scan = results.find((r) => r.id === 'flow-port-scan')!.matches[0]!;
    expect(scan).toEqual({
      eventID: 'flow:203.0.113.66:1767322800',
      eventName: 'flow-port-scan',
      eventSource: 'vpc-flow-logs',
      eventTime: '2026-01-02T03:00:00Z',
      principal: '203.0.113.66',
    });
    const answer = { schemaVersion: LOGS_SCHEMA_VERSION, detections: results, unsupported: [] };
    expect(detectAnswerSchema.parse(answer)).toEqual(answer);
  });

  it.runIf(corporaPresent)('the SigmaHQ CloudTrail rules run on the corpus', async () => {
    const { detections, unsupported } = await loadSigmaDir(
      corpusPath('sigma-aws-cloudtrail', 'rules', 'cloud', 'aws'),
    );
    expect(detections).toHaveLength(56);
    expect(unsupported.map((u) => u.file)).toEqual(['cloudtrail/aws_delete_saml_provider.yml']);
    const { results, failed } = await detectWithStore(store, detections);
    expect(failed).toEqual([]);
    const fired = Object.fromEntries(
      results.filter((r) => r.matches.length).map((r) => [r.title, r.matches.length]),
    );
    expect(fired).toEqual({
      'AWS Bucket Deleted': 5,
      'AWS Successful Console Login Without MFA': 1,
      'AWS CloudTrail Important Change': 6,
      'New Network Route Added': 6,
      'Ingress/Egress Security Group Modification': 6,
      'Potential Malicious Usage of CloudTrail System Manager': 1,
      'AWS VPC Flow Logs Deleted': 1,
      'Potential Bucket Enumeration on AWS': 3,
      // The rule compares userIdentity.arn with the literal text 'responseElements.accessKey.userName'
      // (no fieldref modifier), so every CreateAccessKey matches, as in any Sigma backend.
      'AWS IAM Backdoor Users Keys': 2,
      'AWS Snapshot Backup Exfiltration': 2,
      'AWS STS AssumeRole Misuse': 76,
    });
  });

  it.runIf(corporaPresent)('feeds daily: one finding per detection and principal', async () => {
    const { results } = await detectWithStore(store, builtinDetections());
    const engine = logDetectionsEngine(results);
    const run = engine.run(makeSnapshot([]), { suppressions: [], params: {} } as never);
    expect(run.findings.map((f) => [f.ruleId, f.resource.type, f.resource.id.split('/').pop()])).toEqual([
      ['logs-console-login-without-mfa', 'AWS::IAM::User', 'stratus-red-team-nmfalu-gfjyeaypjt'],
      ['logs-cloudtrail-tampering', 'AWS::IAM::User', 'bert-jan'],
      ['logs-security-group-open-to-world', 'AWS::IAM::User', 'bert-jan'],
      ['logs-iam-other-user-credentials-changed', 'AWS::IAM::User', 'bert-jan'],
      ['logs-flow-port-scan', 'AWS::EC2::FlowLog', '203.0.113.66'],
      ['logs-flow-ssh-brute-force', 'AWS::EC2::FlowLog', '198.51.100.4'],
    ]);
    expect(run.counts.byStatus.fail).toBe(6);
    expect(run.counts.failBySeverity.high).toBe(2);
  });
});
