/**
 * Instance metadata options as instances, launch templates and launch configurations share them
 * (`MetadataOptions: {HttpTokens, HttpEndpoint, HttpPutResponseHopLimit}`). Not a rule.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
 */
import { isUnresolved } from '../../model/index.js';
import { describeUnresolved, error, fail, pass, type RuleResult } from '../rule.js';

/**
 * Judges `MetadataOptions` (instance, launch template and launch configuration share the shape).
 * `undefined` options mean nothing was set where the rule looked.
 */
export function judgeMetadataOptions(options: unknown, who: string, where: string): RuleResult | undefined {
  if (options === undefined) return undefined;
  if (isUnresolved(options))
    return error(`${who}: ${describeUnresolved(`${where}MetadataOptions`, options)}.`);
  const o = (options ?? {}) as Record<string, unknown>;
  for (const key of ['HttpTokens', 'HttpEndpoint'] as const) {
    if (isUnresolved(o[key]))
      return error(`${who}: ${describeUnresolved(`${where}MetadataOptions.${key}`, o[key])}.`);
  }
  if (o.HttpEndpoint === 'disabled') return pass(() => `${who} has the instance metadata service disabled.`);
  if (o.HttpTokens === 'required')
    return pass(() => `${who} requires IMDSv2 (${where}MetadataOptions.HttpTokens is required).`);
  if (o.HttpTokens === undefined) return undefined;
  return fail(`${who} allows IMDSv1: ${where}MetadataOptions.HttpTokens is ${String(o.HttpTokens)}.`);
}
