import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './guardduty-detector-enabled.js';

const DETECTOR = 'AWS::GuardDuty::Detector';

describe('guardduty-detector-enabled', () => {
  it('reads Enable in templates', async () => {
    await expectFixture(rule, new URL('./fixtures/guardduty-detector-enabled.yaml', import.meta.url));
  });

  it('trusts the live status over the declared setting', () => {
    expectResources(rule, [
      resource(DETECTOR, 'FailSuspendedSinceDeploy', { Enable: true }, { observed: { Status: 'DISABLED' } }),
      resource(DETECTOR, 'PassLiveEnabled', { Enable: true }, { observed: { Status: 'ENABLED' } }),
    ]);
  });
});
