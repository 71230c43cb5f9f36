import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { attachedTo, fullAdminStatements, isAwsManagedPolicy, managedPolicyDocument } from './grants.js';

/** How reasons name the policy. */
function who(policy: Resource): string {
  return `Managed policy ${label(policy)}`;
}

/**
 * Compliant: no `Allow` statement of the customer managed policy grants `Action` `*` on
 * `Resource` `*` (full administrative privileges), whatever its condition.
 */
export default defineRule({
  id: 'iam-policy-no-full-admin',
  title: 'Customer managed IAM policy does not allow "*" on "*"',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::IAM::ManagedPolicy'],
  rationale:
    'A policy that allows every action on every resource makes whoever holds it an administrator: able to read all data, create users and keys, change the policies themselves and remove the logs. Least privilege starts by granting the actions a job needs; a "temporary" full-access policy tends to stay attached for years.',
  remediation: {
    text: 'Replace the statement with the actions and resources the holders need (IAM Access Analyzer can generate a policy from CloudTrail activity), or attach the AWS job-function policy that fits. Keep full administrator access to a few break-glass roles.',
    cli: 'aws iam list-entities-for-policy --policy-arn <arn>\naws iam create-policy-version --policy-arn <arn> --policy-document file://least-privilege.json --set-as-default',
    cloudformation:
      'PolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Action: [lambda:GetFunction, lambda:UpdateFunctionCode]\n      Resource: !Sub arn:${AWS::Partition}:lambda:*:${AWS::AccountId}:function:app-*',
  },
  controls: ['cis-aws-v5.0:1.15', 'aws-fsbp:IAM.1'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  evaluate(policy, ctx) {
    if (isAwsManagedPolicy(policy)) return notApplicable(() => `${who(policy)} is an AWS managed policy.`);
    const matches = fullAdminStatements(managedPolicyDocument(policy));
    if (matches.hits.length > 0) {
      const holders = attachedTo(policy, ctx.graph).map(
        (r) => `${r.type.slice(10).toLowerCase()} ${label(r)}`,
      );
      const where =
        holders.length > 0
          ? `; attached to ${holders.join(', ')}`
          : '; not attached to anything in the snapshot';
      const what = matches.hits
        .map((s) => `${s.label}${s.hasCondition ? ' (with a condition)' : ''}`)
        .join(', ');
      return fail(`${who(policy)} allows "*" on "*" in ${what}${where}.`);
    }
    if (matches.unknown.length > 0) return error(`${who(policy)}: ${matches.unknown.join('; ')}.`);
    return pass(() => `${who(policy)} has no statement allowing "*" on "*".`);
  },
});
