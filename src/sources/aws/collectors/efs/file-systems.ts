import { DescribeBackupPolicyCommand, DescribeFileSystemsCommand } from '@aws-sdk/client-efs';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';
import { cfnTags, tagsOf } from '../tags.js';

const FILE_SYSTEM = 'AWS::EFS::FileSystem';

/**
 * The backup policy in CloudFormation's shape. `PolicyNotFound` ("returned if the default file
 * system policy is in effect", or no backup is specified for a One Zone file system) means the file
 * system has no backup policy: EFS automatic backups are off, so `Status` is `DISABLED`. When
 * automatic backups are on, EFS keeps a policy with `ENABLED`, whichever way it was created.
 * A call that failed leaves the policy unresolved, so the backup rule gives `error`.
 * https://docs.aws.amazon.com/efs/latest/ug/API_DescribeBackupPolicy.html
 * https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html#automatic-backups
 */
function backupPolicy(fs: Json, id: string): unknown {
  const answer = detailOf(fs, 'backupPolicy');
  if (answer === null) return { Status: 'DISABLED' };
  const policy = isJson(answer?.BackupPolicy) ? answer.BackupPolicy : undefined;
  if (policy && str(policy.Status)) return { Status: policy.Status };
  return unresolved(
    `efs describe-backup-policy --file-system-id ${id}`,
    'the backup policy of this file system could not be read',
  );
}

/**
 * `efs describe-file-systems` + per file system `describe-backup-policy` → `AWS::EFS::FileSystem`
 * (id = file system id, as `Ref` gives it) with CloudFormation's `Encrypted`, `KmsKeyId`,
 * `PerformanceMode`, `ThroughputMode`, `ProvisionedThroughputInMibps`, `AvailabilityZoneName` (One
 * Zone), `BackupPolicy`, `FileSystemProtection` and the tags as `FileSystemTags` (AWS Backup selects
 * file systems by tag; the listing carries them, so they are always known); the life cycle state,
 * size and mount target count in `observed`. The lifecycle configuration and the file system policy
 * are not read: no rule judges them yet.
 * https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html
 * https://docs.aws.amazon.com/efs/latest/ug/API_FileSystemDescription.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-efs-filesystem.html
 */
export const fileSystems: Collector = {
  id: 'efs/file-systems',
  service: 'efs',
  resourceTypes: [FILE_SYSTEM],
  list: [
    {
      command: DescribeFileSystemsCommand,
      action: 'elasticfilesystem:DescribeFileSystems',
      items: ['FileSystems'],
      paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['MaxItems', 100] },
    },
  ],
  details: [
    {
      name: 'backupPolicy',
      command: DescribeBackupPolicyCommand,
      action: 'elasticfilesystem:DescribeBackupPolicy',
      notConfigured: ['PolicyNotFound'],
      input: (fs) => (typeof fs.FileSystemId === 'string' ? { FileSystemId: fs.FileSystemId } : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.FileSystems ?? []).flatMap((fs): ResourceDraft[] => {
        const id = str(fs.FileSystemId);
        if (!id) return [];
        const tags = tagsOf(fs.Tags);
        const protection = isJson(fs.FileSystemProtection) ? fs.FileSystemProtection : undefined;
        const size = isJson(fs.SizeInBytes) ? fs.SizeInBytes : undefined;
        const throughputMode = str(fs.ThroughputMode);
        return [
          {
            type: FILE_SYSTEM,
            id,
            arn: str(fs.FileSystemArn),
            // The value of the `Name` tag, which DescribeFileSystems also gives as `Name`.
            name: str(fs.Name) ?? tags.Name,
            tags,
            props: {
              Encrypted: fs.Encrypted === true,
              KmsKeyId: str(fs.KmsKeyId),
              PerformanceMode: str(fs.PerformanceMode),
              ThroughputMode: throughputMode,
              ProvisionedThroughputInMibps:
                throughputMode === 'provisioned' ? fs.ProvisionedThroughputInMibps : undefined,
              AvailabilityZoneName: str(fs.AvailabilityZoneName),
              BackupPolicy: backupPolicy(fs, id),
              FileSystemProtection: protection
                ? { ReplicationOverwriteProtection: str(protection.ReplicationOverwriteProtection) }
                : undefined,
              FileSystemTags: cfnTags(tags),
            },
            observed: {
              LifeCycleState: str(fs.LifeCycleState),
              CreationTime: fs.CreationTime,
              NumberOfMountTargets: fs.NumberOfMountTargets,
              SizeInBytes: size?.Value,
              AvailabilityZoneId: str(fs.AvailabilityZoneId),
            },
          },
        ];
      }),
  },
};
