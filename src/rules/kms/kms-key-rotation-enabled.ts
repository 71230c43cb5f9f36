import { asBoolean, defineRule, error, fail, label, notApplicable, pass, prop } from '../rule.js';
import { isAwsManagedKey, pendingDeletion, rotationNotSupported } from './keys.js';

/**
 * Compliant: automatic rotation is on (`EnableKeyRotation: true`) for a customer managed symmetric
 * encryption key with KMS-generated key material. Asymmetric, HMAC and imported-material keys,
 * AWS managed keys and keys pending deletion are not applicable.
 */
export default defineRule({
  id: 'kms-key-rotation-enabled',
  title: 'KMS customer managed key has automatic rotation enabled',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: ['AWS::KMS::Key'],
  rationale:
    'With automatic rotation KMS creates new key material every year (or the period you set) and keeps the old material to decrypt what it encrypted, with no change for applications. Rotation limits how much data one key version protects and is required by CIS and most compliance regimes; KMS does not rotate customer managed keys unless asked.',
  remediation: {
    text: 'Turn on automatic rotation for the key (optionally with a rotation period between 90 and 2560 days).',
    cli: 'aws kms enable-key-rotation --key-id <key-id> --rotation-period-in-days 365',
    cloudformation: 'EnableKeyRotation: true\nRotationPeriodInDays: 365',
    terraform: 'enable_key_rotation     = true\nrotation_period_in_days = 365',
  },
  controls: ['cis-aws-v5.0:3.6', 'aws-fsbp:KMS.4'],
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html#cfn-kms-key-enablekeyrotation',
  ],
  evaluate(key) {
    const who = `KMS key ${label(key)}`;
    if (isAwsManagedKey(key))
      return notApplicable(() => `${who} is an AWS managed key, rotated by AWS every year.`);
    const pending = pendingDeletion(key);
    if (pending) return notApplicable(() => `${who} is ${pending}.`);
    const unsupported = rotationNotSupported(key);
    if (typeof unsupported === 'string') return notApplicable(() => `${who}: ${unsupported}.`);
    const rotation = prop(key.props, 'EnableKeyRotation');
    if (!rotation.known) return error(`${who}: ${rotation.reason}.`);
    const on = rotation.value === undefined ? false : asBoolean(rotation.value);
    if (on === undefined)
      return error(`${who}: EnableKeyRotation is not a boolean (${JSON.stringify(rotation.value)}).`);
    if (!on) {
      // Rotation is off; whether it could be on depends on the key spec that is not known.
      if (unsupported) return error(`${who}: ${unsupported.unknown}.`);
      return fail(
        rotation.value === undefined
          ? `${who} does not enable automatic rotation (EnableKeyRotation not set; KMS's default is off).`
          : `${who} has automatic rotation off.`,
      );
    }
    const period = prop(key.props, 'RotationPeriodInDays');
    const every = period.known && period.value !== undefined ? ` every ${String(period.value)} days` : '';
    return pass(() => `${who} has automatic rotation on${every}.`);
  },
});
