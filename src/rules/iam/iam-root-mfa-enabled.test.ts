import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-root-mfa-enabled.js';

const ROOT = 'AWS::IAM::RootAccount';

describe('iam-root-mfa-enabled', () => {
  it('reads mfa_active from the credential report', () => {
    expectResources(rule, [
      resource(ROOT, 'PassMfa', {}, { observed: { MfaActive: true } }),
      resource(ROOT, 'PassMfaAsReportText', {}, { observed: { MfaActive: 'true' } }),
      resource(ROOT, 'FailNoMfa', {}, { observed: { MfaActive: false } }),
      resource(ROOT, 'ErrorNotReported', {}, { observed: { AccessKeysPresent: false } }),
    ]);
  });
});
