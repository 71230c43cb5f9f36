import { defineFix } from '../fix.js';
import { refuseNotLive } from '../fix-support.js';
import { DB_INSTANCE_KIND, modifyStep } from './fix-calls.js';

/**
 * Turns on deletion protection of the DB instance (no downtime). Reversible.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
 */
export default defineFix({
  rule: 'rds-instance-deletion-protection-enabled',
  title: 'Turn on deletion protection of the DB instance',
  actions: ['rds:ModifyDBInstance'],
  plan(db) {
    return (
      refuseNotLive(db) ?? {
        steps: [
          modifyStep(db, DB_INSTANCE_KIND, 'Turn on deletion protection', { DeletionProtection: true }),
        ],
      }
    );
  },
  template() {
    return { patches: [{ op: 'set', path: ['DeletionProtection'], value: true }] };
  },
});
