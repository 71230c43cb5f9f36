import { z } from 'zod';
import { defineRule, error, fail, pass } from '../rule.js';
import { DB_INSTANCE, describeDb } from './instance.js';
import { text } from './values.js';

const CLASS = /^db\.([a-z0-9-]+)\.[a-z0-9.-]+$/;

/**
 * Compliant: the DB instance class is not of a previous generation (`previousGenerationFamilies`,
 * by default the families RDS lists as previous generation or has ended support for).
 */
export default defineRule({
  id: 'rds-instance-class-current-generation',
  title: 'RDS DB instance uses a current-generation instance class',
  category: 'cost',
  severity: 'low',
  resourceTypes: [DB_INSTANCE],
  rationale:
    'Previous-generation classes (db.m1-m4, db.r3/r4, db.t1/t2) cost as much as or more than their current successors for less CPU, memory bandwidth and network, and RDS retires them: engines drop support and instances are upgraded in forced maintenance. Moving to a current class (Graviton db.m7g/r7g/t4g where the engine supports it) is usually the cheapest saving on a database.',
  remediation: {
    text: 'Modify the instance to the current class of the same size (for example db.m4.large to db.m7g.large or db.m6i.large), in the maintenance window or after a Multi-AZ failover test.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --db-instance-class db.m7g.large --apply-immediately',
    cloudformation: 'DBInstanceClass: db.m7g.large',
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  instance_class = "db.m7g.large"\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html',
    'https://aws.amazon.com/rds/previous-generation/',
  ],
  params: z.object({
    previousGenerationFamilies: z
      .array(z.string())
      .default(['m1', 'm2', 'm3', 'm4', 'r3', 'r4', 't1', 't2', 'cr1'])
      .describe('Instance class families (the part after "db.") to flag as previous generation.'),
  }),
  evaluate(db, ctx) {
    const who = describeDb(db);
    const cls = text(db.props, 'DBInstanceClass');
    if (!cls.known) return error(`${who}: ${cls.reason}.`);
    if (cls.value === undefined) return error(`${who} names no DB instance class.`);
    const family = CLASS.exec(cls.value)?.[1];
    if (family === undefined)
      return error(`${who} has instance class ${cls.value}, which is not of the form db.<family>.<size>.`);
    if (ctx.params.previousGenerationFamilies.includes(family)) {
      return fail(`${who} runs on ${cls.value}, a previous-generation class.`);
    }
    return pass(() => `${who} runs on ${cls.value}, a current-generation class.`);
  },
});
