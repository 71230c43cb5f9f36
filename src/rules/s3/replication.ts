/**
 * Reading a bucket's replication rules (CloudFormation `ReplicationConfiguration.Rules`), for the
 * replication rules.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-replicationconfiguration.html
 */
import type { Resource } from '../../model/index.js';
import { known, prop, type Known } from '../rule.js';

/** One enabled replication rule. */
export interface ReplicationRule {
  /** The rule's `Id`, or `#n`. */
  readonly label: string;
  /** The property path of the rule, for reasons (`ReplicationConfiguration.Rules.0`). */
  readonly path: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * The bucket's replication rules whose `Status` is `Enabled`; `undefined` when the bucket has no
 * replication configuration.
 */
export function enabledReplicationRules(bucket: Resource): Known<ReplicationRule[] | undefined> {
  const config = prop(bucket.props, 'ReplicationConfiguration');
  if (!config.known) return config;
  if (config.value === undefined) return { known: true, value: undefined };
  const rules = prop(bucket.props, 'ReplicationConfiguration.Rules');
  if (!rules.known) return rules;
  if (!Array.isArray(rules.value)) return { known: true, value: [] };
  const enabled: ReplicationRule[] = [];
  for (let i = 0; i < rules.value.length; i++) {
    const raw = rules.value[i] as Record<string, unknown> | undefined;
    const path = `ReplicationConfiguration.Rules.${i}`;
    const status = known(raw?.Status, `${path}.Status`);
    if (!status.known) return status;
    if (status.value === 'Enabled' && raw) {
      enabled.push({ label: typeof raw.Id === 'string' ? raw.Id : `#${i + 1}`, path, raw });
    }
  }
  return { known: true, value: enabled };
}
