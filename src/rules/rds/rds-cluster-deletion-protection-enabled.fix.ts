import { defineFix } from '../fix.js';
import { refuseNotLive } from '../fix-support.js';
import { DB_CLUSTER_KIND, modifyStep } from './fix-calls.js';

/**
 * Turns on deletion protection of the DB cluster (no downtime). Reversible.
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection
 */
export default defineFix({
  rule: 'rds-cluster-deletion-protection-enabled',
  title: 'Turn on deletion protection of the DB cluster',
  actions: ['rds:ModifyDBCluster'],
  plan(cluster) {
    return (
      refuseNotLive(cluster) ?? {
        steps: [
          modifyStep(cluster, DB_CLUSTER_KIND, 'Turn on deletion protection', { DeletionProtection: true }),
        ],
      }
    );
  },
  template() {
    return { patches: [{ op: 'set', path: ['DeletionProtection'], value: true }] };
  },
});
