import { describe, expect, it } from 'vitest';
import { rescanFixed } from '../../../test/fix-fixtures.js';
import { resource } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/index.js';
import { callsOf, stepsOf } from '../fix-testing.js';
import fix from './kms-key-rotation-enabled.fix.js';
import rule from './kms-key-rotation-enabled.js';

const graph = createGraph([]);
const key = resource('AWS::KMS::Key', '1234abcd-12ab-34cd-56ef-1234567890ab', { EnableKeyRotation: false });

describe('fix kms-key-rotation-enabled', () => {
  it('enables rotation, with the rotation period when given', () => {
    expect(callsOf(fix.plan(key, { params: fix.params!.parse({}), graph }))).toEqual([
      { client: 'kms', operation: 'EnableKeyRotation', input: { KeyId: key.id } },
    ]);
    expect(
      callsOf(fix.plan(key, { params: fix.params!.parse({ rotationPeriodInDays: 180 }), graph })),
    ).toEqual([
      { client: 'kms', operation: 'EnableKeyRotation', input: { KeyId: key.id, RotationPeriodInDays: 180 } },
    ]);
    expect(() => fix.params!.parse({ rotationPeriodInDays: 30 })).toThrow();
  });

  it('undoes by disabling rotation, or by restoring the previous period when it was on', () => {
    const [step] = stepsOf(fix.plan(key, { params: fix.params!.parse({ rotationPeriodInDays: 90 }), graph }));
    expect(step!.capture).toMatchObject({ operation: 'GetKeyRotationStatus', input: { KeyId: key.id } });
    expect(step!.undo!({ KeyRotationEnabled: false })).toMatchObject({
      call: { operation: 'DisableKeyRotation', input: { KeyId: key.id }, action: 'kms:DisableKeyRotation' },
    });
    expect(step!.undo!({ KeyRotationEnabled: true, RotationPeriodInDays: 365 })).toMatchObject({
      call: { operation: 'EnableKeyRotation', input: { KeyId: key.id, RotationPeriodInDays: 365 } },
    });
  });

  it('refuses a template key', () => {
    expect(fix.plan({ ...key, origin: { source: 'terraform' } }, { params: {}, graph })).toHaveProperty(
      'cannot',
    );
  });

  it('makes the failing template keys pass', () => {
    const url = new URL('./fixtures/kms-key-rotation-enabled.yaml', import.meta.url);
    expect(rescanFixed(rule, fix, url).outcomes).toEqual({ FailRotationOff: 'pass', FailDefaultOff: 'pass' });
    const withPeriod = rescanFixed(rule, fix, url, { params: { rotationPeriodInDays: 180 } });
    expect(withPeriod.template.Resources.FailDefaultOff!.Properties).toMatchObject({
      EnableKeyRotation: true,
      RotationPeriodInDays: 180,
    });
  });
});
