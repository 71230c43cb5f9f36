import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/corpora.js';
import { GLOBAL_REGION, MODEL_ONLY_RESOURCE_TYPES, SNAPSHOT_SCHEMA_VERSION } from '../../model/index.js';
import {
  DEMO_ACCOUNTS,
  DEMO_SECRET_VALUES,
  DEMO_TAKEN_AT,
  buildDemoOrganisation,
  demoResourcesFor,
  demoSource,
} from './index.js';

const snapshot = buildDemoOrganisation();
const accountIds = new Set(DEMO_ACCOUNTS.map((a) => a.id));

describe('demo organisation', () => {
  it('is deterministic: two builds are deep-equal, byte for byte', () => {
    const again = buildDemoOrganisation();
    expect(again).toEqual(snapshot);
    expect(JSON.stringify(again)).toBe(JSON.stringify(snapshot));
  });

  it('has a fixed header: time, four accounts with roles and OU paths, two regions plus global', () => {
    expect(snapshot.schemaVersion).toBe(SNAPSHOT_SCHEMA_VERSION);
    expect(snapshot.takenAt).toBe(DEMO_TAKEN_AT);
    expect(snapshot.accounts.map((a) => [a.name, a.role, a.ouPath])).toEqual([
      ['companya-management', 'management', 'Root'],
      ['companya-security', 'security', 'Root/Security'],
      ['companya-dev', 'workload', 'Root/Workloads/Dev'],
      ['companya-prod', 'workload', 'Root/Workloads/Prod'],
    ]);
    expect(snapshot.accounts.every((a) => /^\d{12}$/.test(a.id))).toBe(true);
    expect(snapshot.regions).toEqual(['ap-southeast-1', GLOBAL_REGION, 'us-east-1']);
    expect(snapshot.coverage).toEqual([]);
  });

  it('gives every resource a type, id, known account and region, tags, props and the demo origin', () => {
    const bad = snapshot.resources.filter(
      (r) =>
        !/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(r.type) ||
        typeof r.id !== 'string' ||
        r.id === '' ||
        !accountIds.has(r.account) ||
        !['us-east-1', 'ap-southeast-1', GLOBAL_REGION].includes(r.region) ||
        typeof r.props !== 'object' ||
        Object.values(r.tags).some((v) => typeof v !== 'string') ||
        r.origin.source !== 'demo',
    );
    expect(bad.map((r) => `${r.type} ${r.id}`)).toEqual([]);
  });

  it('puts resources in both regions of the workload accounts, and IAM / Organizations in global', () => {
    for (const region of ['us-east-1', 'ap-southeast-1']) {
      expect(snapshot.resources.some((r) => r.region === region && r.type === 'AWS::EC2::VPC')).toBe(true);
      expect(snapshot.resources.some((r) => r.region === region && r.type === 'AWS::S3::Bucket')).toBe(true);
    }
    const globalTypes = /^AWS::(IAM|Organizations|Route53|CloudFront|S3::AccountPublicAccessBlock)/;
    const misplaced = snapshot.resources.filter(
      (r) => globalTypes.test(r.type) !== (r.region === GLOBAL_REGION),
    );
    expect(misplaced.map((r) => `${r.type} ${r.id} in ${r.region}`)).toEqual([]);
  });

  it('uses CloudFormation type names, or the model-only types of the model', () => {
    const known = new Set(
      readFileSync(join(projectRoot, 'src', 'frameworks', 'cloudformation-types.txt'), 'utf8').split('\n'),
    );
    const types = new Set(snapshot.resources.map((r) => r.type));
    expect([...types].filter((t) => !known.has(t) && !(t in MODEL_ONLY_RESOURCE_TYPES))).toEqual([]);
  });

  it('has unique ids per type, account and region, and globally unique ARNs and EC2 physical ids', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const r of snapshot.resources) {
      const key = `${r.type}|${r.account}|${r.region}|${r.id}`;
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
    expect(duplicates).toEqual([]);

    const arns = snapshot.resources.flatMap((r) => (r.arn ? [r.arn] : []));
    expect(arns.length - new Set(arns).size).toBe(0);
    const physical = snapshot.resources.map((r) => r.id).filter((id) => /^[a-z]+-0[0-9a-f]{16}$/.test(id));
    expect(physical.length).toBeGreaterThan(100);
    expect(physical.length - new Set(physical).size).toBe(0);
  });

  it('keeps the tags also as a CloudFormation Tags list on taggable resources', () => {
    const vpc = snapshot.resources.find((r) => r.type === 'AWS::EC2::VPC' && r.name === 'dev-vpc')!;
    expect(vpc.tags.Name).toBe('dev-vpc');
    expect(vpc.props.Tags).toEqual(Object.entries(vpc.tags).map(([Key, Value]) => ({ Key, Value })));
  });

  it('plants its Lambda secrets only in the environment of the function that carries the problem', () => {
    const holders = snapshot.resources.filter((r) => {
      const text = JSON.stringify(r);
      return DEMO_SECRET_VALUES.some((secret) => text.includes(secret));
    });
    expect(holders.map((r) => r.id)).toEqual(['monthly-report-generator']);
    expect(demoResourcesFor(snapshot.resources, 'lambda-env-secrets', 'problem')).toEqual(holders);
  });
});

describe('demoSource', () => {
  it('loads the demo organisation', async () => {
    expect(demoSource.kind).toBe('demo');
    expect(await demoSource.load('demo', {})).toEqual(snapshot);
  });

  it('delegates to the scaled generator when a scale is asked for', async () => {
    const scaled = await demoSource.load('demo', { accounts: 2, resourcesPerAccount: 40 });
    expect(scaled.accounts).toHaveLength(2);
    expect(scaled.resources.length).toBeGreaterThan(0);
    expect(scaled.resources.every((r) => r.origin.source === 'demo')).toBe(true);
  });
});
