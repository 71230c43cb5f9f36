import type { AnyRule } from '../rule.js';
import tablePitrEnabled from './dynamodb-table-pitr-enabled.js';

/** The DynamoDB rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const dynamodbRules: readonly AnyRule[] = [tablePitrEnabled];
