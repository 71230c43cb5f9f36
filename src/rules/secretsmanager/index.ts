import type { AnyRule } from '../rule.js';

/** The Secrets Manager rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const secretsmanagerRules: readonly AnyRule[] = [];
