/**
 * The IAM actions `cloudrounds rotate` needs beyond the read-only collection policy, registered for
 * `cloudrounds policy --fix` when this module loads (every rotation module imports it).
 */
import { registerWriteActions } from '../actions.js';

/**
 * Access-key rotation. Reading the destination secret (GetSecretValue) is listed here, not in the
 * read-only policy: only a rotation recovering from an interruption reads it, to see which key it holds.
 */
export const ACCESS_KEY_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:DeleteAccessKey',
  'secretsmanager:CreateSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
] as const;

/**
 * RDS-managed master credentials, and what RDS needs of the caller to create the secret in its name.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-permissions
 */
export const RDS_MASTER_ACTIONS = [
  'rds:ModifyDBInstance',
  'rds:ModifyDBCluster',
  'secretsmanager:CreateSecret',
  'secretsmanager:RotateSecret',
  'secretsmanager:TagResource',
  'kms:CreateGrant',
  'kms:DescribeKey',
  'kms:GenerateDataKey',
  'kms:Decrypt',
] as const;

registerWriteActions('rotate', [...ACCESS_KEY_ACTIONS, ...RDS_MASTER_ACTIONS]);
