import type { AnyRule } from '../rule.js';
import domainAuditLoggingEnabled from './opensearch-domain-audit-logging-enabled.js';
import domainEncryptedAtRest from './opensearch-domain-encrypted-at-rest.js';
import domainFineGrainedAccessControlEnabled from './opensearch-domain-fine-grained-access-control-enabled.js';
import domainInVpc from './opensearch-domain-in-vpc.js';
import domainNodeToNodeEncryptionEnabled from './opensearch-domain-node-to-node-encryption-enabled.js';
import domainTlsEnforced from './opensearch-domain-tls-enforced.js';

/** The OpenSearch rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const opensearchRules: readonly AnyRule[] = [
  domainAuditLoggingEnabled,
  domainEncryptedAtRest,
  domainFineGrainedAccessControlEnabled,
  domainInVpc,
  domainNodeToNodeEncryptionEnabled,
  domainTlsEnforced,
];
