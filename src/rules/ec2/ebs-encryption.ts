/**
 * EBS encryption by default is an account setting per region (`ec2
 * get-ebs-encryption-by-default`), which no CloudFormation type declares. Until the model has a
 * type for it, rules look for resources of the name below with `{EbsEncryptionByDefault: boolean,
 * KmsKeyId?}` props in the same account and region, and say so when there are none. Not a rule.
 * https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
 */
import type { Resource } from '../../model/index.js';
import { asBoolean, type GraphView } from '../rule.js';

export const EBS_ENCRYPTION_BY_DEFAULT = 'AWS::EC2::EBSEncryptionByDefault';

/** The setting of `resource`'s account and region: on, off, or not in the snapshot. */
export function encryptionByDefault(
  resource: Resource,
  graph: GraphView,
): { readonly setting?: Resource; readonly enabled?: boolean } {
  const setting = graph.find(
    EBS_ENCRYPTION_BY_DEFAULT,
    (s) => s.account === resource.account && s.region === resource.region,
  );
  if (!setting) return {};
  return {
    setting,
    enabled: asBoolean(setting.props.EbsEncryptionByDefault ?? setting.observed?.EbsEncryptionByDefault),
  };
}
