import type { Resource } from '../../../model/index.js';
import type { AccountContext } from './context.js';
import { accountSettings, identities } from './iam.js';
import { teamSecurityGroup, vpcBlock, type VpcInfo } from './network.js';
import {
  alarms,
  appLogGroup,
  compute,
  databases,
  functions,
  kmsKeys,
  loadBalancers,
  messagingAndData,
  storage,
} from './services.js';

/*
 * What one account holds, in proportions close to real estates: about a sixth instances, a fifth
 * EBS volumes, then snapshots, IAM roles, Lambda functions with their log groups, alarms, security
 * groups, buckets, tables, networking; log groups fill the account up to its exact count.
 *
 * Resources are produced targets first (a VPC before its subnets, a subnet before its instances, a
 * role before the functions that assume it), so cutting the sequence short anywhere — a small
 * `resourcesPerAccount` does that — never leaves a reference dangling.
 */

/** Share of the account's resources for each kind, before the log groups that fill the rest. */
const SHARE = {
  managedPolicies: 0.02,
  roles: 0.06,
  instanceProfiles: 0.01,
  users: 0.012,
  kmsKeys: 0.006,
  buckets: 0.04,
  topics: 0.01,
  queues: 0.015,
  tables: 0.03,
  /** A VPC brings about 17 resources (subnets, route tables, NACLs, gateways, five groups). */
  vpcs: 0.0035,
  teamSecurityGroups: 0.03,
  /** Each instance brings 1.35 volumes on average. */
  instances: 0.15,
  spareVolumes: 0.01,
  snapshots: 0.07,
  images: 0.008,
  dbInstances: 0.008,
  dbSnapshots: 0.016,
  /** Each load balancer brings a target group and a listener. */
  loadBalancers: 0.004,
  /** Each function brings its log group. */
  functions: 0.05,
  alarms: 0.05,
} as const;

/** The share of the regional resources that goes to a secondary region. */
const SECONDARY_SHARE = 0.25;

/** Exactly `total` resources of one account. */
export function* accountResources(ctx: AccountContext, total: number): Generator<Resource> {
  if (total <= 0) return;
  let produced = 0;
  for (const resource of planned(ctx, total)) {
    yield resource;
    if (++produced === total) return;
  }
  const primary = ctx.account.regions[0] as string;
  for (; produced < total; produced++) yield appLogGroup(ctx, primary);
}

function* planned(ctx: AccountContext, total: number): Generator<Resource> {
  const count = (share: number, min = 0): number => Math.max(min, Math.round(total * share));
  yield* accountSettings(ctx);
  const iam = yield* identities(ctx, {
    managedPolicies: count(SHARE.managedPolicies),
    roles: count(SHARE.roles, 3),
    instanceProfiles: count(SHARE.instanceProfiles, 1),
    users: count(SHARE.users),
  });

  const { regions } = ctx.account;
  let flowLogBucket: string | undefined;
  for (let r = 0; r < regions.length; r++) {
    const region = regions[r] as string;
    const primary = r === 0;
    const share =
      regions.length === 1 ? 1 : primary ? 1 - SECONDARY_SHARE : SECONDARY_SHARE / (regions.length - 1);
    const n = (key: keyof typeof SHARE, min = 0): number =>
      Math.max(min, Math.round(total * share * SHARE[key]));

    const keys: string[] = [];
    yield* kmsKeys(ctx, region, n('kmsKeys', 1), keys);
    if (primary)
      flowLogBucket = yield* storage(ctx, region, count(SHARE.buckets, 1), keys, iam.replicationRole);

    const topics: string[] = [];
    const tables: string[] = [];
    yield* messagingAndData(
      ctx,
      region,
      { topics: n('topics', 1), queues: n('queues'), tables: n('tables') },
      keys,
      topics,
      tables,
    );

    const vpcs: VpcInfo[] = [];
    const vpcCount = n('vpcs', 1);
    for (let v = 0; v < vpcCount; v++) vpcs.push(yield* vpcBlock(ctx, region, ctx.next(), flowLogBucket));
    for (let i = 0, extra = n('teamSecurityGroups'); i < extra; i++) {
      yield teamSecurityGroup(ctx, vpcs[i % vpcs.length] as VpcInfo);
    }

    const { instances } = yield* compute(
      ctx,
      vpcs,
      {
        instances: n('instances'),
        spareVolumes: n('spareVolumes'),
        snapshots: n('snapshots'),
        images: n('images'),
      },
      keys,
      iam.instanceProfiles,
    );
    yield* databases(ctx, vpcs, { instances: n('dbInstances'), snapshots: n('dbSnapshots') }, keys);
    yield* loadBalancers(ctx, vpcs, n('loadBalancers'), instances);
    const functionNames: string[] = [];
    yield* functions(ctx, vpcs, n('functions'), iam.lambdaRoles, tables, functionNames);
    yield* alarms(ctx, region, n('alarms'), { instances, tables, functions: functionNames, topics });
  }
}
