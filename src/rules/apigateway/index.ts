import type { AnyRule } from '../rule.js';
import domainNameTls12Required from './apigateway-domain-name-tls-1-2-required.js';
import stageExecutionLoggingEnabled from './apigateway-stage-execution-logging-enabled.js';
import stageWafAssociated from './apigateway-stage-waf-associated.js';

/** The API Gateway rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const apigatewayRules: readonly AnyRule[] = [
  stageExecutionLoggingEnabled,
  stageWafAssociated,
  domainNameTls12Required,
];
