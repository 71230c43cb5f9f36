import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-volume-attached.js';

const VOLUME = 'AWS::EC2::Volume';

describe('ec2-volume-attached', () => {
  it('reads VolumeAttachment resources and instance Volumes in a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-volume-attached.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailNeverAttached')?.reason).toBe(
      'EBS volume FailNeverAttached is attached to no instance in the template; its 500 GiB gp3 storage costs $40.00 a month.',
    );
  });

  it('reads the observed state of live volumes', () => {
    expectResources(rule, [
      resource(
        VOLUME,
        'FailAvailable',
        { Size: 500, VolumeType: 'gp3', Iops: 3000, Throughput: 125 },
        { observed: { State: 'available', Attachments: [] } },
      ),
      resource(
        VOLUME,
        'PassInUse',
        { Size: 16, VolumeType: 'gp3' },
        {
          observed: { State: 'in-use', Attachments: [{ InstanceId: 'i-1', State: 'attached' }] },
        },
      ),
      resource(VOLUME, 'NotApplicableCreating', { Size: 8 }, { observed: { State: 'creating' } }),
      resource(VOLUME, 'ErrorNoState', { Size: 8 }),
    ]);
  });
});
