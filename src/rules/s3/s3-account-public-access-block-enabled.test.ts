import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-account-public-access-block-enabled.js';

const TYPE = 'AWS::S3::AccountPublicAccessBlock';
const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const settings = (id: string, props: Record<string, unknown>) =>
  resource(TYPE, id, props, { account: '123456789012', region: 'global' });

// The account-level settings cannot be declared in a CloudFormation template (they are an s3control
// setting), so the cases are in-memory resources as the live and describe sources produce them.
describe('s3-account-public-access-block-enabled', () => {
  it('passes all four on and fails any one off or absent', () => {
    const findings = expectResources(rule, [
      settings('PassAllOn', ALL_ON),
      settings('PassStringsFromTerraform', {
        BlockPublicAcls: 'true',
        IgnorePublicAcls: 'true',
        BlockPublicPolicy: 'true',
        RestrictPublicBuckets: 'true',
      }),
      settings('PassBucketShape', { PublicAccessBlockConfiguration: ALL_ON }),
      settings('FailPolicyFlagsOff', { ...ALL_ON, BlockPublicPolicy: false, RestrictPublicBuckets: false }),
      settings('FailNoneConfigured', {}),
      settings('FailOneOffOneUnknown', {
        ...ALL_ON,
        IgnorePublicAcls: false,
        BlockPublicPolicy: unresolved('known after apply', 'Terraform value known after apply'),
      }),
      settings('ErrorFlagUnknown', {
        ...ALL_ON,
        RestrictPublicBuckets: unresolved('known after apply', 'Terraform value known after apply'),
      }),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPolicyFlagsOff')).toContain('BlockPublicPolicy, RestrictPublicBuckets off');
    expect(reason('ErrorFlagUnknown')).toContain('RestrictPublicBuckets is not known');
  });
});
