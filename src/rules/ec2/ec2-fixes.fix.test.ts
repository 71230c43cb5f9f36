import { describe, expect, it } from 'vitest';
import { rescanFixed } from '../../../test/fix-fixtures.js';
import { resource, TEST_ACCOUNT } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/index.js';
import { callsOf, stepsOf } from '../fix-testing.js';
import ebsFix from './ec2-ebs-default-encryption-enabled.fix.js';
import imdsFix from './ec2-instance-imdsv2-required.fix.js';
import imdsRule from './ec2-instance-imdsv2-required.js';
import sgFix from './ec2-security-group-admin-ports-restricted.fix.js';
import sgRule from './ec2-security-group-admin-ports-restricted.js';

const graph = createGraph([]);
const OFFICE = '203.0.113.0/24';

describe('fix ec2-ebs-default-encryption-enabled', () => {
  const vpc = resource('AWS::EC2::VPC', 'vpc-0123456789abcdef0', {});

  it('enables encryption by default in the VPC’s region, and sets the default key when given', () => {
    expect(callsOf(ebsFix.plan(vpc, { params: ebsFix.params!.parse({}), graph }))).toEqual([
      { client: 'ec2', operation: 'EnableEbsEncryptionByDefault', input: {} },
    ]);
    const plan = ebsFix.plan(vpc, { params: ebsFix.params!.parse({ kmsKeyId: 'alias/ebs' }), graph });
    expect(callsOf(plan)).toEqual([
      { client: 'ec2', operation: 'EnableEbsEncryptionByDefault', input: {} },
      { client: 'ec2', operation: 'ModifyEbsDefaultKmsKeyId', input: { KmsKeyId: 'alias/ebs' } },
    ]);
    expect(stepsOf(plan).map((s) => [s.call.account, s.call.region])).toEqual([
      [TEST_ACCOUNT, 'us-east-1'],
      [TEST_ACCOUNT, 'us-east-1'],
    ]);
  });

  it('undoes to the captured setting and key', () => {
    const [enable, key] = stepsOf(
      ebsFix.plan(vpc, { params: ebsFix.params!.parse({ kmsKeyId: 'alias/ebs' }), graph }),
    );
    expect(enable!.undo!({ EbsEncryptionByDefault: false })).toMatchObject({
      call: { operation: 'DisableEbsEncryptionByDefault' },
    });
    expect(enable!.undo!({ EbsEncryptionByDefault: true })).toMatchObject({
      call: { operation: 'EnableEbsEncryptionByDefault' },
    });
    expect(key!.undo!({ KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/old' })).toMatchObject({
      call: {
        operation: 'ModifyEbsDefaultKmsKeyId',
        input: { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/old' },
      },
    });
    expect(key!.undo!({ KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/aws/ebs' })).toMatchObject({
      call: { operation: 'ResetEbsDefaultKmsKeyId', input: {} },
    });
  });

  it('refuses an unknown region, and has no template patch (no CloudFormation type holds the setting)', () => {
    expect(ebsFix.plan({ ...vpc, region: 'unknown' }, { params: {}, graph })).toMatchObject({
      cannot: expect.stringContaining('region'),
    });
    expect(ebsFix.template).toBeUndefined();
  });
});

describe('fix ec2-instance-imdsv2-required (template patches)', () => {
  it('makes the failing template instances pass', () => {
    const fixed = rescanFixed(
      imdsRule,
      imdsFix,
      new URL('./fixtures/ec2-instance-imdsv2-required.yaml', import.meta.url),
    );
    expect(Object.keys(fixed.outcomes).length).toBeGreaterThan(1);
    expect(Object.entries(fixed.outcomes).filter(([, o]) => o !== 'pass')).toEqual([]);
  });
});

describe('fix ec2-security-group-admin-ports-restricted', () => {
  const group = resource('AWS::EC2::SecurityGroup', 'sg-0a1b2c3d4e5f60718', {
    SecurityGroupIngress: [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0', Description: 'ssh' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '::/0' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
      { IpProtocol: '-1', CidrIp: '0.0.0.0/0' },
    ],
  });
  const GroupId = group.id;

  it('refuses without a CIDR and says how to give one', () => {
    expect(sgFix.plan(group, { params: sgFix.params!.parse({}), graph })).toMatchObject({
      cannot: expect.stringContaining('--param cidr='),
    });
    expect(() => sgFix.params!.parse({ cidr: '0.0.0.0/0' })).toThrow();
    expect(() => sgFix.params!.parse({ cidr: 'office' })).toThrow();
  });

  it('authorises the narrowed rules first, then revokes the open ones; HTTPS stays open', () => {
    const plan = sgFix.plan(group, { params: sgFix.params!.parse({ cidr: OFFICE }), graph });
    expect(callsOf(plan)).toEqual([
      {
        client: 'ec2',
        operation: 'AuthorizeSecurityGroupIngress',
        input: {
          GroupId,
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: OFFICE, Description: 'ssh' }],
            },
          ],
        },
      },
      {
        client: 'ec2',
        operation: 'AuthorizeSecurityGroupIngress',
        input: { GroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: OFFICE }] }] },
      },
      {
        client: 'ec2',
        operation: 'RevokeSecurityGroupIngress',
        input: {
          GroupId,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
      },
      {
        client: 'ec2',
        operation: 'RevokeSecurityGroupIngress',
        input: {
          GroupId,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
          ],
        },
      },
      {
        client: 'ec2',
        operation: 'RevokeSecurityGroupIngress',
        input: { GroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] },
      },
    ]);
  });

  it('undoes each step with its opposite, the open rule coming back with its description', () => {
    const steps = stepsOf(sgFix.plan(group, { params: sgFix.params!.parse({ cidr: OFFICE }), graph }));
    expect(steps[0]!.capture).toMatchObject({
      operation: 'DescribeSecurityGroupRules',
      input: { Filters: [{ Name: 'group-id', Values: [GroupId] }] },
    });
    expect(steps[0]!.undo!(null)).toMatchObject({
      call: {
        operation: 'RevokeSecurityGroupIngress',
        input: { GroupId, IpPermissions: [{ IpRanges: [{ CidrIp: OFFICE }] }] },
      },
    });
    expect(steps[2]!.undo!(null)).toMatchObject({
      call: {
        operation: 'AuthorizeSecurityGroupIngress',
        input: { GroupId, IpPermissions: [{ IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh' }] }] },
      },
    });
  });

  it('does not authorise a narrowed rule that already exists', () => {
    const withOffice = resource('AWS::EC2::SecurityGroup', 'sg-1', {
      SecurityGroupIngress: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: OFFICE },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
      ],
    });
    expect(
      callsOf(sgFix.plan(withOffice, { params: sgFix.params!.parse({ cidr: OFFICE }), graph })).map(
        (c) => c.operation,
      ),
    ).toEqual(['RevokeSecurityGroupIngress']);
  });

  it('makes every failing template group pass, patching a folded ingress resource where it is declared', () => {
    const url = new URL('./fixtures/ec2-security-group-admin-ports-restricted.yaml', import.meta.url);
    const fixed = rescanFixed(sgRule, sgFix, url, { params: { cidr: OFFICE } });
    expect(Object.keys(fixed.outcomes).sort()).toEqual([
      'FailAllProtocols',
      'FailIngressOnImportedGroup',
      'FailOpenedByStandaloneIngress',
      'FailRangeCoveringSsh',
      'FailRdpFromAnyIpv6',
      'FailSshFromAnywhere',
      'FailUdpRdp',
    ]);
    expect(Object.entries(fixed.outcomes).filter(([, o]) => o !== 'pass')).toEqual([]);
    // The group's folded entry is edited in the ingress resource that declares it.
    expect(fixed.template.Resources.SshIngressForGroup!.Properties).toMatchObject({ CidrIp: OFFICE });
    expect(fixed.template.Resources.FailOpenedByStandaloneIngress!.Properties).not.toHaveProperty('CidrIp');
    expect(fixed.patches.FailOpenedByStandaloneIngress).toEqual([
      { op: 'set', path: ['SecurityGroupIngress', 0, 'CidrIp'], value: OFFICE },
    ]);
    expect(fixed.patches.FailRdpFromAnyIpv6).toEqual([
      { op: 'remove', path: ['SecurityGroupIngress', 0] },
      {
        op: 'append',
        path: ['SecurityGroupIngress'],
        value: { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: OFFICE },
      },
    ]);
  });

  it('refuses a template fix without a CIDR', () => {
    const url = new URL('./fixtures/ec2-security-group-admin-ports-restricted.yaml', import.meta.url);
    const fixed = rescanFixed(sgRule, sgFix, url, { ids: ['FailSshFromAnywhere'] });
    expect(fixed.outcomes.FailSshFromAnywhere).toMatch(/^cannot: give the administrators' network/);
  });
});
