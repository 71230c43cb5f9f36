import type { AnyRule } from '../rule.js';
import accountAccessAnalyzerEnabled from './iam-account-access-analyzer-enabled.js';
import accountSupportRoleExists from './iam-account-support-role-exists.js';
import passwordPolicyStrong from './iam-password-policy-strong.js';
import policyLambdaVpcGuardrailAllowList from './iam-policy-lambda-vpc-guardrail-allow-list.js';
import policyNoFullAdmin from './iam-policy-no-full-admin.js';
import policyNoServiceWildcardActions from './iam-policy-no-service-wildcard-actions.js';
import principalCloudshellFullAccessNotAttached from './iam-principal-cloudshell-full-access-not-attached.js';
import principalFullAdminNotAttached from './iam-principal-full-admin-not-attached.js';
import roleCrossAccountTrustLeastPrivilege from './iam-role-cross-account-trust-least-privilege.js';
import roleRecentlyUsed from './iam-role-recently-used.js';
import roleSamlSessionDurationLimited from './iam-role-saml-session-duration-limited.js';
import roleSamlTrustAudienceRestricted from './iam-role-saml-trust-audience-restricted.js';
import roleThirdPartyExternalIdRequired from './iam-role-third-party-external-id-required.js';
import roleThirdPartySessionShort from './iam-role-third-party-session-short.js';
import roleTrustNotPublic from './iam-role-trust-not-public.js';
import rootHardwareMfaEnabled from './iam-root-hardware-mfa-enabled.js';
import rootMfaEnabled from './iam-root-mfa-enabled.js';
import rootNoAccessKey from './iam-root-no-access-key.js';
import rootNotUsedRecently from './iam-root-not-used-recently.js';
import serverCertificateNotExpired from './iam-server-certificate-not-expired.js';
import userAccessKeyRotated from './iam-user-access-key-rotated.js';
import userConsoleMfaEnabled from './iam-user-console-mfa-enabled.js';
import userCredentialsUnusedDisabled from './iam-user-credentials-unused-disabled.js';
import userNoAttachedPolicies from './iam-user-no-attached-policies.js';
import userSingleActiveAccessKey from './iam-user-single-active-access-key.js';

/** The IAM rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const iamRules: readonly AnyRule[] = [
  accountAccessAnalyzerEnabled,
  accountSupportRoleExists,
  passwordPolicyStrong,
  policyLambdaVpcGuardrailAllowList,
  policyNoFullAdmin,
  policyNoServiceWildcardActions,
  principalCloudshellFullAccessNotAttached,
  principalFullAdminNotAttached,
  roleCrossAccountTrustLeastPrivilege,
  roleRecentlyUsed,
  roleSamlSessionDurationLimited,
  roleSamlTrustAudienceRestricted,
  roleThirdPartyExternalIdRequired,
  roleThirdPartySessionShort,
  roleTrustNotPublic,
  rootHardwareMfaEnabled,
  rootMfaEnabled,
  rootNoAccessKey,
  rootNotUsedRecently,
  serverCertificateNotExpired,
  userAccessKeyRotated,
  userConsoleMfaEnabled,
  userCredentialsUnusedDisabled,
  userNoAttachedPolicies,
  userSingleActiveAccessKey,
];
