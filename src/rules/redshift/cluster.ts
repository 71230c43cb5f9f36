/** Shared by the Redshift rules. */
import type { Resource } from '../../model/index.js';
import { label } from '../rule.js';

export const CLUSTER = 'AWS::Redshift::Cluster';

/** Sources that describe a cluster still to be created, which gets the service's current defaults. */
const PLANNED = new Set(['cloudformation', 'terraform']);

export function describeCluster(cluster: Resource): string {
  return `Redshift cluster ${label(cluster)}`;
}

/** A cluster a template or plan will create, not one a Terraform state or plan shows exists (`origin.exists`). */
export function isPlanned(r: Resource): boolean {
  return PLANNED.has(r.origin.source) && r.origin.exists !== true;
}
