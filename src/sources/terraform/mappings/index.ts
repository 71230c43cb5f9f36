/**
 * The Terraform type → CloudFormation type table, one module per service family. A type is either
 * mapped to a resource of its own or folded into another resource.
 */
import * as appAutoscaling from './app-autoscaling.js';
import * as cloudfront from './cloudfront.js';
import * as compute from './compute.js';
import * as dataStores from './data-stores.js';
import * as ec2Compute from './ec2-compute.js';
import * as ec2Network from './ec2-network.js';
import * as iam from './iam.js';
import * as management from './management.js';
import * as s3 from './s3.js';
import type { FoldMapping, TypeMapping } from './types.js';

export type { FoldMapping, FoldTarget, FoldTargetSpec, TypeMapping } from './types.js';

/** A service family module: its own-resource mappings and, optionally, its folds. */
interface Family {
  typeMappings: Readonly<Record<string, TypeMapping>>;
  foldMappings?: Readonly<Record<string, FoldMapping>>;
}

const families: readonly Family[] = [
  ec2Network,
  ec2Compute,
  s3,
  iam,
  dataStores,
  compute,
  management,
  appAutoscaling,
  cloudfront,
];

function mergeTables<T>(tables: ReadonlyArray<Readonly<Record<string, T>>>): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  for (const table of tables) {
    for (const [type, mapping] of Object.entries(table)) {
      if (out.has(type)) throw new Error(`Terraform type ${type} is mapped twice`);
      out.set(type, mapping);
    }
  }
  return out;
}

/** Terraform types mapped to a CloudFormation-typed resource of their own. */
export const TYPE_MAPPINGS: ReadonlyMap<string, TypeMapping> = mergeTables(
  families.map((f) => f.typeMappings),
);

/** Terraform types folded into another resource's props. */
export const FOLD_MAPPINGS: ReadonlyMap<string, FoldMapping> = mergeTables(
  families.map((f) => f.foldMappings ?? {}),
);
