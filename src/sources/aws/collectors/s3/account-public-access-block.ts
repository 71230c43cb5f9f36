import type { Collector } from '../../collector.js';

/**
 * The account-level S3 Block Public Access setting (`AWS::S3::AccountPublicAccessBlock`) is read with
 * the S3 Control API (`s3control get-public-access-block`), whose client this build does not include:
 * the collector records that as a gap on every account, so rules never read its absence as "off".
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
 */
export const accountPublicAccessBlock: Collector = {
  id: 's3/account-public-access-block',
  service: 's3',
  global: true,
  resourceTypes: ['AWS::S3::AccountPublicAccessBlock'],
  list: [],
  custom: async (api) => {
    api.gap({
      kind: 'unsupported-type',
      message: `AWS::S3::AccountPublicAccessBlock of ${api.ctx.account} not collected: s3control GetPublicAccessBlock is not available in this build`,
      resourceType: 'AWS::S3::AccountPublicAccessBlock',
    });
  },
  mapping: { kind: 'resources', map: () => [] },
};
