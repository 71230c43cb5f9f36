import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './organizations-ou-guardrail-scp-attached.js';

const OU = 'AWS::Organizations::OrganizationalUnit';
const POLICY = 'AWS::Organizations::Policy';
const ou = (id: string, parent: string, name: string) =>
  resource(OU, id, { Name: name, ParentId: parent }, { origin: { source: 'aws', logicalId: name } });
const scp = (id: string, targets: string[], statement: Record<string, unknown>, awsManaged = false) =>
  resource(
    POLICY,
    id,
    { Type: 'SERVICE_CONTROL_POLICY', Content: { Statement: [statement] }, TargetIds: targets },
    awsManaged ? { observed: { AwsManaged: true } } : {},
  );

describe('organizations-ou-guardrail-scp-attached', () => {
  it('follows the OU path and ignores denies scoped by region', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/organizations-ou-guardrail-scp-attached.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailDev')?.reason).toContain(
      'FailDev → FailWorkloads → r-abcd) are RegionGuardrail (deny-unapproved-regions)',
    );
  });

  it('inherits from parents and the root, not from AWS managed FullAWSAccess', () => {
    const guard = {
      Effect: 'Deny',
      Action: ['organizations:LeaveOrganization', 'cloudtrail:*'],
      Resource: '*',
    };
    expectResources(rule, [
      ou('ou-parent', 'r-abcd', 'PassGuardedParent'),
      ou('ou-child', 'ou-parent', 'PassChildInherits'),
      ou('ou-sandbox', 'r-abcd', 'FailSandbox'),
      ou('ou-orphan', 'ou-missing', 'ErrorParentMissing'),
      scp('p-guard', ['ou-parent'], guard),
      scp('p-full', ['r-abcd', 'ou-sandbox'], { Effect: 'Allow', Action: '*', Resource: '*' }, true),
    ]);
    expectResources(rule, [ou('ou-any', 'r-root', 'PassRootGuarded'), scp('p-root', ['r-root'], guard)]);
  });
});
