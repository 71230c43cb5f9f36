/** Shared by the ElastiCache rules. */
import type { Resource } from '../../model/index.js';
import { error, label, notApplicable, type RuleResult } from '../rule.js';
import { text } from '../rds/values.js';

export const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
export const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';

export function describeCache(r: Resource): string {
  return `${r.type === REPLICATION_GROUP ? 'ElastiCache replication group' : 'ElastiCache cluster'} ${label(r)}`;
}

/**
 * `not_applicable` for Memcached (no persistence, no replication, no encryption options of the
 * Redis OSS / Valkey kind) and for a cache cluster that is a node of a replication group (the group
 * holds the setting); `error` when the engine is not known; `undefined` otherwise. A replication
 * group's engine defaults to redis.
 */
export function redisOnly(r: Resource, what: string): RuleResult | undefined {
  const who = describeCache(r);
  const engine = text(r.props, 'Engine');
  if (!engine.known) return error(`${who}: ${engine.reason}.`);
  if (engine.value?.toLowerCase() === 'memcached')
    return notApplicable(() => `${who} runs Memcached, which has no ${what}.`);
  if (r.type === CACHE_CLUSTER) {
    if (engine.value === undefined) return error(`${who} names no engine.`);
    const group = r.props.ReplicationGroupId ?? r.observed?.ReplicationGroupId;
    if (typeof group === 'string')
      return notApplicable(() => `${who} is a node of replication group ${group}, which holds its ${what}.`);
  }
  return undefined;
}
