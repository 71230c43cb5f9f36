import { z } from 'zod';
import { defineFix } from '../fix.js';
import { refuseNotLive } from '../fix-support.js';
import { count } from './values.js';
import { DB_INSTANCE_KIND, modifyStep } from './fix-calls.js';

const params = z.object({
  retentionDays: z
    .number()
    .int()
    .min(1)
    .max(35)
    .default(7)
    .describe('Days of automated backups to keep (1 to 35; the rule asks for 7 by default).'),
});

/**
 * Sets the automated backup retention period of the DB instance. From one positive period to
 * another RDS applies the change at once. From 0 (backups off) RDS waits for the maintenance window
 * unless ApplyImmediately is set, which this fix then sets: it causes a brief outage and also
 * applies any modification pending on the instance. The undo puts the captured period back;
 * putting back 0 deletes the automated backups taken meanwhile.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
 */
export default defineFix({
  rule: 'rds-instance-backup-enabled',
  title: 'Keep automated backups of the DB instance for the retention period',
  actions: ['rds:ModifyDBInstance'],
  params,
  plan(db, { params: { retentionDays } }) {
    const refused = refuseNotLive(db);
    if (refused) return refused;
    const current = count(db.props, 'BackupRetentionPeriod', 1);
    if (!current.known) return { cannot: current.reason };
    const off = current.value <= 0;
    const step = modifyStep(
      db,
      DB_INSTANCE_KIND,
      `Keep automated backups for ${retentionDays} days${off ? ' (backups are off: applied now, with a brief outage and any pending modification)' : ''}`,
      { BackupRetentionPeriod: retentionDays },
      // Turning backups on or off waits for the maintenance window unless applied immediately.
      (values) => off || values.BackupRetentionPeriod === 0,
    );
    return { steps: [step] };
  },
  template(_db, { params: { retentionDays } }) {
    return { patches: [{ op: 'set', path: ['BackupRetentionPeriod'], value: retentionDays }] };
  },
});
