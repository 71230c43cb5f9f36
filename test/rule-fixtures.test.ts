import { describe, expect, it } from 'vitest';
import { defineRule, fail, pass } from '../src/rules/rule.js';
import { expectedStatus, expectFixture, expectResources, resource } from './rule-fixtures.js';

const rule = defineRule({
  id: 's3-bucket-harness-check',
  title: 'Harness check',
  category: 'dr',
  severity: 'low',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale: 'r',
  remediation: { text: 't' },
  controls: [],
  evaluate: (r) => (r.props.Good ? pass(`${r.id} good.`) : fail(`${r.id} bad.`)),
});

/** The values the harness's failed assertion compared (its message elides them). */
function mismatch(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return (e as { actual?: unknown }).actual;
  }
  throw new Error('the harness accepted a wrong fixture');
}

describe('fixture harness', () => {
  it('reads the expected outcome from the name', () => {
    expect(
      ['PassA', 'FailB', 'NotApplicableC', 'ErrorD', 'Pass', 'Passport', 'Failover', 'Other'].map(
        expectedStatus,
      ),
    ).toEqual(['pass', 'fail', 'not_applicable', 'error', 'pass', undefined, undefined, undefined]);
  });

  it('accepts outcomes that match the names', () => {
    expectResources(rule, [
      resource('AWS::S3::Bucket', 'PassGood', { Good: true }),
      resource('AWS::S3::Bucket', 'FailBad'),
    ]);
  });

  it('rejects a wrong outcome, showing the reason', () => {
    expect(mismatch(() => expectResources(rule, [resource('AWS::S3::Bucket', 'PassNotReally')]))).toEqual({
      PassNotReally: 'fail: PassNotReally bad.',
    });
  });

  it('rejects an evaluated resource whose name says no outcome, and a named one the rule skips', () => {
    expect(
      mismatch(() => expectResources(rule, [resource('AWS::S3::Bucket', 'Bucket', { Good: true })])),
    ).toEqual(['Bucket (AWS::S3::Bucket) is evaluated but its name says no outcome']);
    expect(mismatch(() => expectResources(rule, [resource('AWS::SQS::Queue', 'PassQueue')]))).toEqual([
      'PassQueue (AWS::SQS::Queue) is named for an outcome but not evaluated',
    ]);
  });

  it('loads templates through the CloudFormation source and wants both a Pass and a Fail', async () => {
    const template = new URL('../src/rules/s3/fixtures/s3-bucket-versioning-enabled.yaml', import.meta.url);
    const versionedOnly = defineRule({
      ...rule,
      id: 's3-bucket-harness-template',
      evaluate: (r) => pass(`${r.id} ok.`),
    });
    await expect(expectFixture(versionedOnly, template)).rejects.toThrow();
  });
});
