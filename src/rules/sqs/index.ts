import type { AnyRule } from '../rule.js';
import queueEncryptedAtRest from './sqs-queue-encrypted-at-rest.js';

/** The SQS rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const sqsRules: readonly AnyRule[] = [queueEncryptedAtRest];
