import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../model/index.js';
import { cloudFormationSource } from '../cloudformation/index.js';
import { terraformSource } from './index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/equivalence/${name}`, import.meta.url));

/** CloudFormation logical id → Terraform address of the same resource in the three fixtures. */
const ADDRESS_OF: Record<string, string> = {
  Vpc: 'aws_vpc.main',
  SubnetA: 'aws_subnet.public["a"]',
  SubnetB: 'aws_subnet.public["b"]',
  Igw: 'aws_internet_gateway.main',
  PublicRouteTable: 'aws_route_table.public',
  DefaultRoute: 'aws_route.default',
  SubnetAAssociation: 'aws_route_table_association.a',
  WebSecurityGroup: 'aws_security_group.web',
  WebHttpsIngress: 'aws_vpc_security_group_ingress_rule.https',
  LogBucket: 'aws_s3_bucket.logs',
  DataBucket: 'aws_s3_bucket.data',
  AppRole: 'aws_iam_role.app',
};

function rename(value: unknown): unknown {
  if (typeof value === 'string') return ADDRESS_OF[value] ?? value;
  if (Array.isArray(value)) return value.map(rename);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
  }
  return value;
}

/**
 * The comparable part of a snapshot: resources by id without their origin and without `$folds`
 * (provenance: a template sets inline what Terraform writes as a separate resource, e.g. versioning).
 */
function comparable(snapshot: Snapshot, mapIds: boolean): Array<Omit<Resource, 'origin'>> {
  return snapshot.resources
    .map((r) => {
      const { origin: _origin, ...rest } = r;
      const { $folds: _folds, ...props } = r.props;
      const out = { ...rest, props };
      return (mapIds ? rename(out) : out) as Omit<Resource, 'origin'>;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** `$folds` of one resource as (property, index, folded resource) triples. */
function folds(snapshot: Snapshot, id: string, mapIds: boolean): unknown[] {
  const r = snapshot.resources.find((x) => x.id === id || ADDRESS_OF[x.id] === id);
  const list = (r?.props.$folds ?? []) as Array<{ property: string; index?: number; logicalId?: string }>;
  return list.map((f) => [f.property, f.index, mapIds ? ADDRESS_OF[f.logicalId ?? ''] : f.logicalId]);
}

describe('the same stack as CloudFormation, Terraform plan and .tf', () => {
  it('maps to equal models (ids mapped, origins and fold provenance ignored)', async () => {
    const cfn = await cloudFormationSource.load(fixture('stack.yaml'), { region: 'eu-west-1' });
    const plan = await terraformSource.load(fixture('plan.json'), {});
    const tf = await terraformSource.load(fixture('tf'), {});

    const expected = comparable(cfn, true);
    expect(expected).toHaveLength(9);
    expect(comparable(plan, false)).toEqual(expected);
    expect(comparable(tf, false)).toEqual(expected);
    for (const s of [cfn, plan, tf]) expect(s.coverage).toEqual([]);
  });

  it('records the same folds for rules, routes and associations', async () => {
    const cfn = await cloudFormationSource.load(fixture('stack.yaml'), { region: 'eu-west-1' });
    const plan = await terraformSource.load(fixture('plan.json'), {});
    const tf = await terraformSource.load(fixture('tf'), {});
    for (const id of ['aws_route_table.public', 'aws_security_group.web']) {
      const expected = folds(cfn, id, true);
      expect(expected.length).toBeGreaterThan(0);
      expect(folds(plan, id, false)).toEqual(expected);
      expect(folds(tf, id, false)).toEqual(expected);
    }
  });

  it('leaves the resource the plan deletes out of the model', async () => {
    const plan = await terraformSource.load(fixture('plan.json'), {});
    expect(plan.resources.map((r) => r.id)).not.toContain('aws_s3_bucket.retired');
  });
});
