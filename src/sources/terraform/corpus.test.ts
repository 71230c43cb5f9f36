import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../engine/index.js';
import { countByType, InputError, isUnresolved, type Resource, type Snapshot } from '../../model/index.js';
import accessLogging from '../../rules/cloudfront/cloudfront-distribution-access-logging-enabled.js';
import { corporaPresent, corpusPath } from '../../../test/corpora.js';
import { isTerraformPlanJson, terraformSource } from './index.js';

const dir = corpusPath('terraform-plans');
const CORRUPTED = 'terraform__runner__resources__plan__corrupted-tfplan.json';

describe.skipIf(!corporaPresent)('Terraform plan corpus sweep (checkov test plans)', () => {
  const files = corporaPresent
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  const loaded = new Map<string, Snapshot>();

  const load = async (file: string): Promise<Snapshot> => {
    const hit = loaded.get(file);
    if (hit) return hit;
    const snapshot = await terraformSource.load(`${dir}/${file}`, {});
    loaded.set(file, snapshot);
    return snapshot;
  };
  const resource = async (file: string, id: string): Promise<Resource> => {
    const r = (await load(file)).resources.find((x) => x.id === id);
    if (!r) throw new Error(`${id} not in ${file}`);
    return r;
  };

  it('loads every plan but the corrupted one, which fails with a located InputError', async () => {
    expect(files).toHaveLength(53);
    const failures: string[] = [];
    const gapKinds: Record<string, number> = {};
    const unsupported = new Set<string>();
    let resources = 0;
    for (const file of files) {
      expect(await isTerraformPlanJson(`${dir}/${file}`)).toBe(true);
      if (file === CORRUPTED) {
        const error = await terraformSource.load(`${dir}/${file}`, {}).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InputError);
        const e = error as InputError;
        expect(e.file).toBe(CORRUPTED);
        expect(e.line).toBe(2);
        expect(e.path).toBe('format_version');
        expect(e.message).toMatch(/format_version 1\.0 cannot have been written by Terraform 0\.14\.0/);
        continue;
      }
      try {
        const snapshot = await load(file);
        resources += snapshot.resources.length;
        for (const gap of snapshot.coverage) {
          gapKinds[gap.kind] = (gapKinds[gap.kind] ?? 0) + 1;
          if (gap.kind === 'unsupported-type' && gap.resourceType) unsupported.add(gap.resourceType);
        }
        // Every resource is either CloudFormation-typed or kept visibly as a Terraform type.
        for (const r of snapshot.resources) expect(r.type).toMatch(/^(AWS::|Terraform::)/);
      } catch (error) {
        failures.push(`${file}: ${String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    const all = [...loaded.values()].flatMap((s) => s.resources);
    // eslint-disable-next-line no-console -- the corpus figures are this test's report
    console.log('terraform-plans corpus', {
      plans: files.length,
      loaded: loaded.size,
      resources,
      cloudFormationTyped: all.filter((r) => r.type.startsWith('AWS::')).length,
      unsupportedTypes: [...unsupported].sort(),
      gapsByKind: gapKinds,
      topTypes: countByType(all).slice(0, 12),
    });
    expect(loaded.size).toBe(52);
  });

  it('reads a full plan: counts, references resolved through the configuration, folds', async () => {
    const file = 'terraform__runner__resources__plan__tfplan.json';
    const snapshot = await load(file);
    // 55 changes: 10 fold into their targets (rules, routes, associations, inline policies, attachments).
    expect(snapshot.resources).toHaveLength(45);
    // `vpc_id = aws_vpc.web_vpc.id` is known only after apply; the reference gives the address.
    expect((await resource(file, 'aws_subnet.web_subnet')).props.VpcId).toBe('aws_vpc.web_vpc');
    const table = await resource(file, 'aws_route_table.web_rtb');
    expect(table.props.Routes).toEqual([
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'aws_internet_gateway.web_igw' },
    ]);
    expect(table.props.Associations).toEqual([
      { SubnetId: 'aws_subnet.web_subnet' },
      { SubnetId: 'aws_subnet.web_subnet2' },
    ]);
    const sg = await resource(file, 'aws_security_group.default');
    expect(sg.props.SecurityGroupIngress).toContainEqual({
      IpProtocol: 'tcp',
      FromPort: 3306,
      ToPort: 3306,
      CidrIp: '172.16.0.0/16',
    });
    const role = await resource(file, 'aws_iam_role.iam_for_eks');
    expect(role.props.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'arn:aws:iam::aws:policy/AmazonEKSServicePolicy',
    ]);
    expect(role.region).toBe('global');
    const instance = await resource(file, 'aws_instance.web_host');
    expect(instance.props.SecurityGroupIds).toEqual(['aws_security_group.web-node']);
    expect(instance.region).toBe('us-west-2');
  });

  it('keeps for_each keys and module instance keys in the address', async () => {
    const file = 'common__runner_registry__plan_with_for_each_for_enrichment__tf_plan.json';
    const ids = (await load(file)).resources.map((r) => r.id);
    expect(ids).toContain('aws_route53_zone.example["example.com"]');
    expect(ids).toContain('module.sg["awful_example"].aws_security_group.bad');
    const sg = await resource(file, 'module.sg["bad_example"].aws_security_group.bad');
    expect(sg.props.GroupName).toBe('bad_example');
    // Terraform removes the default allow-all egress rule; this group declares none.
    expect(sg.props.SecurityGroupEgress).toEqual([]);
  });

  it('folds resources of nested modules into their buckets', async () => {
    const file = 'terraform__runner__resources__plan_nested_child_modules_with_connections__tfplan.json';
    const bucket = await resource(
      file,
      'module.s3_module.module.s3_submodule.aws_s3_bucket.submodule_bucket',
    );
    expect(bucket.props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const counted = await resource(file, 'module.s3_bucket.aws_s3_bucket.this[0]');
    expect(counted.props.AccessControl).toBe('PublicReadWrite');
    expect((await load(file)).resources).toHaveLength(4);
  });

  it('keeps an unknown value unresolved, with its expression', async () => {
    const file = 'terraform__parser__resources__plan_after_unknown__tfplan.json';
    const r = await resource(file, 'aws_cloudfront_distribution.cloudfront');
    expect(r.type).toBe('AWS::CloudFront::Distribution');
    const logging = (r.props.DistributionConfig as { Logging: Record<string, unknown> }).Logging;
    expect(logging).toMatchObject({ IncludeCookies: false, Prefix: 'cloudfront' });
    expect(isUnresolved(logging.Bucket)).toBe(true);
    expect(logging.Bucket).toMatchObject({
      expression: 'aws_cloudfront_distribution.cloudfront.logging_config[0].bucket',
      reason: 'known after apply',
    });
    // A log bucket known only after apply is neither a pass nor a fail.
    const [finding] = runRules(await load(file), { rules: [accessLogging] }).findings;
    expect(finding?.status).toBe('error');
  });

  it('reads UTF-16 LE plans like their UTF-8 twins', async () => {
    const utf16 = await load('terraform__parser__resources__plan_encodings__tfplan_win_utf16.json');
    const utf8 = await load('terraform__parser__resources__plan_encodings__tfplan_win_utf8.json');
    expect(utf16.resources.map((r) => [r.id, r.props])).toEqual(utf8.resources.map((r) => [r.id, r.props]));
    const lifecycle = await load('terraform__runner__resources__plan_with_lifecycle_check__tfplan.json');
    expect(lifecycle.resources.map((r) => r.type)).toEqual(['AWS::CertificateManager::Certificate']);
  });

  it('takes regions from provider configurations, aliases included', async () => {
    const providers = await load('terraform__parser__resources__plan_multiple_providers__tfplan.json');
    expect(providers.resources).toEqual([]);
    expect(providers.regions).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
    // `provider = aws.current_region` whose region is `var.region`, a root variable with a value.
    const table = await resource(
      'common__runner_registry__plan_with_hcl_for_enrichment__tfplan.json',
      'aws_dynamodb_table.cross-environment-violations',
    );
    expect(table.region).toBe('us-west-2');
  });

  it('keeps a replaced resource (delete then create) in the planned model', async () => {
    const snapshot = await load('terraform__runner__resources__plan_with_deleted_resources__tfplan.json');
    expect(snapshot.resources.map((r) => r.id)).toEqual(['aws_secretsmanager_secret.default']);
  });
});
