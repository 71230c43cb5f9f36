import { defineRule, error, fail, pass } from '../rule.js';
import { flag, text } from '../rds/values.js';
import { describeCache, redisOnly, REPLICATION_GROUP } from './engine.js';

/**
 * Compliant: the replication group requires TLS (TransitEncryptionEnabled true and
 * TransitEncryptionMode `required`, its default when encryption is on).
 */
export default defineRule({
  id: 'elasticache-replication-group-encrypted-in-transit',
  title: 'ElastiCache replication group requires encryption in transit',
  category: 'security',
  severity: 'medium',
  resourceTypes: [REPLICATION_GROUP],
  rationale:
    'Without in-transit encryption, clients send commands, keys and values (sessions, tokens) in clear text, and AUTH passwords with them; anything that can see the traffic can read or replay them. TLS also encrypts replication between nodes. In "preferred" mode the group still accepts unencrypted connections, which is only meant for a migration.',
  remediation: {
    text: 'Enable in-transit encryption (on Redis OSS 7+ / Valkey this can be done online: first preferred mode, move the clients to TLS, then required).',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately\n# after the clients use TLS:\naws elasticache modify-replication-group --replication-group-id <group> --transit-encryption-mode required --apply-immediately',
    cloudformation: 'TransitEncryptionEnabled: true\nTransitEncryptionMode: required',
    terraform:
      'resource "aws_elasticache_replication_group" "this" {\n  # ...\n  transit_encryption_enabled = true\n  transit_encryption_mode    = "required"\n}',
  },
  controls: ['aws-fsbp:ElastiCache.5', 'pci-dss-v4.0:4.2.1'],
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html'],
  evaluate(group) {
    const skip = redisOnly(group, 'in-transit encryption setting');
    if (skip) return skip;
    const who = describeCache(group);
    const on = flag(group.props, 'TransitEncryptionEnabled', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    if (!on.value) {
      return fail(
        `${who} accepts unencrypted connections (TransitEncryptionEnabled ${on.defaulted ? 'not set' : 'false'}).`,
      );
    }
    const mode = text(group.props, 'TransitEncryptionMode');
    if (!mode.known) return error(`${who}: ${mode.reason}.`);
    if (mode.value?.toLowerCase() === 'preferred') {
      return fail(`${who} has TLS in preferred mode, so it still accepts unencrypted connections.`);
    }
    return pass(() => `${who} requires encryption in transit.`);
  },
});
