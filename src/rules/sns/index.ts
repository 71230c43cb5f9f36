import type { AnyRule } from '../rule.js';
import topicEncryptedAtRest from './sns-topic-encrypted-at-rest.js';

/** The SNS rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const snsRules: readonly AnyRule[] = [topicEncryptedAtRest];
