import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';
import { RUNTIME_DEPRECATIONS, SUCCESSORS } from './runtimes.js';

const FUNCTION = 'AWS::Lambda::Function';
const DAY_MS = 86_400_000;

/** How reasons name the function. */
function who(fn: Resource): string {
  return `Lambda function ${label(fn)}`;
}

/** `; move to nodejs24.x or another supported runtime`, or nothing for a runtime of no known family. */
function move(runtime: string): string {
  const next = SUCCESSORS.find(([prefix]) => runtime.startsWith(prefix))?.[1];
  return next ? `; move to ${next} or another supported runtime` : '';
}

/**
 * Compliant: the function's runtime is not deprecated at the time of the run (or within
 * `daysBefore` days of it). Container-image functions bring their own runtime and are not applicable.
 */
export default defineRule({
  id: 'lambda-function-supported-runtime',
  title: 'Lambda function uses a runtime that is not deprecated',
  category: 'security',
  severity: 'medium',
  resourceTypes: [FUNCTION],
  rationale:
    'Once a runtime is deprecated Lambda stops applying security patches to it and the function is no longer eligible for technical support; soon after, creating and then updating functions on it is blocked, so the next urgent fix cannot even be deployed without a runtime upgrade first. Upgrading on your own schedule is cheaper than during an incident.',
  remediation: {
    text: 'Move the function to a supported runtime of its language (test the code against the new major version), then deploy.',
    cli: 'aws lambda update-function-configuration --function-name <function> --runtime <supported-runtime>',
    cloudformation: 'Runtime: python3.13  # a runtime that is not deprecated',
    terraform: 'resource "aws_lambda_function" "this" {\n  # ...\n  runtime = "python3.13"\n}',
  },
  controls: ['aws-fsbp:Lambda.2'],
  params: z.object({
    deprecations: z
      .record(z.string(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .default({})
      .describe(
        'Runtime identifier -> deprecation date (YYYY-MM-DD), merged over the built-in table from the Lambda runtimes page.',
      ),
    daysBefore: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Fail this many days before the deprecation date (Lambda notifies 180 days ahead).'),
  }),
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html',
  ],
  evaluate(fn, ctx) {
    const runtime = prop(fn.props, 'Runtime');
    if (!runtime.known) return error(`${who(fn)}: ${runtime.reason}.`);
    if (runtime.value === undefined) {
      if (fn.props.PackageType === 'Image')
        return notApplicable(() => `${who(fn)} is a container image, which brings its own runtime.`);
      return error(`${who(fn)} has no Runtime.`);
    }
    if (typeof runtime.value !== 'string') return error(`${who(fn)} has a Runtime that is not a string.`);
    const date = ctx.params.deprecations[runtime.value] ?? RUNTIME_DEPRECATIONS[runtime.value];
    if (date === undefined)
      return pass(
        () => `${who(fn)} uses ${runtime.value}, which has no deprecation date in the rule's table.`,
      );
    const name = runtime.value;
    const deprecated = Date.parse(`${date}T00:00:00Z`);
    if (ctx.now.getTime() >= deprecated) {
      return fail(
        `${who(fn)} uses ${name}, deprecated since ${date}: it gets no security patches${move(name)}.`,
      );
    }
    const days = Math.ceil((deprecated - ctx.now.getTime()) / DAY_MS);
    if (days <= ctx.params.daysBefore)
      return fail(`${who(fn)} uses ${name}, deprecated on ${date}, in ${days} days${move(name)}.`);
    return pass(() => `${who(fn)} uses ${name}, supported until ${date} (${days} days).`);
  },
});
