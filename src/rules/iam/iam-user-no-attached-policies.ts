import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass, prop } from '../rule.js';

function count(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** How reasons name the user. */
function who(user: Resource): string {
  return `IAM user ${label(user)}`;
}

/**
 * Compliant: the user has no inline policies (`Policies`) and no attached managed policies
 * (`ManagedPolicyArns`); its permissions come from its groups. Policies attached in a template
 * with `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` `Users` are folded into these properties.
 */
export default defineRule({
  id: 'iam-user-no-attached-policies',
  title: 'IAM user receives permissions only through groups',
  category: 'security',
  severity: 'low',
  resourceTypes: ['AWS::IAM::User'],
  rationale:
    'When permissions are given user by user, nobody can say who may do what without reading every user, and people who change jobs keep what they had. Granting through groups (or better, roles) keeps permissions per job function, reviewable in one place and removed by leaving the group.',
  remediation: {
    text: 'Move the user into a group that has the policies it needs, then detach the user’s managed policies and delete its inline policies.',
    cli: 'aws iam add-user-to-group --user-name <user> --group-name <group>\naws iam detach-user-policy --user-name <user> --policy-arn <arn>\naws iam delete-user-policy --user-name <user> --policy-name <name>',
    cloudformation:
      'Developers:\n  Type: AWS::IAM::Group\n  Properties:\n    ManagedPolicyArns: [!Ref DeveloperPolicy]\nUserMembership:\n  Type: AWS::IAM::UserToGroupAddition\n  Properties:\n    GroupName: !Ref Developers\n    Users: [!Ref User]',
    terraform:
      'resource "aws_iam_user_group_membership" "this" {\n  user   = aws_iam_user.this.name\n  groups = [aws_iam_group.developers.name]\n}',
  },
  controls: ['cis-aws-v5.0:1.14', 'aws-fsbp:IAM.2'],
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html'],
  evaluate(user) {
    const inline = prop(user.props, 'Policies');
    const managed = prop(user.props, 'ManagedPolicyArns');
    const parts: string[] = [];
    if (inline.known && count(inline.value) > 0) {
      const names = (inline.value as unknown[]).map((p, i) => {
        const name = (p as Record<string, unknown> | null)?.PolicyName;
        return typeof name === 'string' ? name : `#${i}`;
      });
      parts.push(`inline ${names.length === 1 ? 'policy' : 'policies'} ${names.join(', ')}`);
    }
    if (managed.known && count(managed.value) > 0) {
      const arns = (managed.value as unknown[]).map((a) =>
        typeof a === 'string' ? a : 'an unresolved policy',
      );
      parts.push(`managed ${arns.length === 1 ? 'policy' : 'policies'} ${arns.join(', ')}`);
    }
    if (parts.length > 0) return fail(`${who(user)} has policies of its own: ${parts.join('; ')}.`);
    const unknown = [inline, managed].flatMap((k) => (k.known ? [] : [k.reason]));
    if (unknown.length > 0) return error(`${who(user)}: ${unknown.join('; ')}.`);
    return pass(() => `${who(user)} has no inline or attached policies of its own.`);
  },
});
