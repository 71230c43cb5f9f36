/**
 * Shared by the OpenSearch rules, which check both `AWS::OpenSearchService::Domain` and the legacy
 * `AWS::Elasticsearch::Domain` (same option objects; Security Hub has Opensearch.* and ES.*
 * controls for them).
 */
import type { Resource } from '../../model/index.js';
import { label } from '../rule.js';

export const OPENSEARCH_DOMAIN = 'AWS::OpenSearchService::Domain';
export const ELASTICSEARCH_DOMAIN = 'AWS::Elasticsearch::Domain';
export const DOMAIN_TYPES = [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN] as const;

export function describeDomain(domain: Resource): string {
  return `${domain.type === ELASTICSEARCH_DOMAIN ? 'Elasticsearch' : 'OpenSearch'} domain ${label(domain)}`;
}
