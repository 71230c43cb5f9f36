import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../model/index.js';
import { corporaPresent, corpusPath } from '../../../test/corpora.js';
import { cloudFormationSource, listTemplateFiles } from './index.js';

/** Pairs whose YAML and JSON versions differ upstream (different properties), not in loading. */
const UPSTREAM_DIVERGENT_TWINS = new Set([
  'AutoScaling/AutoScalingRollingUpdates',
  'AutoScaling/AutoScalingScheduledAction',
  'EC2/EC2_Instance_With_Ephemeral_Drives',
  'EC2/EIP_With_Association',
  'EC2/InstanceWithCfnInit',
  'ECS/EC2LaunchType/clusters/private-vpc',
  'ECS/EC2LaunchType/clusters/public-vpc',
  'Solutions/AmazonCloudWatchAgent/ssm/suse',
]);

describe.skipIf(!corporaPresent)('CloudFormation corpus sweep (aws-cloudformation-templates)', () => {
  const root = corpusPath('cfn-templates');
  let snapshot: Snapshot;
  let inFile: (file: string) => Record<string, Resource>;

  it('loads every file without throwing; skips are counted', async () => {
    const files = await listTemplateFiles(root);
    snapshot = await cloudFormationSource.load(root, {});
    inFile = (file) =>
      Object.fromEntries(
        snapshot.resources
          .filter((r) => r.origin.file === file)
          .map((r) => [r.origin.logicalId as string, r]),
      );
    const skipped = new Set(snapshot.coverage.filter((g) => g.kind === 'skipped-file').map((g) => g.file));
    const unparsed = new Set(
      snapshot.coverage.filter((g) => g.kind === 'parse-error' && g.path === undefined).map((g) => g.file),
    );
    const loaded = files.length - skipped.size - unparsed.size;
    const gapsByKind: Record<string, number> = {};
    for (const gap of snapshot.coverage) gapsByKind[gap.kind] = (gapsByKind[gap.kind] ?? 0) + 1;
    // eslint-disable-next-line no-console -- the corpus figures are this test's report
    console.log('cfn-templates corpus', {
      files: files.length,
      templatesLoaded: loaded,
      templatesSkipped: skipped.size,
      unparsable: unparsed.size,
      resources: snapshot.resources.length,
      gapsByKind,
    });
    // Measured on aws-cloudformation-templates @142ce6f: 311 candidate files, 15 of them not templates
    // (custom-resource test events, buildspecs, a multi-document Kubernetes manifest, bandit configs).
    expect(files.length).toBe(311);
    expect(skipped.size).toBe(15);
    expect(unparsed.size).toBe(0);
    expect(loaded).toBe(296);
    expect(snapshot.resources.length).toBeGreaterThanOrEqual(1760);
    expect(new Set(snapshot.resources.map((r) => r.id)).size).toBe(snapshot.resources.length);
  });

  it('resolves a VPC template: mappings, folds and links', () => {
    const file = 'VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml';
    const r = inFile(file);
    // 26 declared; routes, associations, NACL entries and the gateway attachment are folded in.
    expect(Object.keys(r)).toHaveLength(14);
    expect(r.VPC?.props.CidrBlock).toBe('10.0.0.0/16');
    expect(r.VPC?.name).toBe('VPC Public and Private with NAT');
    expect(r.PrivateSubnet1?.props).toMatchObject({ CidrBlock: '10.0.3.0/24', VpcId: `${file}#VPC` });
    expect(r.InternetGateway?.props.VpcId).toBe(`${file}#VPC`);
    expect(r.PublicRouteTable?.props.Routes).toEqual([
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: `${file}#InternetGateway` },
    ]);
    expect(r.PrivateRouteTable0?.props.Routes).toEqual([
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: `${file}#NATGateway0` },
    ]);
    expect(r.PrivateRouteTable0?.props.Associations).toEqual([{ SubnetId: `${file}#PrivateSubnet0` }]);
    expect((r.PublicNetworkAcl?.props.Entries as unknown[]).length).toBe(2);
    expect(r.PublicNetworkAcl?.props.Associations).toHaveLength(2);
  });

  it('expands Fn::ForEach in the corpus', () => {
    const tables = inFile('CloudFormation/fn-foreach-ddb.yaml');
    expect(Object.keys(tables)).toEqual([
      'DynamoDBPoints',
      'DynamoDBScore',
      'DynamoDBName',
      'DynamoDBLeaderboard',
    ]);
    expect(tables.DynamoDBScore?.props.TableName).toBe('Score');
    expect(tables.DynamoDBScore?.name).toBe('Score');
    const buckets = inFile('CloudFormation/fn-foreach-s3-outputs.yaml');
    expect(Object.keys(buckets)).toEqual(['S3BucketA', 'S3BucketB', 'S3BucketC']);
    expect(buckets.S3BucketB?.props.DeletionPolicy).toBe('Retain');
  });

  it('expands SAM functions in the corpus', () => {
    const r = inFile('CloudFormation/MacrosExamples/Explode/macro.yaml');
    expect(Object.keys(r).sort()).toEqual(['Macro', 'MacroFunction', 'MacroFunctionRole']);
    expect(r.MacroFunction?.type).toBe('AWS::Lambda::Function');
    expect(r.MacroFunction?.props.Runtime).toBe('python3.11');
  });

  it('evaluates conditions and folds topic policies', async () => {
    const file = 'Config/Config.yaml';
    expect(inFile(file).DeliveryChannel).toBeDefined();
    expect(inFile(file).ConfigTopic?.props.PolicyDocument).toBeDefined();
    const existing = await cloudFormationSource.load(corpusPath('cfn-templates', file), {
      params: { DeliveryChannelExists: 'true' },
    });
    expect(existing.resources.map((x) => x.id)).not.toContain('DeliveryChannel');
    expect(existing.resources.map((x) => x.id)).toContain('ConfigRecorder');
  });

  it('loads the YAML and JSON versions of a template to the same resources', () => {
    const byFile = new Map<string, Record<string, Resource>>();
    for (const r of snapshot.resources) {
      const file = r.origin.file as string;
      if (!byFile.has(file)) byFile.set(file, {});
      (byFile.get(file) as Record<string, Resource>)[r.origin.logicalId as string] = r;
    }
    const comparable = (resource: Resource | undefined, file: string) => {
      const { $folds: _lines, ...props } = resource?.props ?? {};
      return JSON.stringify(props)
        .split(`${file}#`)
        .join('#')
        .replace(/"Fn::GetAZs":null/g, '"Fn::GetAZs":""');
    };
    let pairs = 0;
    for (const [file, yaml] of byFile) {
      const stem = file.replace(/\.ya?ml$/, '');
      const twin = byFile.get(`${stem}.json`);
      if (stem === file || !twin || UPSTREAM_DIVERGENT_TWINS.has(stem)) continue;
      pairs++;
      expect(Object.keys(twin).sort(), stem).toEqual(Object.keys(yaml).sort());
      for (const id of Object.keys(yaml)) {
        expect(comparable(twin[id], `${stem}.json`), `${stem} ${id}`).toBe(comparable(yaml[id], file));
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(125);
  });
});
