import type { AnyRule } from '../rule.js';

/** The ElastiCache rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const elasticacheRules: readonly AnyRule[] = [];
