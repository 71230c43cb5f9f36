import type { AnyRule } from '../rule.js';
import secretInUse from './secretsmanager-secret-in-use.js';
import secretRotatedRecently from './secretsmanager-secret-rotated-recently.js';
import secretRotationEnabled from './secretsmanager-secret-rotation-enabled.js';

/** The Secrets Manager rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const secretsmanagerRules: readonly AnyRule[] = [
  secretInUse,
  secretRotatedRecently,
  secretRotationEnabled,
];
