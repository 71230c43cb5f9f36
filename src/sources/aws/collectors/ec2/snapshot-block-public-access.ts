import { GetSnapshotBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import type { Collector } from '../../collector.js';

const getState = {
  command: GetSnapshotBlockPublicAccessStateCommand,
  action: 'ec2:GetSnapshotBlockPublicAccessState',
};
const TYPE = 'AWS::EC2::SnapshotBlockPublicAccess';

/**
 * `ec2 get-snapshot-block-public-access-state` → `AWS::EC2::SnapshotBlockPublicAccess` (one per
 * account and region, id = account id, as the CloudFormation resource's `Ref`): `State` is
 * `block-all-sharing`, `block-new-sharing` or `unblocked` (never turned on), `observed.ManagedBy`
 * says whether a declarative policy sets it. The setting is regional.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetSnapshotBlockPublicAccessState.html
 * A denied call is a gap for the type, so `ec2-snapshot-not-public` gives `error` for a public
 * snapshot rather than assuming the setting is off.
 */
export const snapshotBlockPublicAccess: Collector = {
  id: 'ec2/snapshot-block-public-access',
  service: 'ec2',
  resourceTypes: [TYPE],
  list: [],
  extra: [getState],
  custom: async (api, data) => {
    const out = await api.call(getState, {});
    if (typeof out?.State !== 'string') {
      // AWS always answers with a state; an answer without one says nothing about the setting.
      api.gap({
        kind: 'api-error',
        message: `${TYPE} in ${api.ctx.account} ${api.ctx.region}: GetSnapshotBlockPublicAccessState returned no State`,
        resourceType: TYPE,
      });
      return;
    }
    data.items.Settings = [out];
  },
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.Settings ?? []).map((s) => ({
        type: TYPE,
        id: ctx.account,
        name: `Snapshot block public access (${ctx.region})`,
        props: { State: s.State },
        ...(typeof s.ManagedBy === 'string' ? { observed: { ManagedBy: s.ManagedBy } } : {}),
      })),
  },
};
