import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { isAwsManagedPolicy, ownPolicies, policyHolderLabel, serviceWildcards } from './grants.js';
import { PRINCIPAL_TYPES } from './principals.js';

const MANAGED = 'AWS::IAM::ManagedPolicy';

/**
 * Compliant: no `Allow` statement of a customer managed policy, or of an inline policy of a user,
 * group or role, grants a whole service with a `<service>:*` action. (`*` on everything is
 * iam-policy-no-full-admin; attached managed policies are checked as policies, not per principal.)
 */
export default defineRule({
  id: 'iam-policy-no-service-wildcard-actions',
  title: 'IAM policy does not allow every action of a service',
  category: 'security',
  severity: 'low',
  resourceTypes: [MANAGED, ...PRINCIPAL_TYPES],
  rationale:
    '"s3:*", "iam:*" or "kms:*" grant every action of the service, including the ones nobody thought of: deleting, changing policies, disabling encryption, and actions the service adds later. Listing the actions the job needs keeps a leaked credential or a confused application from doing more than its work.',
  remediation: {
    text: 'Replace each "<service>:*" with the actions used (IAM last-accessed data and Access Analyzer policy generation show them), scoped to the resources needed.',
    cli: 'aws iam generate-service-last-accessed-details --arn <principal-or-policy-arn> --granularity ACTION_LEVEL',
    cloudformation: 'Action:\n  - s3:GetObject\n  - s3:PutObject   # instead of s3:*',
  },
  controls: ['aws-fsbp:IAM.21'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
  ],
  evaluate(resource) {
    if (resource.type === MANAGED && isAwsManagedPolicy(resource))
      return notApplicable(() => `${policyHolderLabel(resource)} is an AWS managed policy.`);
    const found = ownPolicies(resource);
    if (!found.known) return error(`${policyHolderLabel(resource)}: ${found.reason}.`);
    if (found.policies.length === 0)
      return notApplicable(() => `${policyHolderLabel(resource)} has no inline policies.`);
    const wild: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < found.policies.length; i++) {
      const policy = found.policies[i]!;
      if (!policy.read.known) {
        unknown.push(policy.read.reason);
        continue;
      }
      const statements = policy.read.statements;
      for (let j = 0; j < statements.length; j++) {
        const s = statements[j]!;
        const actions = serviceWildcards(s);
        if (actions.length > 0) wild.push(`${actions.join(', ')} in ${s.label}`);
        else if (s.effect !== 'Deny') {
          unknown.push(...s.action.unknown);
          if (!s.effect) unknown.push(...s.unknown);
        }
      }
    }
    if (wild.length > 0)
      return fail(`${policyHolderLabel(resource)} allows whole services: ${wild.join('; ')}.`);
    if (unknown.length > 0) return error(`${policyHolderLabel(resource)}: ${unknown.join('; ')}.`);
    return pass(() => `${policyHolderLabel(resource)} allows no "<service>:*" action.`);
  },
});
