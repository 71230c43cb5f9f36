import { describe, expect, it } from 'vitest';
import { makeSnapshot, type Resource } from '../model/index.js';
import { buildDemoOrganisation } from '../sources/demo/index.js';
import { iamEngine } from './iam-findings.js';

const NO_CONFIG = { suppressions: [], params: {} };
const A = '111111111111';
const doc = (...Statement: Array<Record<string, unknown>>) => ({ Version: '2012-10-17', Statement });

function queue(id: string, policy?: Record<string, unknown>): Resource {
  return {
    type: 'AWS::SQS::Queue',
    id,
    arn: `arn:aws:sqs:us-east-1:${A}:${id}`,
    name: id,
    account: A,
    region: 'us-east-1',
    tags: {},
    props: { QueueName: id, ...(policy ? { PolicyDocument: policy } : {}) },
    origin: { source: 'cloudformation', logicalId: id },
  };
}

function run(resources: Resource[]) {
  const result = iamEngine().run(makeSnapshot(resources, [], { takenAt: '2026-06-01T00:00:00Z' }), NO_CONFIG);
  return result.findings.map((f) => `${f.ruleId} ${f.resource.id} ${f.status}`).sort();
}

describe('iamEngine', () => {
  const q = (id: string) => `arn:aws:sqs:us-east-1:${A}:${id}`;
  it('flags a queue anyone may use, decided by the evaluator', () => {
    const findings = run([
      queue(
        'FailPublic',
        doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: q('FailPublic') }),
      ),
      queue(
        'FailAnyAccount',
        doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*' }),
      ),
      // Pinned to the organisation or to a source: private.
      queue(
        'PassOrg',
        doc({
          Effect: 'Allow',
          Principal: '*',
          Action: 'sqs:SendMessage',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
        }),
      ),
      queue(
        'PassSource',
        doc({
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: '*',
          Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${A}:t` } },
        }),
      ),
      // A grant to "*" taken back by a Deny outside the account.
      queue(
        'PassDenied',
        doc(
          { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sqs:*',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:PrincipalAccount': A } },
          },
        ),
      ),
      // Secure transport is the caller's choice: it does not make the grant private.
      queue(
        'FailTls',
        doc({
          Effect: 'Allow',
          Principal: '*',
          Action: 'sqs:ReceiveMessage',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        }),
      ),
      queue('NoPolicy'),
    ]);
    expect(findings).toEqual([
      `iam-resource-policy-not-public FailAnyAccount fail`,
      `iam-resource-policy-not-public FailPublic fail`,
      `iam-resource-policy-not-public FailTls fail`,
    ]);
  });
  it('flags grants to accounts outside the organisation, not to its own accounts', () => {
    const findings = run([
      queue(
        'FailPartner',
        doc({
          Effect: 'Allow',
          Principal: { AWS: '999999999999' },
          Action: 'sqs:SendMessage',
          Resource: '*',
        }),
      ),
      queue(
        'PassOwn',
        doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:root` },
          Action: 'sqs:SendMessage',
          Resource: '*',
        }),
      ),
    ]);
    expect(findings).toEqual(['iam-resource-policy-no-external-access FailPartner fail']);
  });
  it('trusts the Elastic Load Balancing log-delivery accounts by default, and the accounts configured', () => {
    const elb = queue(
      'PassElb',
      doc({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::127311923021:root' },
        Action: 'sqs:SendMessage',
        Resource: '*',
      }),
    );
    const partner = queue(
      'Partner',
      doc({ Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sqs:SendMessage', Resource: '*' }),
    );
    expect(run([elb])).toEqual([]);
    const config = {
      suppressions: [],
      params: { 'iam-resource-policy-no-external-access': { trustedAccounts: ['999999999999'] } },
    };
    expect(iamEngine().run(makeSnapshot([partner]), config).findings).toEqual([]);
  });
  it('finds nothing public or external in the demo organisation (its ALB log bucket names the ELB account)', () => {
    const result = iamEngine().run(buildDemoOrganisation(), NO_CONFIG);
    expect(result.findings.filter((f) => f.status === 'fail')).toEqual([]);
    expect(result.counts.byStatus.pass).toBeGreaterThan(0);
  });
});
