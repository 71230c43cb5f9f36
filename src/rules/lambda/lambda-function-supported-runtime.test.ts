import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './lambda-function-supported-runtime.js';

const FUNCTION = 'AWS::Lambda::Function';

describe('lambda-function-supported-runtime', () => {
  it('fails runtimes past their deprecation date at the time of the run (2026-06-01)', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/lambda-function-supported-runtime.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailPython38')?.reason).toBe(
      'Lambda function FailPython38 uses python3.8, deprecated since 2024-10-14: it gets no security patches; move to python3.13 or another supported runtime.',
    );
  });

  it('can warn ahead of the date, and takes dates from its parameters', () => {
    const nodejs22 = resource(FUNCTION, 'FailWithinNoticePeriod', { Runtime: 'nodejs22.x' });
    expectResources(rule, [nodejs22], { params: { daysBefore: 365 } });
    expectResources(rule, [resource(FUNCTION, 'FailDateFromConfiguration', { Runtime: 'java11' })], {
      params: { deprecations: { java11: '2026-01-01' } },
    });
  });
});
