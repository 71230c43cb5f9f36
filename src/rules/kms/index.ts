import type { AnyRule } from '../rule.js';
import iamPolicyDecryptScoped from './kms-iam-policy-decrypt-scoped.js';
import keyNotPendingDeletion from './kms-key-not-pending-deletion.js';
import keyPolicyNotPublic from './kms-key-policy-not-public.js';
import keyRotationEnabled from './kms-key-rotation-enabled.js';

/** The KMS rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const kmsRules: readonly AnyRule[] = [
  iamPolicyDecryptScoped,
  keyNotPendingDeletion,
  keyPolicyNotPublic,
  keyRotationEnabled,
];
