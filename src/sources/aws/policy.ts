/**
 * The IAM policy cloudrounds needs to collect: exactly the actions the collectors declare, plus the
 * scope calls (identity, regions, organisation accounts) and the Cost Explorer spend source.
 * Generated, never hand-kept.
 */
import { actionsOf, type Collector } from './collector.js';
import { COLLECTORS } from './collectors/index.js';
import { COST_EXPLORER_ACTIONS } from './cost-explorer.js';
import { SCOPE_CALLS } from './scope.js';

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: string | string[] }>;
}

/** Every action collection may call, sorted and unique. */
export function collectionActions(collectors: readonly Collector[] = COLLECTORS): string[] {
  const actions = new Set<string>([
    ...Object.values(SCOPE_CALLS).map((c) => c.action),
    ...COST_EXPLORER_ACTIONS,
  ]);
  for (const collector of collectors) for (const action of actionsOf(collector)) actions.add(action);
  return [...actions].sort();
}

/**
 * Actions whose every call names the resources it needs (`ApiCall.resources`), with those resources
 * together, sorted.
 */
export function scopedActions(collectors: readonly Collector[] = COLLECTORS): Map<string, string[]> {
  const scoped = new Map<string, Set<string>>();
  const anywhere = new Set<string>();
  for (const collector of collectors) {
    for (const call of [...collector.list, ...(collector.details ?? []), ...(collector.extra ?? [])]) {
      if (!call.resources) {
        anywhere.add(call.action);
        continue;
      }
      let arns = scoped.get(call.action);
      if (!arns) scoped.set(call.action, (arns = new Set()));
      for (const arn of call.resources) arns.add(arn);
    }
  }
  return new Map(
    [...scoped]
      .filter(([action]) => !anywhere.has(action))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([action, arns]) => [action, [...arns].sort()]),
  );
}

/**
 * The read-only policy: every action on `*`, but those limited to named resources, each in a
 * statement of its own. With `orgRole`, a second statement lets the caller assume that role in the
 * member accounts (the role there needs the first statement).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function readOnlyPolicy(
  options: { orgRole?: string; collectors?: readonly Collector[] } = {},
): IamPolicy {
  const scoped = scopedActions(options.collectors);
  const policy: IamPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudroundsReadOnly',
        Effect: 'Allow',
        Action: collectionActions(options.collectors).filter((a) => !scoped.has(a)),
        Resource: '*',
      },
    ],
  };
  for (const [action, resources] of scoped) {
    policy.Statement.push({
      Sid: `CloudroundsReadOnly${action.replace(/[^A-Za-z0-9]/g, '')}`,
      Effect: 'Allow',
      Action: [action],
      Resource: resources,
    });
  }
  if (options.orgRole) {
    policy.Statement.push({
      Sid: 'CloudroundsAssumeOrgRole',
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Resource: `arn:aws:iam::*:role/${options.orgRole}`,
    });
  }
  return policy;
}
