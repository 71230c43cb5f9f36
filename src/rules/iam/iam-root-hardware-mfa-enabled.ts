import { defineRule, error, fail, label, pass } from '../rule.js';
import { observedOf, rootMfa } from './root.js';

/** A virtual MFA device's serial number is its ARN: `arn:aws:iam::123456789012:mfa/<name>`. */
const VIRTUAL_SERIAL = /^arn:[a-z-]+:iam::\d{12}:mfa\//;

/**
 * Compliant: the root user's MFA is a hardware device (a FIDO security key or a hardware TOTP
 * token), not a virtual authenticator app: MFA is active and none of the root user's MFA devices
 * (`observed.MfaDevices[].SerialNumber`) is a virtual device.
 */
export default defineRule({
  id: 'iam-root-hardware-mfa-enabled',
  title: 'Root user uses a hardware MFA device',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::IAM::RootAccount'],
  rationale:
    'A virtual MFA app lives on a phone that is also used for mail, messaging and backups, so the second factor of the most powerful identity shares the attack surface of an everyday device. A FIDO security key or hardware token is a separate object that cannot be cloned remotely, and FIDO keys also resist phishing.',
  remediation: {
    text: 'Sign in as the root user, register a FIDO security key or hardware TOTP token under Security credentials, then remove the virtual MFA device.',
    cli: 'aws iam list-virtual-mfa-devices --assignment-status Assigned   # find root-account-mfa-device',
    cloudformation: '# Root MFA cannot be configured with CloudFormation; assign it as the root user.',
    terraform: '# Root MFA cannot be configured with Terraform; assign it as the root user.',
  },
  controls: ['cis-aws-v5.0:1.5', 'aws-fsbp:IAM.6'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-fido-mfa-for-root.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html',
  ],
  evaluate(root) {
    const who = `Root user of account ${label(root)}`;
    const mfa = rootMfa(root);
    if ('reason' in mfa) return error(`${who}: ${mfa.reason}.`);
    if (!mfa.active) return fail(`${who} has no MFA device at all, so no hardware MFA.`);
    const devices = observedOf(root).MfaDevices;
    if (!Array.isArray(devices)) {
      return error(
        `${who} has MFA active, but the snapshot does not list its MFA devices (MfaDevices from list-virtual-mfa-devices), so the device type is not known.`,
      );
    }
    const virtual = devices
      .map((d) => (d as Record<string, unknown> | null)?.SerialNumber)
      .filter((s): s is string => typeof s === 'string' && VIRTUAL_SERIAL.test(s));
    if (virtual.length > 0) return fail(`${who} uses a virtual MFA device (${virtual.join(', ')}).`);
    return pass(() => `${who} has MFA active with no virtual MFA device.`);
  },
});
