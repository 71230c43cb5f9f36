import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-root-no-access-key.js';

const ROOT = 'AWS::IAM::RootAccount';

describe('iam-root-no-access-key', () => {
  it('reads GetAccountSummary and credential report facts', () => {
    expectResources(rule, [
      resource(ROOT, 'FailSummaryKeysPresent', {}, { observed: { AccessKeysPresent: true } }),
      resource(ROOT, 'PassSummaryNoKeys', {}, { observed: { AccessKeysPresent: false, MfaActive: true } }),
      resource(
        ROOT,
        'FailReportKey2Active',
        {},
        { observed: { AccessKey1Active: 'false', AccessKey2Active: 'true' } },
      ),
      resource(
        ROOT,
        'PassReportKeysInactive',
        {},
        { observed: { AccessKey1Active: false, AccessKey2Active: false } },
      ),
      resource(ROOT, 'FailKeyList', {}, { observed: { AccessKeys: [{ Status: 'Active' }] } }),
      resource(ROOT, 'PassKeyListInactive', {}, { observed: { AccessKeys: [{ Status: 'Inactive' }] } }),
      resource(ROOT, 'ErrorNoFacts', {}, { observed: { MfaActive: true } }),
      resource(ROOT, 'ErrorNoObserved', {}),
    ]);
  });
});
