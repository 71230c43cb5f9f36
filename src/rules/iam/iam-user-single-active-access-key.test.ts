import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-user-single-active-access-key.js';

const USER = 'AWS::IAM::User';

describe('iam-user-single-active-access-key', () => {
  it('counts the access keys a template declares for each user', async () => {
    await expectFixture(rule, new URL('./fixtures/iam-user-single-active-access-key.yaml', import.meta.url));
  });

  it('counts active keys of live users', () => {
    expectResources(rule, [
      resource(
        USER,
        'FailTwoActive',
        {},
        {
          observed: {
            AccessKeys: [
              { AccessKeyId: 'AKIA1', Status: 'Active' },
              { AccessKeyId: 'AKIA2', Status: 'Active' },
            ],
          },
        },
      ),
      resource(
        USER,
        'PassOneActiveOneInactive',
        {},
        {
          observed: {
            AccessKeys: [
              { AccessKeyId: 'AKIA1', Status: 'Active' },
              { AccessKeyId: 'AKIA2', Status: 'Inactive' },
            ],
          },
        },
      ),
      resource(USER, 'NotApplicableKeysNotListed', {}, { observed: { UserId: 'AIDAEXAMPLE' } }),
    ]);
  });
});
