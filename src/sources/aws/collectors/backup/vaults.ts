import { GetBackupVaultAccessPolicyCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import type { Collector } from '../../collector.js';
import { detailOf, policyDocument, str } from '../helpers.js';

/**
 * `backup list-backup-vaults` + `get-backup-vault-access-policy` → `AWS::Backup::BackupVault` (id =
 * vault name, as CloudFormation's Ref). ListBackupVaults carries the Vault Lock state: a locked vault
 * gets `LockConfiguration { MinRetentionDays, MaxRetentionDays }` (ChangeableForDays is not readable
 * back; a `LockDate` means compliance mode) and `observed.Locked`, which `backup-vault-lock-enabled`
 * reads. A vault without access policy answers ResourceNotFoundException: no `AccessPolicy`.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupVaultListMember.html
 */
export const vaults: Collector = {
  id: 'backup/vaults',
  service: 'backup',
  resourceTypes: ['AWS::Backup::BackupVault'],
  list: [
    {
      command: ListBackupVaultsCommand,
      action: 'backup:ListBackupVaults',
      items: ['BackupVaultList'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 1000] },
    },
  ],
  details: [
    {
      name: 'policy',
      command: GetBackupVaultAccessPolicyCommand,
      action: 'backup:GetBackupVaultAccessPolicy',
      input: (v) =>
        typeof v.BackupVaultName === 'string' ? { BackupVaultName: v.BackupVaultName } : undefined,
      notConfigured: ['ResourceNotFoundException'],
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.BackupVaultList ?? []).flatMap((v) => {
        const name = str(v.BackupVaultName);
        if (!name) return [];
        const policy = detailOf(v, 'policy');
        const props: Record<string, unknown> = {
          BackupVaultName: name,
          EncryptionKeyArn: v.EncryptionKeyArn,
        };
        if (policy?.Policy !== undefined) props.AccessPolicy = policyDocument(policy.Policy);
        if (v.Locked === true) {
          props.LockConfiguration = {
            ...(v.MinRetentionDays !== undefined ? { MinRetentionDays: v.MinRetentionDays } : {}),
            ...(v.MaxRetentionDays !== undefined ? { MaxRetentionDays: v.MaxRetentionDays } : {}),
          };
        }
        return [
          {
            type: 'AWS::Backup::BackupVault',
            id: name,
            arn: str(v.BackupVaultArn),
            name,
            props,
            observed: {
              Locked: v.Locked === true,
              ...(v.LockDate !== undefined ? { LockDate: v.LockDate } : {}),
              NumberOfRecoveryPoints: v.NumberOfRecoveryPoints,
              ...(v.VaultType !== undefined ? { VaultType: v.VaultType } : {}),
              ...(v.VaultState !== undefined ? { VaultState: v.VaultState } : {}),
            },
          },
        ];
      }),
  },
};
