/**
 * The rules of the logging, monitoring and operations services (CloudTrail, Config, GuardDuty,
 * Security Hub, CloudWatch, Lambda, ECS, EKS, CodePipeline, SNS, SQS, API Gateway, Route 53) run
 * together: on the demo organisation every seeded problem they name fails and its twin passes,
 * and on AWS's sample templates no rule throws.
 */
import { describe, expect, it } from 'vitest';
import { corporaPresent, corpusPath } from '../../../test/corpora.js';
import { runRules } from '../../engine/index.js';
import { cloudFormationSource } from '../../sources/cloudformation/index.js';
import { buildDemoOrganisation, demoResourcesFor } from '../../sources/demo/index.js';
import { allRules } from '../index.js';

const SERVICES = [
  'cloudtrail',
  'config',
  'guardduty',
  'securityhub',
  'cloudwatch',
  'lambda',
  'ecs',
  'eks',
  'codepipeline',
  'sns',
  'sqs',
  'apigateway',
  'route53',
];
const rules = allRules.filter((r) => SERVICES.some((s) => r.id.startsWith(`${s}-`)));

/** Demo problem → the rule that must fail on it. */
const DEMO: Record<string, string> = {
  'cloudtrail-not-multi-region': 'cloudtrail-trail-multi-region-enabled',
  'cloudtrail-log-file-validation-disabled': 'cloudtrail-trail-log-file-validation-enabled',
  'guardduty-detector-disabled': 'guardduty-detector-enabled',
  'route53-failover-without-health-check': 'route53-record-failover-primary-has-health-check',
  's3-website-bucket-name-mismatch': 'route53-record-s3-website-bucket-matches-name',
  'lambda-env-secrets': 'lambda-function-environment-no-secrets',
  'ecs-service-below-desired-count': 'ecs-service-running-desired-count',
  'cloudwatch-alarm-firing': 'cloudwatch-alarm-ok',
  'cloudwatch-alarm-insufficient-data': 'cloudwatch-alarm-has-data',
  'codepipeline-latest-execution-failed': 'codepipeline-pipeline-latest-execution-succeeded',
  // The demo's catalogue expects the id events-account-security-findings-forwarded; EventBridge
  // was CloudWatch Events, and its rule lives with the CloudWatch rules.
  'events-security-findings-not-forwarded': 'cloudwatch-account-security-findings-forwarded',
};

describe('operations rules on the demo organisation', () => {
  const snapshot = buildDemoOrganisation();
  const { findings } = runRules(snapshot, { rules });
  const status = (ruleId: string, type: string, id: string) =>
    findings.find((f) => f.ruleId === ruleId && f.resource.type === type && f.resource.id === id)?.status;

  it.each(Object.entries(DEMO))('%s: the problem fails %s and the twin passes', (problem, ruleId) => {
    const wrong = demoResourcesFor(snapshot.resources, problem, 'problem');
    const right = demoResourcesFor(snapshot.resources, problem, 'twin');
    expect(wrong.length).toBeGreaterThan(0);
    expect(right.length).toBeGreaterThan(0);
    expect(wrong.map((r) => [r.id, status(ruleId, r.type, r.id)])).toEqual(wrong.map((r) => [r.id, 'fail']));
    expect(right.map((r) => [r.id, status(ruleId, r.type, r.id)])).toEqual(right.map((r) => [r.id, 'pass']));
  });

  it('reports no errors on the complete demo data', () => {
    expect(findings.filter((f) => f.status === 'error').map((f) => f.reason)).toEqual([]);
  });
});

describe.runIf(corporaPresent)('operations rules on AWS’s sample templates', () => {
  it('never throw, and give errors only for values the templates leave open', async () => {
    const snapshot = await cloudFormationSource.load(corpusPath('cfn-templates'), {});
    const { findings } = runRules(snapshot, { rules });
    expect(findings.length).toBeGreaterThan(500);
    expect(
      findings.filter((f) => / failed on | returned no valid result/.test(f.reason)).map((f) => f.reason),
    ).toEqual([]);
    const errors = findings.filter((f) => f.status === 'error');
    expect(
      errors.filter((f) => !/is not known|is not in the snapshot/.test(f.reason)).map((f) => f.reason),
    ).toEqual([]);
  });
});
