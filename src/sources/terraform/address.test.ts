import { describe, expect, it } from 'vitest';
import { moduleCallPath, parseReference, parseTraversal, splitModuleAddress } from './address.js';

describe('Terraform addresses and references', () => {
  it('splits traversals with string and number keys', () => {
    expect(parseTraversal('aws_subnet.a["x.y"].id')).toEqual([
      { name: 'aws_subnet' },
      { name: 'a' },
      { index: 'x.y' },
      { name: 'id' },
    ]);
    expect(parseTraversal('aws_subnet.a[0]')).toEqual([{ name: 'aws_subnet' }, { name: 'a' }, { index: 0 }]);
    expect(parseTraversal('upper(var.x)')).toBeUndefined();
    expect(parseTraversal('aws_subnet.a[each.key]')).toBeUndefined();
  });

  it('classifies references', () => {
    expect(parseReference('aws_vpc.main.id')).toEqual({
      kind: 'resource',
      type: 'aws_vpc',
      name: 'main',
      index: undefined,
      attribute: [{ name: 'id' }],
    });
    expect(parseReference('data.aws_iam_policy_document.p.json')).toMatchObject({
      kind: 'data',
      type: 'aws_iam_policy_document',
      name: 'p',
    });
    expect(parseReference('module.net["a"].vpc_id')).toMatchObject({
      kind: 'module',
      name: 'net',
      index: 'a',
      output: 'vpc_id',
    });
    expect(parseReference('var.cidr')).toMatchObject({ kind: 'var', name: 'cidr' });
    expect(parseReference('each.value.cidr')).toMatchObject({
      kind: 'each',
      attribute: [{ name: 'value' }, { name: 'cidr' }],
    });
  });

  it('walks module instance addresses', () => {
    expect(moduleCallPath('module.a["x"].module.b[0]')).toEqual(['a', 'b']);
    expect(splitModuleAddress('module.a["x"].module.b[0]')).toEqual({
      parent: 'module.a["x"]',
      call: 'b',
      index: 0,
    });
    expect(splitModuleAddress('module.a')).toEqual({ parent: '', call: 'a', index: undefined });
  });
});
