import type { ControlData } from './types.js';

/**
 * FSBP controls of services the generated list (aws-fsbp.ts) does not cover, added when a rule
 * maps to one. Each entry carries the Security Hub page it was read from, so it can be checked
 * again: https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html
 *
 * Example:
 *   'SQS.1': { title: 'Amazon SQS queues should be encrypted at rest', severity: 'medium',
 *              url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html' },
 */
export const awsFsbpAdditions = {} as const satisfies Readonly<Record<string, ControlData>>;
