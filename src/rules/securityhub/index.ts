import type { AnyRule } from '../rule.js';
import accountEnabledAllRegions from './securityhub-account-enabled-all-regions.js';

/** The Security Hub rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const securityhubRules: readonly AnyRule[] = [accountEnabledAllRegions];
