import { describe, expect, it } from 'vitest';
import { unresolved } from '../model/index.js';
import { asBoolean, asNumber, known, prop } from './known.js';

const imported = unresolved({ 'Fn::ImportValue': 'shared' }, 'exported by another stack');
const props = {
  VersioningConfiguration: { Status: 'Enabled' },
  Logging: imported,
  Replicas: [{ Region: 'eu-west-1', Pitr: imported }],
};

describe('prop', () => {
  it('reads nested values and array elements', () => {
    expect(prop(props, 'VersioningConfiguration.Status')).toEqual({ known: true, value: 'Enabled' });
    expect(prop(props, 'Replicas.0.Region')).toEqual({ known: true, value: 'eu-west-1' });
  });

  it('treats a missing property as known and undefined', () => {
    expect(prop(props, 'Missing.Deeper')).toEqual({ known: true, value: undefined });
    expect(prop(props, 'VersioningConfiguration.Status.Length')).toEqual({ known: true, value: undefined });
    expect(prop(undefined, 'Anything')).toEqual({ known: true, value: undefined });
  });

  it('reports an unresolved value on the way, naming where and why', () => {
    const deep = prop(props, 'Logging.DestinationBucketName');
    expect(deep.known).toBe(false);
    if (!deep.known) {
      expect(deep.reason).toBe(
        'Logging is not known: exported by another stack ({"Fn::ImportValue":"shared"})',
      );
      expect(deep.unresolved).toBe(imported);
    }
    const leaf = prop(props, 'Replicas.0.Pitr');
    expect(!leaf.known && leaf.reason).toMatch(/^Replicas\.0\.Pitr is not known/);
  });
});

describe('known and coercions', () => {
  it('wraps values in hand', () => {
    expect(known(3, 'x')).toEqual({ known: true, value: 3 });
    expect(known(imported, 'Rules[2].CidrIp')).toMatchObject({
      known: false,
      reason: expect.stringMatching(/^Rules\[2\]\.CidrIp/),
    });
  });

  it('reads CloudFormation booleans and numbers written as strings', () => {
    expect([true, 'true', 'TRUE', false, 'false', 'yes', 1, undefined].map(asBoolean)).toEqual([
      true,
      true,
      true,
      false,
      false,
      undefined,
      undefined,
      undefined,
    ]);
    expect([22, '22', ' ', 'x', Number.NaN].map(asNumber)).toEqual([22, 22, undefined, undefined, undefined]);
  });
});
