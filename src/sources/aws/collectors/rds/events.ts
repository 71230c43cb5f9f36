import { DescribeEventsCommand } from '@aws-sdk/client-rds';
import type { Collector, ListCall } from '../../collector.js';
import { str } from '../helpers.js';

/**
 * Minutes of events asked for: the 7 days `rds-instance-no-failure-events` looks back by default
 * (RDS keeps 14), so a pass there means "none in 7 days" and not "none in the part we read".
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeEvents.html
 */
export const EVENT_MINUTES = 7 * 24 * 60;

const DESCRIBE_EVENTS: ListCall = {
  command: DescribeEventsCommand,
  action: 'rds:DescribeEvents',
  items: ['Events'],
  paginate: { inputToken: 'Marker', outputToken: 'Marker', pageSize: ['MaxRecords', 100] },
};

/**
 * `rds describe-events --source-type db-instance --duration 10080` → `observed.Events` on every DB
 * instance the `rds/db-instances` unit of the same region listed (`{ Date, SourceIdentifier,
 * EventCategories, Message }`, oldest first as RDS returns them; `[]` when it had none), which the
 * health check `rds-instance-no-failure-events` reads. One paginated call per region rather than one
 * per instance: the events of every instance come in the same pages.
 */
export const events: Collector = {
  id: 'rds/events',
  service: 'rds',
  resourceTypes: ['AWS::RDS::DBInstance'],
  dependsOn: ['rds/db-instances'],
  list: [],
  extra: [DESCRIBE_EVENTS],
  customGaps: [{ resourceType: 'AWS::RDS::DBInstance', path: 'observed.Events' }],
  custom: async (api, data) => {
    const instances = (api.upstream('rds/db-instances')?.items.DBInstances ?? []).flatMap((db) => {
      const id = str(db.DBInstanceIdentifier);
      return id ? [id] : [];
    });
    data.items.Instances = instances.map((id) => ({ DBInstanceIdentifier: id }));
    if (instances.length === 0) return;
    const out = await api.list(DESCRIBE_EVENTS, { SourceType: 'db-instance', Duration: EVENT_MINUTES });
    data.items.Events = out.Events ?? [];
    data.items.Window = [{ Minutes: EVENT_MINUTES, Until: api.now().toISOString() }];
  },
  mapping: { kind: 'resources', map: () => [] },
  enrich: (data, _ctx, find) => {
    // No Events key: the call failed (a gap is recorded), so nothing is claimed about any instance.
    const all = data.items.Events;
    if (!all) return;
    for (const item of data.items.Instances ?? []) {
      const id = String(item.DBInstanceIdentifier);
      const db = find('AWS::RDS::DBInstance', id);
      if (!db) continue;
      const observed = (db.observed ??= {});
      observed.Events = all
        .filter((e) => e.SourceIdentifier === id)
        .map((e) => ({
          Date: e.Date,
          SourceIdentifier: e.SourceIdentifier,
          EventCategories: Array.isArray(e.EventCategories) ? e.EventCategories : [],
          Message: e.Message,
        }));
    }
  },
};
