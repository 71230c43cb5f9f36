import type { AnyRule } from '../rule.js';

/** The Auto Scaling rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const autoscalingRules: readonly AnyRule[] = [];
