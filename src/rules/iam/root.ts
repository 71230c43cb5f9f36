/**
 * Facts about the root user (`AWS::IAM::RootAccount`, id = account id), as the credential report
 * and `GetAccountSummary` give them in `observed`:
 *
 * - `MfaActive` (boolean): credential report `mfa_active`.
 * - `AccessKeysPresent` (boolean): `GetAccountSummary` `AccountAccessKeysPresent`; or
 *   `AccessKey1Active` / `AccessKey2Active` (credential report); or `AccessKeys[]` with `Status`.
 * - `PasswordLastUsed`, `AccessKey1LastUsedDate`, `AccessKey2LastUsedDate`: credential report dates
 *   (`N/A` or `no_information` when never used).
 * - `MfaDevices[]` (`{SerialNumber}`): the root user's MFA devices; a virtual device has the serial
 *   `arn:aws:iam::<account>:mfa/...` (as `ListVirtualMFADevices` shows it).
 *
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import type { Resource } from '../../model/index.js';
import { asBoolean, known } from '../rule.js';

/** `observed` of a resource, or an empty record. */
export function observedOf(resource: Resource): Record<string, unknown> {
  return resource.observed ?? {};
}

/**
 * Whether the root user has an active access key: `true`/`false`, or a reason when the snapshot
 * does not say.
 */
export function rootAccessKeys(root: Resource): { active: boolean; count?: number } | { reason: string } {
  const o = observedOf(root);
  const flags = [o.AccessKey1Active, o.AccessKey2Active].map((v) => asBoolean(v));
  if (flags.some((f) => f !== undefined)) {
    const count = flags.filter((f) => f === true).length;
    return { active: count > 0, count };
  }
  if (Array.isArray(o.AccessKeys)) {
    const count = o.AccessKeys.filter((k) => {
      const status = (k as Record<string, unknown> | null)?.Status;
      return status === undefined || status === 'Active';
    }).length;
    return { active: count > 0, count };
  }
  const present = known(o.AccessKeysPresent, 'AccessKeysPresent');
  const flag = present.known ? asBoolean(present.value) : undefined;
  if (flag !== undefined) return { active: flag };
  return { reason: 'the snapshot does not say whether the root user has access keys (credential report)' };
}

/** Whether MFA is active for the root user, or a reason when the snapshot does not say. */
export function rootMfa(root: Resource): { active: boolean } | { reason: string } {
  const flag = asBoolean(observedOf(root).MfaActive);
  if (flag !== undefined) return { active: flag };
  return { reason: 'the snapshot does not say whether the root user has MFA (credential report mfa_active)' };
}
