import type { AnyRule } from '../rule.js';
import certificateNotExpiring from './acm-certificate-not-expiring.js';
import certificateRsaKeyLengthSufficient from './acm-certificate-rsa-key-length-sufficient.js';

/** The Certificate Manager rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const acmRules: readonly AnyRule[] = [certificateNotExpiring, certificateRsaKeyLengthSufficient];
