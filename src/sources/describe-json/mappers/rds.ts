import { bool, compact, num, obj, objects, parseArn, regionOfZone, str, stringList } from '../values.js';
import { requireId, type Mapper } from './common.js';

/** CloudFormation types several RDS numbers (AllocatedStorage, Port, Iops) as strings. */
function numberString(value: unknown): string | undefined {
  const n = num(value);
  return n === undefined ? undefined : String(n);
}

/**
 * `rds describe-db-instances` → `AWS::RDS::DBInstance` (id = identifier), plus the
 * `AWS::RDS::DBSubnetGroup` it names (id = name), so that the network engine can place the database.
 */
export const mapDbInstances: Mapper = (input, builder) => {
  for (const item of input.items('DBInstances')) {
    const v = item.value;
    const id = requireId(builder, item, 'DBInstanceIdentifier', 'DB instance');
    if (!id) continue;
    const arn = str(v.DBInstanceArn);
    const parts = parseArn(arn);
    const subnetGroup = obj(v.DBSubnetGroup);
    const endpoint = obj(v.Endpoint);
    const owner = parts?.account || undefined;
    const region = parts?.region || regionOfZone(str(v.AvailabilityZone));
    builder.add({
      type: 'AWS::RDS::DBInstance',
      id,
      item,
      arn,
      name: id,
      tags: v.TagList,
      owner,
      region,
      props: compact({
        DBInstanceIdentifier: id,
        DBInstanceClass: str(v.DBInstanceClass),
        Engine: str(v.Engine),
        EngineVersion: str(v.EngineVersion),
        DBClusterIdentifier: str(v.DBClusterIdentifier),
        DBName: str(v.DBName),
        MasterUsername: str(v.MasterUsername),
        AllocatedStorage: numberString(v.AllocatedStorage),
        MaxAllocatedStorage: num(v.MaxAllocatedStorage),
        StorageType: str(v.StorageType),
        Iops: num(v.Iops),
        StorageThroughput: num(v.StorageThroughput),
        StorageEncrypted: bool(v.StorageEncrypted),
        KmsKeyId: str(v.KmsKeyId),
        MultiAZ: bool(v.MultiAZ),
        AvailabilityZone: str(v.AvailabilityZone),
        PubliclyAccessible: bool(v.PubliclyAccessible),
        DBSubnetGroupName: str(subnetGroup?.DBSubnetGroupName),
        VPCSecurityGroups: stringList(objects(v.VpcSecurityGroups).map((g) => g.VpcSecurityGroupId)),
        DBSecurityGroups: stringList(objects(v.DBSecurityGroups).map((g) => g.DBSecurityGroupName)),
        Port: numberString(endpoint?.Port),
        BackupRetentionPeriod: num(v.BackupRetentionPeriod),
        PreferredBackupWindow: str(v.PreferredBackupWindow),
        PreferredMaintenanceWindow: str(v.PreferredMaintenanceWindow),
        DeletionProtection: bool(v.DeletionProtection),
        EnableIAMDatabaseAuthentication: bool(v.IAMDatabaseAuthenticationEnabled),
        CopyTagsToSnapshot: bool(v.CopyTagsToSnapshot),
        AutoMinorVersionUpgrade: bool(v.AutoMinorVersionUpgrade),
        MonitoringInterval: num(v.MonitoringInterval),
        MonitoringRoleArn: str(v.MonitoringRoleArn),
        EnablePerformanceInsights: bool(v.PerformanceInsightsEnabled),
        PerformanceInsightsKMSKeyId: str(v.PerformanceInsightsKMSKeyId),
        EnableCloudwatchLogsExports: stringList(v.EnabledCloudwatchLogsExports),
        CACertificateIdentifier: str(v.CACertificateIdentifier),
        LicenseModel: str(v.LicenseModel),
        DBParameterGroupName: str(objects(v.DBParameterGroups)[0]?.DBParameterGroupName),
        OptionGroupName: str(objects(v.OptionGroupMemberships)[0]?.OptionGroupName),
        SourceDBInstanceIdentifier: str(v.ReadReplicaSourceDBInstanceIdentifier),
      }),
      observed: compact({
        DBInstanceStatus: str(v.DBInstanceStatus),
        Endpoint: endpoint,
        VpcId: str(subnetGroup?.VpcId),
        SubnetIds: stringList(objects(subnetGroup?.Subnets).map((s) => s.SubnetIdentifier)),
        SecondaryAvailabilityZone: str(v.SecondaryAvailabilityZone),
        InstanceCreateTime: str(v.InstanceCreateTime),
        LatestRestorableTime: str(v.LatestRestorableTime),
        DbiResourceId: str(v.DbiResourceId),
        ReadReplicaDBInstanceIdentifiers: stringList(v.ReadReplicaDBInstanceIdentifiers),
        PendingModifiedValues:
          obj(v.PendingModifiedValues) && Object.keys(obj(v.PendingModifiedValues)!).length
            ? obj(v.PendingModifiedValues)
            : undefined,
      }),
    });
    const groupName = str(subnetGroup?.DBSubnetGroupName);
    if (subnetGroup && groupName) {
      builder.add({
        type: 'AWS::RDS::DBSubnetGroup',
        id: groupName,
        item,
        name: groupName,
        owner,
        region,
        arn: str(subnetGroup.DBSubnetGroupArn),
        props: compact({
          DBSubnetGroupName: groupName,
          DBSubnetGroupDescription: str(subnetGroup.DBSubnetGroupDescription),
          SubnetIds: objects(subnetGroup.Subnets)
            .map((s) => str(s.SubnetIdentifier))
            .filter((s): s is string => s !== undefined),
        }),
        observed: compact({
          VpcId: str(subnetGroup.VpcId),
          SubnetGroupStatus: str(subnetGroup.SubnetGroupStatus),
        }),
      });
    }
  }
};

/** `rds describe-db-clusters` → `AWS::RDS::DBCluster` (id = cluster identifier). */
export const mapDbClusters: Mapper = (input, builder) => {
  for (const item of input.items('DBClusters')) {
    const v = item.value;
    const id = requireId(builder, item, 'DBClusterIdentifier', 'DB cluster');
    if (!id) continue;
    const arn = str(v.DBClusterArn);
    const parts = parseArn(arn);
    builder.add({
      type: 'AWS::RDS::DBCluster',
      id,
      item,
      arn,
      name: id,
      tags: v.TagList,
      owner: parts?.account || undefined,
      region: parts?.region || undefined,
      props: compact({
        DBClusterIdentifier: id,
        Engine: str(v.Engine),
        EngineVersion: str(v.EngineVersion),
        EngineMode: str(v.EngineMode),
        DatabaseName: str(v.DatabaseName),
        MasterUsername: str(v.MasterUsername),
        Port: num(v.Port),
        StorageEncrypted: bool(v.StorageEncrypted),
        KmsKeyId: str(v.KmsKeyId),
        BackupRetentionPeriod: num(v.BackupRetentionPeriod),
        PreferredBackupWindow: str(v.PreferredBackupWindow),
        PreferredMaintenanceWindow: str(v.PreferredMaintenanceWindow),
        DeletionProtection: bool(v.DeletionProtection),
        EnableIAMDatabaseAuthentication: bool(v.IAMDatabaseAuthenticationEnabled),
        CopyTagsToSnapshot: bool(v.CopyTagsToSnapshot),
        DBSubnetGroupName: str(v.DBSubnetGroup),
        VpcSecurityGroupIds: stringList(objects(v.VpcSecurityGroups).map((g) => g.VpcSecurityGroupId)),
        EnableCloudwatchLogsExports: stringList(v.EnabledCloudwatchLogsExports),
        BacktrackWindow: num(v.BacktrackWindow),
        StorageType: str(v.StorageType),
        AvailabilityZones: stringList(v.AvailabilityZones),
      }),
      observed: compact({
        Status: str(v.Status),
        Endpoint: str(v.Endpoint),
        ReaderEndpoint: str(v.ReaderEndpoint),
        MultiAZ: bool(v.MultiAZ),
        Members: objects(v.DBClusterMembers).map((m) =>
          compact({
            DBInstanceIdentifier: str(m.DBInstanceIdentifier),
            IsClusterWriter: bool(m.IsClusterWriter),
          }),
        ),
        LatestRestorableTime: str(v.LatestRestorableTime),
      }),
    });
  }
};
