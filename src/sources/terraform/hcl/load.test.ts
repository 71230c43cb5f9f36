import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, isUnresolved, type Resource, type Snapshot } from '../../../model/index.js';
import { terraformSource } from '../index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/hcl/${name}`, import.meta.url));
const byId = (s: Snapshot, id: string): Resource => {
  const r = s.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} in ${s.resources.map((x) => x.id).join(', ')}`);
  return r;
};

describe('.tf directories', () => {
  let project: Snapshot;
  const loadProject = async () => (project ??= await terraformSource.load(fixture('project'), {}));

  it('expands local modules per for_each key and count per index', async () => {
    const s = await loadProject();
    expect(s.resources.map((r) => r.id).sort()).toEqual(
      [
        'aws_iam_user.ci',
        'aws_instance.web[0]',
        'aws_instance.web[1]',
        'aws_s3_bucket.audit',
        'aws_security_group.admin',
        'module.network["blue"].aws_subnet.private[0]',
        'module.network["blue"].aws_subnet.private[1]',
        'module.network["blue"].aws_vpc.this',
        'module.network["green"].aws_subnet.private[0]',
        'module.network["green"].aws_subnet.private[1]',
        'module.network["green"].aws_vpc.this',
      ].sort(),
    );
    const subnet = byId(s, 'module.network["green"].aws_subnet.private[1]');
    expect(subnet.props).toEqual({ VpcId: 'module.network["green"].aws_vpc.this', CidrBlock: '10.9.1.0/24' });
    expect(subnet.origin).toEqual({
      source: 'terraform',
      file: 'modules/network/main.tf',
      logicalId: 'module.network["green"].aws_subnet.private[1]',
      line: 16,
    });
  });

  it('resolves variables (tfvars, defaults), locals, module inputs and outputs', async () => {
    const s = await loadProject();
    const vpc = byId(s, 'module.network["blue"].aws_vpc.this');
    expect(vpc.name).toBe('shop-dev-blue');
    expect(vpc.region).toBe('eu-central-1');
    expect(vpc.account).toBe('111122223333');
    const sg = byId(s, 'aws_security_group.admin');
    expect(sg.props.VpcId).toBe('module.network["blue"].aws_vpc.this');
    // A dynamic block over a literal list, expanded.
    expect(sg.props.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' },
      { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: '10.0.0.0/8' },
    ]);
    const web = byId(s, 'aws_instance.web[1]');
    expect(web.props.SubnetId).toBe('module.network["green"].aws_subnet.private[1]');
    expect(web.props.SecurityGroupIds).toEqual(['aws_security_group.admin']);
    expect(web.name).toBe('web-1');
  });

  it('uses the aliased provider, folds jsonencode policies, and keeps the rest unresolved with gaps', async () => {
    const s = await loadProject();
    const bucket = byId(s, 'aws_s3_bucket.audit');
    expect(bucket.region).toBe('us-east-1');
    expect(isUnresolved(bucket.props.BucketName)).toBe(true);
    expect(bucket.props.PolicyDocument).toMatchObject({
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*' }],
    });
    expect(bucket.props.$folds).toMatchObject([
      { property: 'PolicyDocument', logicalId: 'aws_s3_bucket_policy.audit' },
    ]);
    expect(byId(s, 'aws_iam_user.ci').props.UserName).toMatchObject({
      expression: 'upper("ci")',
      reason: 'HCL expression not evaluated',
    });
    const kinds = s.coverage.map((g) => `${g.kind} ${g.resourceId}`);
    expect(kinds).toContain('unexpanded module.registry');
    expect(kinds).toContain('unresolved-value aws_iam_user.ci');
    expect(kinds).toContain('unresolved-value aws_s3_bucket.audit');
  });

  it('lets --param set a variable', async () => {
    const s = await terraformSource.load(fixture('project'), { params: { env: 'prod' } });
    expect(byId(s, 'module.network["blue"].aws_vpc.this').name).toBe('shop-prod-blue');
  });

  it('reads a single .tf file', async () => {
    const s = await terraformSource.load(fixture('project/modules/network/main.tf'), {});
    // `var.cidr` has no value outside its caller.
    expect(byId(s, 'aws_vpc.this').props.CidrBlock).toMatchObject({
      reason: 'variable has no default and no value given',
    });
  });

  it('fails on a syntax error with file, line and column', async () => {
    const error = await terraformSource.load(fixture('broken'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ line: 4, column: 11 });
    expect((error as InputError).file).toMatch(/broken\/main\.tf$/);
    expect((error as InputError).message).toMatch(/^HCL syntax error: Invalid expression/);
  });
});
