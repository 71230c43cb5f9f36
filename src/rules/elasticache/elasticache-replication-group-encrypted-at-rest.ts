import { defineRule, error, fail, pass } from '../rule.js';
import { flag, text } from '../rds/values.js';
import { describeCache, redisOnly, REPLICATION_GROUP } from './engine.js';

/**
 * Compliant: the replication group encrypts its data on disk and in backups (AtRestEncryptionEnabled;
 * when not set, on for Valkey and off for Redis OSS).
 */
export default defineRule({
  id: 'elasticache-replication-group-encrypted-at-rest',
  title: 'ElastiCache replication group is encrypted at rest',
  category: 'security',
  severity: 'medium',
  resourceTypes: [REPLICATION_GROUP],
  rationale:
    'At-rest encryption covers what a Redis OSS or Valkey group writes outside memory: swap, sync files and the backups in S3. Without it those copies of cached sessions, tokens and personal data are unencrypted. It can only be set when the group is created (the default is on for Valkey and off for Redis OSS).',
  remediation: {
    text: 'Create a new replication group with at-rest encryption (optionally with a customer managed key), seed it from a backup of the old one, and switch the clients.',
    cli: 'aws elasticache create-replication-group --replication-group-id <new-group> --replication-group-description <text> --engine valkey --at-rest-encryption-enabled --snapshot-name <backup>',
    cloudformation: 'AtRestEncryptionEnabled: true\nKmsKeyId: !Ref CacheKey',
    terraform:
      'resource "aws_elasticache_replication_group" "this" {\n  # ...\n  at_rest_encryption_enabled = true\n}',
  },
  controls: ['aws-fsbp:ElastiCache.4', 'pci-dss-v4.0:3.5.1'],
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'],
  evaluate(group) {
    const skip = redisOnly(group, 'encryption at rest');
    if (skip) return skip;
    const who = describeCache(group);
    // "Default: true when using Valkey, false when using Redis OSS"; a group's engine defaults to redis.
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html
    const engine = text(group.props, 'Engine');
    const valkey = engine.known && engine.value?.toLowerCase() === 'valkey';
    const on = flag(group.props, 'AtRestEncryptionEnabled', valkey);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    const byDefault = on.defaulted
      ? ` (AtRestEncryptionEnabled not set; the ${valkey ? 'Valkey' : 'Redis OSS'} default is ${valkey ? 'on' : 'off'})`
      : '';
    return on.value
      ? pass(() => `${who} is encrypted at rest${byDefault}.`)
      : fail(`${who} is not encrypted at rest${byDefault}.`);
  },
});
