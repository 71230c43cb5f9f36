import type { AnyRule } from '../rule.js';

/** The Route 53 rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const route53Rules: readonly AnyRule[] = [];
