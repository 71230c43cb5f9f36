import type { AnyRule } from '../rule.js';

/** The API Gateway rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const apigatewayRules: readonly AnyRule[] = [];
