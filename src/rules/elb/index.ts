import type { AnyRule } from '../rule.js';

/** The Elastic Load Balancing rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const elbRules: readonly AnyRule[] = [];
