import type { AnyRule } from '../rule.js';
import clusterControlPlaneLoggingEnabled from './eks-cluster-control-plane-logging-enabled.js';
import clusterEndpointNotPublic from './eks-cluster-endpoint-not-public.js';
import clusterSecretsEncrypted from './eks-cluster-secrets-encrypted.js';
import clusterSupportedVersion from './eks-cluster-supported-version.js';

/** The EKS rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const eksRules: readonly AnyRule[] = [
  clusterEndpointNotPublic,
  clusterSupportedVersion,
  clusterControlPlaneLoggingEnabled,
  clusterSecretsEncrypted,
];
