/** Shared by the Redshift rules. */
import type { Resource } from '../../model/index.js';
import { label } from '../rule.js';

export const CLUSTER = 'AWS::Redshift::Cluster';

export function describeCluster(cluster: Resource): string {
  return `Redshift cluster ${label(cluster)}`;
}
