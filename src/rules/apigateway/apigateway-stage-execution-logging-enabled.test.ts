import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './apigateway-stage-execution-logging-enabled.js';

describe('apigateway-stage-execution-logging-enabled', () => {
  it('requires stage-wide execution logging on REST and WebSocket stages', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/apigateway-stage-execution-logging-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailOffForOneMethod')?.reason).toContain(
      'off for POST /payments',
    );
  });
});
