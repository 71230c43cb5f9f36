import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './iam-root-hardware-mfa-enabled.js';

const ROOT = 'AWS::IAM::RootAccount';

describe('iam-root-hardware-mfa-enabled', () => {
  it('tells virtual devices from hardware ones by their serial number', () => {
    expectResources(rule, [
      resource(
        ROOT,
        'PassFidoKey',
        {},
        {
          observed: {
            MfaActive: true,
            MfaDevices: [{ SerialNumber: 'arn:aws:iam::123456789012:u2f/security-key-1' }],
          },
        },
      ),
      resource(ROOT, 'PassHardwareTokenNoVirtual', {}, { observed: { MfaActive: true, MfaDevices: [] } }),
      resource(
        ROOT,
        'FailVirtual',
        {},
        {
          observed: {
            MfaActive: true,
            MfaDevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device' }],
          },
        },
      ),
      resource(ROOT, 'FailNoMfa', {}, { observed: { MfaActive: false } }),
      resource(ROOT, 'ErrorDevicesNotListed', {}, { observed: { MfaActive: true } }),
      resource(ROOT, 'ErrorNothingKnown', {}, { observed: {} }),
    ]);
  });
});
