/**
 * Instance metadata options as instances, launch templates and launch configurations share them
 * (`MetadataOptions: {HttpTokens, HttpEndpoint, HttpPutResponseHopLimit}`). Not a rule.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
 */
import { isUnresolved, type Resource } from '../../model/index.js';
import { describeUnresolved, error, fail, pass, type RuleResult } from '../rule.js';

const CHECKED_KEYS = ['HttpTokens', 'HttpEndpoint'] as const;

/**
 * Judges `MetadataOptions` (instance, launch template and launch configuration share the shape)
 * of `owner`. `undefined` options mean nothing was set where the rule looked. `who` names the
 * owner in reasons; it is called only for the reasons that are written.
 */
export function judgeMetadataOptions(
  options: unknown,
  owner: Resource,
  who: (owner: Resource) => string,
  where: string,
): RuleResult | undefined {
  if (options === undefined) return undefined;
  if (isUnresolved(options))
    return error(`${who(owner)}: ${describeUnresolved(`${where}MetadataOptions`, options)}.`);
  const o = (options ?? {}) as Record<string, unknown>;
  for (let i = 0; i < CHECKED_KEYS.length; i++) {
    const key = CHECKED_KEYS[i]!;
    if (isUnresolved(o[key]))
      return error(`${who(owner)}: ${describeUnresolved(`${where}MetadataOptions.${key}`, o[key])}.`);
  }
  if (o.HttpEndpoint === 'disabled')
    return pass(() => `${who(owner)} has the instance metadata service disabled.`);
  if (o.HttpTokens === 'required')
    return pass(() => `${who(owner)} requires IMDSv2 (${where}MetadataOptions.HttpTokens is required).`);
  if (o.HttpTokens === undefined) return undefined;
  return fail(`${who(owner)} allows IMDSv1: ${where}MetadataOptions.HttpTokens is ${String(o.HttpTokens)}.`);
}
