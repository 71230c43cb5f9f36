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
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }>;
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
 * The read-only policy. With `orgRole`, a second statement lets the caller assume that role in the
 * member accounts (the role there needs the first statement).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function readOnlyPolicy(
  options: { orgRole?: string; collectors?: readonly Collector[] } = {},
): IamPolicy {
  const policy: IamPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudroundsReadOnly',
        Effect: 'Allow',
        Action: collectionActions(options.collectors),
        Resource: '*',
      },
    ],
  };
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
