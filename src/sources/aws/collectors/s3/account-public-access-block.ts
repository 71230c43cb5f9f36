import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { ApiCall, Collector, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

const GET_ACCOUNT_BLOCK: ApiCall = {
  command: GetPublicAccessBlockCommand,
  action: 's3:GetAccountPublicAccessBlock',
  notConfigured: ['NoSuchPublicAccessBlockConfiguration'],
};

/**
 * `s3control get-public-access-block --account-id <id>` → `AWS::S3::AccountPublicAccessBlock`
 * (id = account id, region `global`), the four settings as props. An account that never set them
 * answers `NoSuchPublicAccessBlockConfiguration`: every setting is off (`Configured: false` in
 * `observed`), which is a fact, not a failure.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
 */
export const accountPublicAccessBlock: Collector = {
  id: 's3/account-public-access-block',
  service: 's3control',
  global: true,
  resourceTypes: ['AWS::S3::AccountPublicAccessBlock'],
  list: [],
  extra: [GET_ACCOUNT_BLOCK],
  custom: async (api, data) => {
    const output = await api.call(GET_ACCOUNT_BLOCK, { AccountId: api.ctx.account });
    // `null`: not configured. Kept as an item either way, so the mapping can tell it from "not read".
    data.items.PublicAccessBlock = [
      { AccountId: api.ctx.account, Configuration: output?.PublicAccessBlockConfiguration ?? null },
    ];
  },
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.PublicAccessBlock ?? []).map((item): ResourceDraft => {
        const configuration = isJson(item.Configuration) ? item.Configuration : undefined;
        // A flag the answer leaves out is off, as S3 applies it.
        const props = Object.fromEntries(FLAGS.map((f) => [f, configuration?.[f] === true]));
        return {
          type: 'AWS::S3::AccountPublicAccessBlock',
          id: ctx.account,
          name: `${ctx.account} S3 Block Public Access`,
          props,
          observed: { Configured: configuration !== undefined },
        };
      }),
  },
};
