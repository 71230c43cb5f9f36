import type { AnyRule } from '../rule.js';

/** The Certificate Manager rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const acmRules: readonly AnyRule[] = [];
