import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../../model/index.js';
import { loadPlan, makePlan } from '../fixtures/make-plan.js';

const byId = (s: Snapshot, id: string): Resource => {
  const r = s.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} in ${s.resources.map((x) => x.id).join(', ')}`);
  return r;
};

describe('instances', () => {
  it('keeps the existing interfaces and the launch template an instance launches with', () => {
    const s = loadPlan(
      makePlan([
        {
          address: 'aws_instance.eni',
          after: {
            ami: 'ami-0abcdef1234567890',
            network_interface: [{ device_index: 0, network_interface_id: 'eni-0123456789abcdef0' }],
          },
        },
        {
          address: 'aws_instance.lt',
          after: { launch_template: [{ id: 'lt-0123456789abcdef0', name: '', version: '$Latest' }] },
        },
      ]),
    );
    expect(byId(s, 'aws_instance.eni').props.NetworkInterfaces).toEqual([
      { DeviceIndex: '0', NetworkInterfaceId: 'eni-0123456789abcdef0' },
    ]);
    expect(byId(s, 'aws_instance.lt').props.LaunchTemplate).toEqual({
      LaunchTemplateId: 'lt-0123456789abcdef0',
      Version: '$Latest',
    });
  });
});
