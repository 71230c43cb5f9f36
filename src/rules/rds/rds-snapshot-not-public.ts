import { defineRule, error, fail, label, pass } from '../rule.js';
import { text } from './values.js';

/**
 * Compliant: the RDS DB snapshot is not public: its `restore` attribute does not include `all`.
 * Automated snapshots cannot be shared at all. The sharing attributes are a run-time fact
 * (`observed.DBSnapshotAttributes`, from DescribeDBSnapshotAttributes); a manual snapshot without
 * them is an error, never a pass.
 */
export default defineRule({
  id: 'rds-snapshot-not-public',
  title: 'RDS DB snapshot is not shared publicly',
  category: 'security',
  severity: 'critical',
  resourceTypes: ['AWS::RDS::DBSnapshot'],
  rationale:
    'A manual snapshot whose restore attribute includes "all" can be copied and restored by every AWS account, which hands the whole database to anyone who looks; public snapshots are searched for routinely. Share a snapshot only with named accounts (and encrypted snapshots cannot be made public at all).',
  remediation: {
    text: 'Remove "all" from the snapshot\'s restore attribute; share with specific account ids where needed.',
    cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all',
  },
  controls: ['aws-fsbp:RDS.1', 'pci-dss-v4.0:1.4.4'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-snapshot.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshotAttributes.html',
  ],
  evaluate(snapshot) {
    const who = `RDS DB snapshot ${label(snapshot)}`;
    const type = text(snapshot.props, 'SnapshotType');
    if (type.known && type.value === 'automated') {
      return pass(() => `${who} is an automated snapshot, which cannot be shared.`);
    }
    const attributes = snapshot.observed?.DBSnapshotAttributes;
    if (!Array.isArray(attributes)) {
      return error(`${who}: its sharing attributes (DescribeDBSnapshotAttributes) were not collected.`);
    }
    const restore = attributes.find(
      (a): a is { AttributeName: string; AttributeValues?: unknown } =>
        typeof a === 'object' && a !== null && (a as { AttributeName?: unknown }).AttributeName === 'restore',
    );
    const values = Array.isArray(restore?.AttributeValues) ? (restore.AttributeValues as unknown[]) : [];
    if (values.includes('all')) return fail(`${who} is public: any AWS account can copy or restore it.`);
    const shared = values.filter((v): v is string => typeof v === 'string');
    return pass(
      shared.length > 0
        ? `${who} is shared only with accounts ${shared.join(', ')}.`
        : `${who} is not shared.`,
    );
  },
});
