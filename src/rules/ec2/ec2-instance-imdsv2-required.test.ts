import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-imdsv2-required.js';

describe('ec2-instance-imdsv2-required', () => {
  it('reads the instance, then its launch template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-instance-imdsv2-required.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'PassFromLaunchTemplate')?.reason).toContain(
      'launch template HardenedTemplate',
    );
  });

  it('reads live metadata options and skips terminated instances', () => {
    expectResources(rule, [
      resource(
        'AWS::EC2::Instance',
        'FailLiveOptional',
        { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } },
        { observed: { State: 'running' } },
      ),
      resource('AWS::EC2::Instance', 'NotApplicableTerminated', {}, { observed: { State: 'terminated' } }),
    ]);
  });
});
