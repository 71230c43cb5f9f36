import type { AnyRule } from '../rule.js';

/** The AWS Backup rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const backupRules: readonly AnyRule[] = [];
