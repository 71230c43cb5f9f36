import {
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import type { Collector, Json } from '../../collector.js';
import { isJson, objectsOf } from '../../json.js';

const lastUsed = { command: GetAccessKeyLastUsedCommand, action: 'iam:GetAccessKeyLastUsed' };

/**
 * `iam get-account-authorization-details` (users, groups, roles with instance profiles, customer and
 * used AWS managed policies, every page) → `AWS::IAM::User`, `Group`, `Role`, `InstanceProfile`,
 * `ManagedPolicy` through the describe-JSON IAM mapper; plus, per user, `list-access-keys` and
 * `get-access-key-last-used` → `observed.AccessKeys` on the user.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
export const authorizationDetails: Collector = {
  id: 'iam/authorization-details',
  service: 'iam',
  global: true,
  resourceTypes: [
    'AWS::IAM::User',
    'AWS::IAM::Group',
    'AWS::IAM::Role',
    'AWS::IAM::InstanceProfile',
    'AWS::IAM::ManagedPolicy',
  ],
  list: [
    {
      command: GetAccountAuthorizationDetailsCommand,
      action: 'iam:GetAccountAuthorizationDetails',
      items: ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'],
      paginate: {
        inputToken: 'Marker',
        outputToken: 'Marker',
        moreKey: 'IsTruncated',
        pageSize: ['MaxItems', 1000],
      },
    },
  ],
  details: [
    {
      name: 'accessKeys',
      of: 'UserDetailList',
      command: ListAccessKeysCommand,
      action: 'iam:ListAccessKeys',
      input: (user) => (typeof user.UserName === 'string' ? { UserName: user.UserName } : undefined),
      items: 'AccessKeyMetadata',
      paginate: { inputToken: 'Marker', outputToken: 'Marker', moreKey: 'IsTruncated' },
    },
  ],
  extra: [lastUsed],
  custom: async (api, data) => {
    const keys = (data.items.UserDetailList ?? []).flatMap((user) => {
      const detail = isJson(user.$detail) ? user.$detail : {};
      return isJson(detail.accessKeys) ? objectsOf(detail.accessKeys.AccessKeyMetadata) : [];
    });
    await Promise.all(
      keys.map(async (key) => {
        if (typeof key.AccessKeyId !== 'string') return;
        const output = await api.call(lastUsed, { AccessKeyId: key.AccessKeyId });
        if (output && isJson(output.AccessKeyLastUsed)) key.LastUsed = output.AccessKeyLastUsed;
      }),
    );
  },
  mapping: { kind: 'describe-json' },
  enrich: (data, _ctx, find) => {
    for (const user of data.items.UserDetailList ?? []) {
      const detail = isJson(user.$detail) ? user.$detail : {};
      if (!isJson(detail.accessKeys) || typeof user.UserName !== 'string') continue;
      const resource = find('AWS::IAM::User', user.UserName);
      if (!resource) continue;
      const keys: Json[] = objectsOf(detail.accessKeys.AccessKeyMetadata).map((key) => {
        const used = isJson(key.LastUsed) ? key.LastUsed : {};
        const out: Json = { AccessKeyId: key.AccessKeyId, Status: key.Status, CreateDate: key.CreateDate };
        // AWS reports N/A for a key never used; only real dates are kept.
        if (typeof used.LastUsedDate === 'string') {
          out.LastUsedDate = used.LastUsedDate;
          out.LastUsedService = used.ServiceName;
          out.LastUsedRegion = used.Region;
        }
        return out;
      });
      resource.observed = { ...resource.observed, AccessKeys: keys };
    }
  },
};
