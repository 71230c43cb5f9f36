import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './organizations-organization-custom-scp-attached.js';

const ORG = 'AWS::Organizations::Organization';
const POLICY = 'AWS::Organizations::Policy';
const guard = { Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };
const full = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const inAccount = (account: string) => ({ account, region: 'global' });

describe('organizations-organization-custom-scp-attached', () => {
  it('needs SCPs enabled and a custom SCP attached', () => {
    expectResources(rule, [
      resource(
        ORG,
        'PassGuarded',
        { FeatureSet: 'ALL' },
        { ...inAccount('111111111111'), observed: { EnabledPolicyTypes: ['SERVICE_CONTROL_POLICY'] } },
      ),
      resource(
        POLICY,
        'p-guard',
        { Type: 'SERVICE_CONTROL_POLICY', Content: guard, TargetIds: ['ou-1'] },
        inAccount('111111111111'),
      ),

      resource(
        ORG,
        'FailOnlyFullAccess',
        { FeatureSet: 'ALL' },
        { ...inAccount('222222222222'), observed: { EnabledPolicyTypes: ['SERVICE_CONTROL_POLICY'] } },
      ),
      resource(
        POLICY,
        'p-FullAWSAccess',
        { Type: 'SERVICE_CONTROL_POLICY', Content: full, TargetIds: ['r-1'] },
        {
          ...inAccount('222222222222'),
          observed: { AwsManaged: true },
        },
      ),
      resource(
        POLICY,
        'p-unattached',
        { Type: 'SERVICE_CONTROL_POLICY', Content: guard, TargetIds: [] },
        inAccount('222222222222'),
      ),

      resource(
        ORG,
        'FailScpTypeDisabled',
        {},
        { ...inAccount('333333333333'), observed: { EnabledPolicyTypes: [] } },
      ),
      resource(
        POLICY,
        'p-guard-3',
        { Type: 'SERVICE_CONTROL_POLICY', Content: guard, TargetIds: ['ou-3'] },
        inAccount('333333333333'),
      ),

      resource(ORG, 'FailBillingOnly', { FeatureSet: 'CONSOLIDATED_BILLING' }, inAccount('444444444444')),
      resource(ORG, 'ErrorPolicyTypesUnknown', {}, inAccount('555555555555')),
      resource(
        ORG,
        'ErrorPoliciesUnread',
        { FeatureSet: 'ALL' },
        {
          ...inAccount('666666666666'),
          observed: { EnabledPolicyTypes: ['SERVICE_CONTROL_POLICY'], PoliciesCollected: false },
        },
      ),
    ]);
  });
});
