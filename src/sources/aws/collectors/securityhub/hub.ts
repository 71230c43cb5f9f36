import { DescribeHubCommand, GetEnabledStandardsCommand } from '@aws-sdk/client-securityhub';
import type { Collector } from '../../collector.js';

const hub = {
  command: DescribeHubCommand,
  action: 'securityhub:DescribeHub',
  // Security Hub not enabled in the region: InvalidAccessException.
  notConfigured: ['InvalidAccessException', 'ResourceNotFoundException'],
};
const standards = {
  command: GetEnabledStandardsCommand,
  action: 'securityhub:GetEnabledStandards',
  notConfigured: ['InvalidAccessException'],
};

/** `securityhub describe-hub` + enabled standards → `AWS::SecurityHub::Hub` (id = hub ARN) when enabled. */
export const hubs: Collector = {
  id: 'securityhub/hub',
  service: 'securityhub',
  resourceTypes: ['AWS::SecurityHub::Hub'],
  list: [],
  extra: [hub, standards],
  custom: async (api, data) => {
    const described = await api.call(hub, {});
    if (!described || typeof described.HubArn !== 'string') return;
    const enabled = await api.call(standards, {});
    data.items.Hub = [{ ...described, Standards: enabled?.StandardsSubscriptions ?? [] }];
  },
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Hub ?? []).map((h) => ({
        type: 'AWS::SecurityHub::Hub',
        id: String(h.HubArn),
        arn: String(h.HubArn),
        props: {
          AutoEnableControls: h.AutoEnableControls,
          ControlFindingGenerator: h.ControlFindingGenerator,
        },
        observed: { SubscribedAt: h.SubscribedAt, Standards: h.Standards },
      })),
  },
};
