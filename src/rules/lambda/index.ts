import type { AnyRule } from '../rule.js';
import functionDeadLetterConfigured from './lambda-function-dead-letter-configured.js';
import functionEnvironmentNoSecrets from './lambda-function-environment-no-secrets.js';
import functionInVpc from './lambda-function-in-vpc.js';
import functionNotPublic from './lambda-function-not-public.js';
import functionReservedConcurrencySet from './lambda-function-reserved-concurrency-set.js';
import functionSupportedRuntime from './lambda-function-supported-runtime.js';
import functionVpcMultiAz from './lambda-function-vpc-multi-az.js';

/** The Lambda rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const lambdaRules: readonly AnyRule[] = [
  functionSupportedRuntime,
  functionNotPublic,
  functionEnvironmentNoSecrets,
  functionInVpc,
  functionVpcMultiAz,
  functionDeadLetterConfigured,
  functionReservedConcurrencySet,
];
