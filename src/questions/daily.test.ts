import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../model/index.js';
import {
  INJECTED_NAME,
  PROD,
  SECRET,
  sampleAnswer,
  sampleKey,
  sampleRules,
  sampleSnapshot,
} from '../report/daily/fixtures/sample.js';
import {
  PENDING_ANALYSES,
  blastScore,
  dailyEngines,
  evaluateDaily,
  findingsByKey,
  isExposure,
  isProdAccount,
  rulesEngine,
  secretValues,
} from './daily.js';

const NO_CONFIG = { suppressions: [], params: {} };

describe('evaluateDaily', () => {
  it('runs the rules engine, keeps failures and undecided checks, and counts the rest', () => {
    const evaluation = evaluateDaily(sampleSnapshot(), NO_CONFIG, [rulesEngine(sampleRules)]);
    expect(new Set(evaluation.findings.map((f) => f.status))).toEqual(new Set(['fail', 'error']));
    expect(evaluation.counts.byStatus.pass).toBe(3);
    expect(evaluation.counts.byStatus.error).toBe(1);
    expect(evaluation.engines.map((e) => e.name)).toEqual(['rules']);
    expect(evaluation.engines[0]!.checks).toBe(14);
    expect(evaluation.checksByCategory.health).toBe(2);
    expect(evaluation.resourceTypes.has('AWS::EC2::Subnet')).toBe(false);
  });

  it('redacts secret values of the snapshot from every reason, whatever a rule writes', () => {
    const evaluation = evaluateDaily(sampleSnapshot(), NO_CONFIG, [rulesEngine(sampleRules)]);
    const leaky = evaluation.findings.find((f) => f.ruleId === 'lambda-function-environment-no-secrets')!;
    expect(leaky.reason).toBe('Function report-generator has DB_PASSWORD=[redacted] in its environment.');
    expect(JSON.stringify(evaluation.findings)).not.toContain(SECRET);
  });

  it('applies suppressions from the configuration and reports stale ones', () => {
    const config = {
      params: {},
      suppressions: [
        {
          rule: 'cloudwatch-alarm-ok',
          resource: 'prod-api-5xx',
          reason: 'known incident',
          expires: '2026-12-31',
        },
        { rule: 's3-*', resource: 'nothing-matches', reason: 'stale', expires: '2026-12-31' },
      ],
    };
    const evaluation = evaluateDaily(sampleSnapshot(), config, [rulesEngine(sampleRules)]);
    expect(evaluation.counts.suppressed).toBe(1);
    expect(evaluation.unusedSuppressions.map((s) => s.resource)).toEqual(['nothing-matches']);
  });
});

describe('dailyEngines', () => {
  it('runs the network exposure engine, so network reachability is no longer listed as not run', () => {
    expect(dailyEngines().map((e) => e.name)).toContain('exposure');
    expect(PENDING_ANALYSES.map((a) => a.analysis)).not.toContain('network reachability');
  });
  it('runs the IAM engine, so IAM policy evaluation is no longer listed as not run', () => {
    expect(dailyEngines().map((e) => e.name)).toContain('iam');
    expect(PENDING_ANALYSES.map((a) => a.analysis)).not.toContain('IAM policy evaluation');
  });
});

describe('secretValues', () => {
  it('takes secret-named environment values, passwords, secret strings and user data', () => {
    const snapshot = makeSnapshot([
      {
        type: 'AWS::Lambda::Function',
        id: 'f',
        account: '1',
        region: 'r',
        tags: {},
        props: { Environment: { Variables: { API_KEY: 'abcdef123', REGION: 'us-east-1', TOKEN: 'x' } } },
        origin: { source: 'demo' },
      },
      {
        type: 'AWS::RDS::DBInstance',
        id: 'db',
        account: '1',
        region: 'r',
        tags: {},
        props: { MasterUserPassword: 'correct-horse' },
        origin: { source: 'demo' },
      },
      {
        type: 'AWS::ECS::TaskDefinition',
        id: 'td',
        account: '1',
        region: 'r',
        tags: {},
        props: { ContainerDefinitions: [{ Environment: [{ Name: 'DB_PASSWORD', Value: 'batterystaple' }] }] },
        origin: { source: 'demo' },
      },
    ]);
    // REGION is not secret by name; TOKEN's value is too short to redact safely.
    expect(secretValues(snapshot).sort()).toEqual(['abcdef123', 'batterystaple', 'correct-horse']);
  });
});

describe('ranking helpers', () => {
  it('calls a finding exposure by rule id or by the whole address space in its reason', () => {
    expect(isExposure({ ruleId: 's3-bucket-public-read-prohibited', reason: 'x' })).toBe(true);
    expect(isExposure({ ruleId: 'ec2-x', reason: 'opens 22 to 0.0.0.0/0.' })).toBe(true);
    expect(isExposure({ ruleId: 'ec2-x', reason: 'opens 22 to ::/0.' })).toBe(true);
    expect(isExposure({ ruleId: 'ec2-x', reason: 'opens 22 to 10.0.0.0/8.' })).toBe(false);
    expect(isExposure({ ruleId: 'ec2-x', reason: 'route 10.0.0.0/0 is odd' })).toBe(false);
    expect(isExposure({ ruleId: 'republican-x', reason: '' })).toBe(false);
  });

  it('calls an account production by the word prod in its name or OU path', () => {
    expect(isProdAccount({ name: 'companya-prod' })).toBe(true);
    expect(isProdAccount({ ouPath: 'Root/Workloads/Prod' })).toBe(true);
    expect(isProdAccount({ name: 'Production EU' })).toBe(true);
    expect(isProdAccount({ name: 'products-sandbox' })).toBe(false);
    expect(isProdAccount({ name: 'dev', ouPath: 'Root/Dev' })).toBe(false);
  });

  it('scores blast radius as weight × (1 + resources) × 2 in production', () => {
    expect(blastScore('high', 1, false)).toBe(12);
    expect(blastScore('high', 1, true)).toBe(24);
    expect(blastScore('medium', 5, true)).toBe(36);
    expect(blastScore('info', 100, true)).toBe(0);
  });
});

describe('daily', () => {
  it('puts failing health checks first and keeps them out of the ten things to fix', () => {
    const answer = sampleAnswer();
    expect(answer.health.checks).toBe(2);
    expect(answer.health.failing).toEqual([`cloudwatch-alarm-ok/${PROD}/prod-api-5xx`]);
    const byKey = findingsByKey(answer);
    expect(answer.topTen.map((k) => byKey.get(k)!.category)).not.toContain('health');
  });

  it('ranks by severity, then exposure and production, with at most two findings per rule', () => {
    const answer = sampleAnswer();
    const byKey = findingsByKey(answer);
    const top = answer.topTen.map((k) => byKey.get(k)!);
    expect(top.map((f) => f.ruleId)).toEqual([
      'lambda-function-environment-no-secrets',
      'ec2-security-group-admin-ports-restricted',
      's3-bucket-versioning-enabled',
      's3-bucket-versioning-enabled',
      'iam-user-mfa-enabled',
    ]);
    // The production buckets come before the dev one, whose name is the injection.
    expect(top[2]!.prod && top[3]!.prod).toBe(true);
    expect(top[1]!.exposure).toBe(true);
  });

  it('lists every failing rule by blast radius, internet exposure first', () => {
    const answer = sampleAnswer();
    expect(answer.blastRadius.map((b) => [b.ruleId, b.score])).toEqual([
      ['ec2-security-group-admin-ports-restricted', 24],
      ['s3-bucket-versioning-enabled', 3 * 7 * 2],
      ['lambda-function-environment-no-secrets', 40],
      ['cloudwatch-alarm-ok', 24],
      ['iam-user-mfa-enabled', 2],
    ]);
    expect(answer.blastRadius[1]!.accounts).toEqual(['333344445555', PROD]);
  });

  it('totals open findings by category, severity and account', () => {
    const answer = sampleAnswer();
    expect(answer.totals.open).toBe(10);
    expect(answer.totals.bySeverity).toEqual({ critical: 1, high: 2, medium: 6, low: 1, info: 0 });
    expect(answer.totals.byCategory.dr.medium).toBe(6);
    expect(answer.totals.byAccountCategory).toContainEqual({ account: PROD, category: 'dr', open: 5 });
    expect(answer.snapshot.accounts.map((a) => [a.name, a.prod, a.open])).toEqual([
      ['acme-prod', true, 8],
      ['acme-dev', false, 2],
    ]);
  });

  it('says what was not evaluated and is never complete while an analysis is missing', () => {
    const answer = sampleAnswer();
    const cov = answer.coverage;
    expect(cov.complete).toBe(false);
    expect(cov.gapsByKind).toEqual([{ kind: 'unresolved-value', count: 1, example: expect.any(String) }]);
    expect(cov.errors).toEqual([
      {
        ruleId: 'iam-user-mfa-enabled',
        count: 1,
        example: expect.stringContaining('credential report missing'),
      },
    ]);
    expect(cov.unevaluatedTypes).toEqual([{ type: 'AWS::EC2::Subnet', resources: 2 }]);
    expect(cov.notRun).toEqual(PENDING_ANALYSES);
  });

  it('marks new findings from the history and carries resolved ones, redacted', () => {
    const newKey = sampleKey({
      ruleId: 'ec2-security-group-admin-ports-restricted',
      resource: { type: 'AWS::EC2::SecurityGroup', id: 'sg-open', account: PROD, region: 'us-east-1' },
    });
    const answer = sampleAnswer({
      history: {
        newKeys: [newKey],
        stillOpen: 9,
        resolved: [
          {
            key: 'old',
            ruleId: 'rds-instance-backup-enabled',
            severity: 'high',
            category: 'dr',
            title: 'RDS backups',
            reason: `Old reason quoting ${SECRET}`,
            resource: { type: 'AWS::RDS::DBInstance', id: 'db-1', account: PROD, region: 'us-east-1' },
          },
        ],
      },
    });
    expect(answer.changes.compared).toBe(true);
    expect(answer.changes.previousRun?.id).toBe(1);
    expect(answer.changes.new).toEqual([newKey]);
    expect(findingsByKey(answer).get(newKey)!.new).toBe(true);
    expect(answer.changes.resolved[0]!.reason).toBe('Old reason quoting [redacted]');
    expect(answer.run).toMatchObject({ id: 2, recorded: true, store: '/tmp/history.duckdb' });
    expect(answer.trend.map((p) => p.open)).toEqual([9, 10]);
  });

  it('compares nothing when the run was not recorded', () => {
    const answer = sampleAnswer();
    expect(answer.changes).toEqual({
      compared: false,
      previousRun: null,
      new: [],
      resolved: [],
      stillOpen: 0,
    });
    expect(answer.run).toMatchObject({ id: null, recorded: false, store: null });
    expect(answer.findings.every((f) => !f.new)).toBe(true);
  });

  it('keeps resource names as they are (escaping is the renderers’ job) and secrets out', () => {
    const answer = sampleAnswer();
    expect(answer.findings.some((f) => f.resource.name === INJECTED_NAME)).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(SECRET);
  });
});

describe('cost and health in the daily run', () => {
  it('prices cost in the daily run, so cost pricing is no longer listed as not run', () => {
    expect(PENDING_ANALYSES.map((a) => a.analysis)).not.toContain('cost pricing');
  });

  it('runs the health engine after the rules engine', () => {
    expect(dailyEngines().map((e) => e.name)).toContain('health');
  });

  it('carries the cost section when the caller priced the run, and leaves it out otherwise', () => {
    expect(sampleAnswer()).not.toHaveProperty('cost');
  });
});
