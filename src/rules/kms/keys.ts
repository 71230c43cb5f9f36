/**
 * What kind of KMS key a resource is: customer or AWS managed, symmetric encryption or not, key
 * material origin. Props are CloudFormation's (`KeySpec`, `KeyUsage`, `Origin`, absent = KMS's
 * defaults); `observed.KeyManager` and `observed.KeyState` come from `DescribeKey`.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html
 */
import type { Resource } from '../../model/index.js';
import { prop } from '../rule.js';

/** AWS managed keys (`aws/s3`...) are rotated by AWS every year and their policies cannot be edited. */
export function isAwsManagedKey(key: Resource): boolean {
  return key.observed?.KeyManager === 'AWS';
}

/** `PendingDeletion` / `PendingReplicaDeletion`, or `undefined`. */
export function pendingDeletion(key: Resource): string | undefined {
  const state = key.observed?.KeyState;
  return state === 'PendingDeletion' || state === 'PendingReplicaDeletion' ? state : undefined;
}

/**
 * Why automatic rotation does not apply to the key, or `undefined` when it does: only symmetric
 * encryption keys with KMS-generated material in the standard key store rotate automatically.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html#rotating-keys-enable-disable
 */
export function rotationNotSupported(key: Resource): string | { unknown: string } | undefined {
  for (const [field, expected] of [
    ['KeySpec', 'SYMMETRIC_DEFAULT'],
    ['KeyUsage', 'ENCRYPT_DECRYPT'],
    ['Origin', 'AWS_KMS'],
  ] as const) {
    const value = prop(key.props, field);
    if (!value.known) return { unknown: value.reason };
    if (value.value !== undefined && value.value !== expected) {
      return `its ${field} is ${String(value.value)} (automatic rotation applies to ${field} ${expected} only)`;
    }
  }
  return undefined;
}
