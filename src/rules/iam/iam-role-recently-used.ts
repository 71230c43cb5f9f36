import { z } from 'zod';
import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { isServiceLinkedRole, principalLabel } from './principals.js';
import { day, daysSince, hasValue, parseDate } from './time.js';

/**
 * Compliant: the role was used (`observed.RoleLastUsed.LastUsedDate`, from `GetRole`) within the
 * last `maxUnusedDays` days, or was created less than that long ago. IAM tracks role use for the
 * last 400 days; an empty `RoleLastUsed` means no use in that window. Service-linked roles, which
 * AWS manages, and roles without observed facts (templates) are not applicable.
 */
export default defineRule({
  id: 'iam-role-recently-used',
  title: 'IAM role has been used in the last 90 days',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'A role nobody assumes still grants its permissions to whoever its trust policy names: an old vendor, a decommissioned pipeline, an account that changed hands. Unused roles are standing access with no owner watching it; removing them shrinks what an attacker can pivot through.',
  remediation: {
    text: 'Confirm with the owner that the role is no longer needed, remove it from its instance profiles, then delete it (or narrow its trust policy first and delete after a grace period).',
    cli: 'aws iam get-role --role-name <role> --query Role.RoleLastUsed\naws iam delete-role --role-name <role>',
  },
  controls: [],
  params: z.object({
    maxUnusedDays: z.number().int().positive().max(400).default(90).describe('Days a role may go unused.'),
  }),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed-view-data.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html',
  ],
  evaluate(role, ctx) {
    if (isServiceLinkedRole(role))
      return notApplicable(() => `${principalLabel(role)} is a service-linked role managed by AWS.`);
    const o = role.observed;
    if (!o || (o.RoleLastUsed === undefined && o.CreateDate === undefined)) {
      return notApplicable(
        () =>
          `${principalLabel(role)}: the snapshot has no last-use facts (a template cannot show role use).`,
      );
    }
    const max = ctx.params.maxUnusedDays;
    const lastUsed = (o.RoleLastUsed ?? {}) as Record<string, unknown>;
    if (hasValue(lastUsed.LastUsedDate)) {
      const used = parseDate(lastUsed.LastUsedDate);
      if (!used) return error(`${principalLabel(role)}: RoleLastUsed.LastUsedDate is not a date.`);
      const age = daysSince(used, ctx.now);
      const region = lastUsed.Region;
      const where = (): string => (typeof region === 'string' ? ` in ${region}` : '');
      return age > max
        ? fail(
            `${principalLabel(role)} was last used ${day(used)}${where()}, ${age} days ago (more than ${max}).`,
          )
        : pass(() => `${principalLabel(role)} was last used ${day(used)}${where()}.`);
    }
    const created = parseDate(o.CreateDate);
    if (!created) return error(`${principalLabel(role)} has no recorded use and no CreateDate.`);
    const age = daysSince(created, ctx.now);
    return age > max
      ? fail(
          `${principalLabel(role)} has not been used since it was created ${day(created)} (${age} days ago; IAM tracks the last 400 days).`,
        )
      : pass(() => `${principalLabel(role)} has not been used yet but was created only ${age} days ago.`);
  },
});
