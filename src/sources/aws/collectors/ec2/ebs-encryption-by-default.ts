import { GetEbsDefaultKmsKeyIdCommand, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import type { Collector } from '../../collector.js';

const getDefault = { command: GetEbsEncryptionByDefaultCommand, action: 'ec2:GetEbsEncryptionByDefault' };
const getKey = { command: GetEbsDefaultKmsKeyIdCommand, action: 'ec2:GetEbsDefaultKmsKeyId' };

/**
 * `ec2 get-ebs-encryption-by-default` (+ the default key) → `AWS::EC2::EBSEncryptionByDefault`
 * (model-only type, one per account and region, id = account id).
 */
export const ebsEncryptionByDefault: Collector = {
  id: 'ec2/ebs-encryption-by-default',
  service: 'ec2',
  resourceTypes: ['AWS::EC2::EBSEncryptionByDefault'],
  list: [],
  extra: [getDefault, getKey],
  custom: async (api, data) => {
    const setting = await api.call(getDefault, {});
    const key = await api.call(getKey, {});
    data.items.Settings = [{ ...(setting ?? {}), ...(key ?? {}) }];
  },
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.Settings ?? []).map((s) => ({
        type: 'AWS::EC2::EBSEncryptionByDefault',
        id: ctx.account,
        name: `EBS encryption by default (${ctx.region})`,
        props: {
          EbsEncryptionByDefault: s.EbsEncryptionByDefault === true,
          ...(typeof s.KmsKeyId === 'string' ? { KmsKeyId: s.KmsKeyId } : {}),
        },
      })),
  },
};
