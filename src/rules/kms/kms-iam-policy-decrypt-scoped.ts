import { defineRule, error, fail, notApplicable, pass } from '../rule.js';
import { isAwsManagedPolicy, ownPolicies, policyHolderLabel } from '../iam/grants.js';
import { coversAction, coversAllResources, coversAnyAction } from '../iam/policy.js';
import { PRINCIPAL_TYPES } from '../iam/principals.js';

const MANAGED = 'AWS::IAM::ManagedPolicy';
/** The actions FSBP KMS.1 and KMS.2 look for. */
const DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/**
 * Compliant: no `Allow` statement of a customer managed policy (KMS.1), or of an inline policy of
 * a user, group or role (KMS.2), allows `kms:Decrypt` or `kms:ReEncryptFrom` (also through
 * wildcards or `NotAction`) on `Resource` `*`, i.e. on every key in every account whose key policy
 * trusts the holder's account.
 */
export default defineRule({
  id: 'kms-iam-policy-decrypt-scoped',
  title: 'IAM policy does not allow KMS decryption on all keys',
  category: 'security',
  severity: 'medium',
  resourceTypes: [MANAGED, ...PRINCIPAL_TYPES],
  rationale:
    'kms:Decrypt on "*" lets the holder decrypt with any key whose key policy defers to IAM, including keys that protect other teams’ data, backups and secrets. Naming the keys (or conditioning on kms:ViaService and the encryption context) keeps decryption to the data the job touches.',
  remediation: {
    text: 'List the key ARNs the principal needs in Resource, or limit the statement with kms:ViaService / kms:EncryptionContext conditions.',
    cloudformation:
      'Statement:\n  - Effect: Allow\n    Action: kms:Decrypt\n    Resource: !GetAtt DataKey.Arn',
  },
  controls: ['aws-fsbp:KMS.1', 'aws-fsbp:KMS.2'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-1',
    'https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html',
  ],
  evaluate(resource) {
    if (resource.type === MANAGED && isAwsManagedPolicy(resource))
      return notApplicable(() => `${policyHolderLabel(resource)} is an AWS managed policy.`);
    const found = ownPolicies(resource);
    if (!found.known) return error(`${policyHolderLabel(resource)}: ${found.reason}.`);
    if (found.policies.length === 0)
      return notApplicable(() => `${policyHolderLabel(resource)} has no inline policies.`);
    const broad: string[] = [];
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
        if (s.effect === 'Deny') continue;
        const decrypts = coversAnyAction(s, DECRYPT_ACTIONS);
        const all = coversAllResources(s);
        if (decrypts === false || all === false) continue;
        if (s.effect === 'Allow' && decrypts === true && all === true) {
          const which = DECRYPT_ACTIONS.filter((a) => coversAction(s, a) === true).join(', ');
          broad.push(`${which} in ${s.label}${s.hasCondition ? ' (with a condition)' : ''}`);
        } else unknown.push(...s.unknown, ...s.action.unknown, ...s.notAction.unknown, ...s.resource.unknown);
      }
    }
    if (broad.length > 0)
      return fail(
        `${policyHolderLabel(resource)} allows decryption with every KMS key: ${broad.join('; ')}.`,
      );
    if (unknown.length > 0) return error(`${policyHolderLabel(resource)}: ${unknown.join('; ')}.`);
    return pass(
      () => `${policyHolderLabel(resource)} does not allow kms:Decrypt or kms:ReEncryptFrom on all keys.`,
    );
  },
});
