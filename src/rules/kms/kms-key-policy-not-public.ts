import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { couldBeWildcard, namesEveryone, readPolicy, restrictsCaller } from '../iam/policy.js';
import { isAwsManagedKey } from './keys.js';

/** How reasons name the key. */
function who(key: Resource): string {
  return `KMS key ${label(key)}`;
}

/**
 * Compliant: no `Allow` statement of the key policy grants to `"*"` (`Principal: "*"` or
 * `{"AWS": "*"}`) unless a condition limits the caller to fixed accounts, an organisation or
 * principals (`kms:CallerAccount`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`,
 * `aws:PrincipalArn` with a fixed account, `aws:SourceAccount`...). A key without a `KeyPolicy`
 * gets KMS's default policy, which trusts only the account.
 */
export default defineRule({
  id: 'kms-key-policy-not-public',
  title: 'KMS key policy does not grant access to everyone',
  category: 'security',
  severity: 'critical',
  resourceTypes: ['AWS::KMS::Key'],
  rationale:
    'A key policy is the root of access to a KMS key: a statement that allows "*" lets principals of any AWS account use (or administer) the key, so that encrypted data is only as private as its storage. Conditions such as kms:ViaService narrow the request but not who makes it; only a condition on the caller’s account, organisation or identity keeps the key private.',
  remediation: {
    text: 'Replace the "*" principal with the accounts or roles that use the key, or add a condition on kms:CallerAccount or aws:PrincipalOrgID.',
    cli: 'aws kms get-key-policy --key-id <key-id> --policy-name default\naws kms put-key-policy --key-id <key-id> --policy-name default --policy file://policy.json',
    cloudformation: 'Condition:\n  StringEquals:\n    kms:CallerAccount: !Ref AWS::AccountId',
  },
  controls: ['aws-fsbp:KMS.5'],
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account',
  ],
  evaluate(key) {
    if (isAwsManagedKey(key))
      return notApplicable(() => `${who(key)} is an AWS managed key; AWS writes its policy.`);
    const read = readPolicy(key.props.KeyPolicy, 'key policy');
    if (!read.known) return error(`${who(key)}: ${read.reason}.`);
    if (read.absent)
      return pass(() => `${who(key)} has no KeyPolicy: KMS's default key policy trusts only the account.`);
    const open: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < read.statements.length; i++) {
      const s = read.statements[i]!;
      if (s.effect === 'Deny') continue;
      if (namesEveryone(s.principal)) {
        if (s.conditions.some(restrictsCaller)) continue;
        if (s.effect === 'Allow') open.push(s.label);
        else unknown.push(...s.unknown);
      } else if (s.principal) {
        // A principal written as an ARN (`!Sub arn:...:role/Admin`) is not known but cannot be "*".
        const principals = s.principal.unknown;
        for (let j = 0; j < principals.length; j++) {
          if (couldBeWildcard(principals[j]!.value)) unknown.push(principals[j]!.reason);
        }
      }
    }
    if (open.length > 0) {
      return fail(
        `${who(key)} allows any AWS principal in ${open.join(', ')} with no condition limiting the caller.`,
      );
    }
    if (unknown.length > 0) return error(`${who(key)}: ${unknown.join('; ')}.`);
    return pass(() => `${who(key)} grants nothing to "*" without a condition limiting the caller.`);
  },
});
