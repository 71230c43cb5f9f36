import type { Resource } from '../../model/index.js';
import { asNumber, defineRule, error, fail, label, pass, prop } from '../rule.js';
import { FUNCTION } from './permissions.js';

/** How reasons name the function. */
function who(fn: Resource): string {
  return `Lambda function ${label(fn)}`;
}

/**
 * Compliant: the function has reserved concurrency of at least 1. No reservation means it
 * shares the account's unreserved pool; a reservation of 0 throttles every invocation.
 */
export default defineRule({
  id: 'lambda-function-reserved-concurrency-set',
  title: 'Lambda function has reserved concurrency',
  category: 'reliability',
  severity: 'low',
  resourceTypes: [FUNCTION],
  rationale:
    'All functions of an account and region share one concurrency limit (1,000 by default). Without a reservation, a burst or a retry storm in one function can take all of it and throttle the others, including the ones that matter; with one, the function is guaranteed its share and capped at it, which also limits what a runaway loop costs. A reservation of 0 is an off switch: every invocation is throttled.',
  remediation: {
    text: 'Reserve the concurrency the function needs at peak (and leave enough unreserved for the rest); remove a reservation of 0 unless the function is meant to be off.',
    cli: 'aws lambda put-function-concurrency --function-name <function> --reserved-concurrent-executions <n>',
    cloudformation: 'ReservedConcurrentExecutions: 50',
    terraform: 'resource "aws_lambda_function" "this" {\n  # ...\n  reserved_concurrent_executions = 50\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/lambda-concurrency-check.html',
  ],
  evaluate(fn) {
    const reserved = prop(fn.props, 'ReservedConcurrentExecutions');
    if (!reserved.known) return error(`${who(fn)}: ${reserved.reason}.`);
    if (reserved.value === undefined) {
      return fail(
        `${who(fn)} has no reserved concurrency, so it shares the account's unreserved pool with every other function.`,
      );
    }
    const n = asNumber(reserved.value);
    if (n === undefined) return error(`${who(fn)} has a ReservedConcurrentExecutions that is not a number.`);
    if (n === 0) return fail(`${who(fn)} has reserved concurrency 0, so every invocation is throttled.`);
    return pass(() => `${who(fn)} has reserved concurrency ${n}.`);
  },
});
