import type { AnyRule } from '../rule.js';
import fileSystemEncrypted from './efs-file-system-encrypted.js';

/**
 * The EFS rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks).
 * Backup coverage of file systems (EFS.2) is checked by backup-resource-protected-by-plan.
 */
export const efsRules: readonly AnyRule[] = [fileSystemEncrypted];
