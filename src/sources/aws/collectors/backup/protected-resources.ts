import { ListProtectedResourcesCommand } from '@aws-sdk/client-backup';
import type { Collector } from '../../collector.js';
import { str } from '../helpers.js';

/**
 * How a recovery point's `ResourceArn` names a resource the model knows: its type and the id the
 * collector of that type gives it (volume id, DB identifier, table name, file system id).
 */
const ARN_IDS: Array<[RegExp, string]> = [
  [/:volume\/(vol-[0-9a-f]+)$/, 'AWS::EC2::Volume'],
  [/:instance\/(i-[0-9a-f]+)$/, 'AWS::EC2::Instance'],
  [/:rds:[^:]*:[^:]*:db:([^:]+)$/, 'AWS::RDS::DBInstance'],
  [/:rds:[^:]*:[^:]*:cluster:([^:]+)$/, 'AWS::RDS::DBCluster'],
  [/:dynamodb:[^:]*:[^:]*:table\/([^/]+)$/, 'AWS::DynamoDB::Table'],
  [/:file-system\/(fs-[0-9a-f]+)$/, 'AWS::EFS::FileSystem'],
];

/**
 * `backup list-protected-resources`: the resources that have at least one recovery point. Adds
 * `observed.Backup = { LastBackupTime, LastBackupVaultArn, LastRecoveryPointArn }` to the resource
 * of that ARN when the snapshot holds it; the selections (`backup/plans`) say what a plan should
 * protect, this says what was really backed up.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListProtectedResources.html
 */
export const protectedResources: Collector = {
  id: 'backup/protected-resources',
  service: 'backup',
  // It produces no resource of its own; a failed listing is a gap on the vaults, whose recovery
  // points it reads (the runner names gaps after a collector's resource types).
  resourceTypes: ['AWS::Backup::BackupVault'],
  list: [
    {
      command: ListProtectedResourcesCommand,
      action: 'backup:ListProtectedResources',
      items: ['Results'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 1000] },
    },
  ],
  mapping: { kind: 'resources', map: () => [] },
  enrich: (data, _ctx, find) => {
    for (const r of data.items.Results ?? []) {
      const arn = str(r.ResourceArn);
      if (!arn) continue;
      for (const [pattern, type] of ARN_IDS) {
        const m = pattern.exec(arn);
        const resource = m ? find(type, m[1]!) : undefined;
        if (!resource) continue;
        (resource.observed ??= {}).Backup = {
          LastBackupTime: r.LastBackupTime,
          LastBackupVaultArn: r.LastBackupVaultArn,
          LastRecoveryPointArn: r.LastRecoveryPointArn,
        };
        break;
      }
    }
  },
};
