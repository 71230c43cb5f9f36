import type { AnyRule } from '../rule.js';

/** The Lambda rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const lambdaRules: readonly AnyRule[] = [];
