import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './eks-cluster-endpoint-not-public.js';

describe('eks-cluster-endpoint-not-public', () => {
  it('fails the public endpoint, which is on by default', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/eks-cluster-endpoint-not-public.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailPublicByDefault')?.reason).toContain(
      'open to 0.0.0.0/0',
    );
  });

  it('can accept a public endpoint limited to known CIDRs', () => {
    expectResources(
      rule,
      [
        resource('AWS::EKS::Cluster', 'PassRestricted', {
          ResourcesVpcConfig: { EndpointPublicAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] },
        }),
        resource('AWS::EKS::Cluster', 'FailStillOpen', {
          ResourcesVpcConfig: { EndpointPublicAccess: true, PublicAccessCidrs: ['0.0.0.0/0'] },
        }),
      ],
      { params: { allowRestrictedCidrs: true } },
    );
  });
});
