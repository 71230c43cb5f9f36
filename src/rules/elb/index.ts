import type { AnyRule } from '../rule.js';
import listenerHttpRedirectsToHttps from './elb-listener-http-redirects-to-https.js';
import listenerTlsPolicySecure from './elb-listener-tls-policy-secure.js';
import loadBalancerAccessLogsEnabled from './elb-load-balancer-access-logs-enabled.js';
import loadBalancerCrossZoneEnabled from './elb-load-balancer-cross-zone-enabled.js';
import loadBalancerDeletionProtectionEnabled from './elb-load-balancer-deletion-protection-enabled.js';
import loadBalancerDesyncMitigationDefensive from './elb-load-balancer-desync-mitigation-defensive.js';
import loadBalancerDropsInvalidHeaders from './elb-load-balancer-drops-invalid-headers.js';
import loadBalancerMultiAz from './elb-load-balancer-multi-az.js';
import loadBalancerNotIdle from './elb-load-balancer-not-idle.js';
import targetGroupTargetsHealthy from './elb-target-group-targets-healthy.js';

/** The Elastic Load Balancing rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const elbRules: readonly AnyRule[] = [
  listenerHttpRedirectsToHttps,
  listenerTlsPolicySecure,
  loadBalancerAccessLogsEnabled,
  loadBalancerCrossZoneEnabled,
  loadBalancerDeletionProtectionEnabled,
  loadBalancerDesyncMitigationDefensive,
  loadBalancerDropsInvalidHeaders,
  loadBalancerMultiAz,
  loadBalancerNotIdle,
  targetGroupTargetsHealthy,
];
