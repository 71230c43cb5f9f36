import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './lambda-function-dead-letter-configured.js';

describe('lambda-function-dead-letter-configured', () => {
  it('asks functions with asynchronous sources for a DLQ or an on-failure destination', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/lambda-function-dead-letter-configured.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailSnsSubscriberWithoutDlq')).toContain('SNS Subscription AlertsSubscription');
    expect(reason('PassOnFailureDestination')).toContain('on-failure destination of NightlyInvokeConfig');
  });
});
