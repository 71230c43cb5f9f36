/**
 * KMS key rotation, stored as the `GetKeyRotationStatus` recording of the key
 * (`kms/GetKeyRotationStatus/<key id>`) that the collector reads.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
 */
import type { WriteHandler, WriteHandlers } from '../writes.js';
import { ok } from '../writes.js';

const JSON_11 = 'application/x-amz-json-1.1';

function rotation(enabled: boolean): WriteHandler {
  return (request, state) => {
    const id = String(request.params.KeyId ?? '');
    const key = `kms/GetKeyRotationStatus/${id}`;
    const current = state.get(key);
    if (current === undefined) return state.error(400, 'NotFoundException', `Key '${id}' does not exist`);
    const previous = JSON.parse(current) as Record<string, unknown>;
    const period = request.params.RotationPeriodInDays;
    state.set(
      key,
      JSON.stringify({
        KeyId: previous.KeyId,
        KeyRotationEnabled: enabled,
        ...(enabled ? { RotationPeriodInDays: typeof period === 'number' ? period : 365 } : {}),
      }),
    );
    return ok('{}', JSON_11);
  };
}

export const kmsWrites: WriteHandlers = {
  'kms:EnableKeyRotation': rotation(true),
  'kms:DisableKeyRotation': rotation(false),
};
