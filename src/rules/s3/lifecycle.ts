/**
 * Reading a bucket's lifecycle rules (CloudFormation `LifecycleConfiguration.Rules`), for the
 * lifecycle and MFA-delete rules.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-rule.html
 */
import type { Resource } from '../../model/index.js';
import { known, prop, type Known } from '../rule.js';

/** One lifecycle rule and where it sits, for reasons. */
export interface LifecycleRule {
  readonly label: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The bucket's lifecycle rules whose `Status` is `Enabled`; `undefined` when it has no configuration. */
export function enabledLifecycleRules(bucket: Resource): Known<LifecycleRule[] | undefined> {
  const rules = prop(bucket.props, 'LifecycleConfiguration.Rules');
  if (!rules.known) return rules;
  const config = bucket.props.LifecycleConfiguration;
  if (rules.value === undefined) return { known: true, value: config === undefined ? undefined : [] };
  if (!Array.isArray(rules.value)) return { known: true, value: [] };
  const enabled: LifecycleRule[] = [];
  for (let i = 0; i < rules.value.length; i++) {
    const raw = rules.value[i] as Record<string, unknown> | undefined;
    const status = known(raw?.Status, `LifecycleConfiguration.Rules.${i}.Status`);
    if (!status.known) return status;
    if (status.value === 'Enabled' && raw) {
      enabled.push({ label: typeof raw.Id === 'string' ? raw.Id : `#${i + 1}`, raw });
    }
  }
  return { known: true, value: enabled };
}
