import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import type { Collector } from '../../collector.js';

const passwordPolicy = {
  command: GetAccountPasswordPolicyCommand,
  action: 'iam:GetAccountPasswordPolicy',
  // No policy set: IAM answers NoSuchEntity.
  notConfigured: ['NoSuchEntity'],
};
const summary = { command: GetAccountSummaryCommand, action: 'iam:GetAccountSummary' };

/**
 * `iam get-account-password-policy` → `AWS::IAM::AccountPasswordPolicy` (model-only type, id = account
 * id, props in the API's field names; `observed.PolicySet: false` and no props when none is set), with
 * `iam get-account-summary` in its `observed.AccountSummary` (root MFA and keys, quotas).
 */
export const account: Collector = {
  id: 'iam/account',
  service: 'iam',
  global: true,
  resourceTypes: ['AWS::IAM::AccountPasswordPolicy'],
  list: [],
  extra: [passwordPolicy, summary],
  custom: async (api, data) => {
    const policy = await api.call(passwordPolicy, {});
    const counts = await api.call(summary, {});
    data.items.Account = [
      { PasswordPolicy: policy?.PasswordPolicy ?? null, SummaryMap: counts?.SummaryMap ?? {} },
    ];
  },
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.Account ?? []).map((item) => {
        const policy = item.PasswordPolicy;
        const set = typeof policy === 'object' && policy !== null;
        return {
          type: 'AWS::IAM::AccountPasswordPolicy',
          id: ctx.account,
          name: `${ctx.account} password policy`,
          props: set ? { ...(policy as Record<string, unknown>) } : {},
          observed: { PolicySet: set, AccountSummary: item.SummaryMap },
        };
      }),
  },
};
