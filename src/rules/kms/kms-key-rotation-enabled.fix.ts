import { z } from 'zod';
import { defineFix } from '../fix.js';
import { callFor, capturedAt, refuseNotLive } from '../fix-support.js';

const params = z.object({
  rotationPeriodInDays: z
    .number()
    .int()
    .min(90)
    .max(2560)
    .optional()
    .describe('Days between rotations (90 to 2560); absent: KMS default of 365.'),
});

/**
 * Turns on automatic rotation of a customer managed key. Reversible: rotation can be turned off
 * again (key material already rotated stays, as KMS keeps every version to decrypt old data).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
 */
export default defineFix({
  rule: 'kms-key-rotation-enabled',
  title: 'Turn on automatic rotation of the KMS key',
  actions: ['kms:EnableKeyRotation', 'kms:DisableKeyRotation'],
  params,
  plan(key, { params: { rotationPeriodInDays } }) {
    const refused = refuseNotLive(key);
    if (refused) return refused;
    // The key id: the call is made in the key's own account and region.
    const KeyId = key.id;
    return {
      steps: [
        {
          description: `Turn on automatic rotation of KMS key ${key.id}${rotationPeriodInDays ? ` every ${rotationPeriodInDays} days` : ''}`,
          call: callFor(key, 'kms', 'EnableKeyRotation', 'kms:EnableKeyRotation', {
            KeyId,
            ...(rotationPeriodInDays ? { RotationPeriodInDays: rotationPeriodInDays } : {}),
          }),
          capture: callFor(key, 'kms', 'GetKeyRotationStatus', 'kms:GetKeyRotationStatus', { KeyId }),
          undo: (captured) => {
            if (capturedAt(captured, 'KeyRotationEnabled') !== true) {
              return { call: callFor(key, 'kms', 'DisableKeyRotation', 'kms:DisableKeyRotation', { KeyId }) };
            }
            const period = capturedAt(captured, 'RotationPeriodInDays');
            return {
              call: callFor(key, 'kms', 'EnableKeyRotation', 'kms:EnableKeyRotation', {
                KeyId,
                ...(typeof period === 'number' ? { RotationPeriodInDays: period } : {}),
              }),
            };
          },
        },
      ],
    };
  },
  template(_key, { params: { rotationPeriodInDays } }) {
    return {
      patches: [
        { op: 'set', path: ['EnableKeyRotation'], value: true },
        ...(rotationPeriodInDays
          ? [{ op: 'set' as const, path: ['RotationPeriodInDays'], value: rotationPeriodInDays }]
          : []),
      ],
    };
  },
});
