import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import type { Collector, Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, policyDocument, str } from '../helpers.js';

const byId = (key: Json): Json | undefined =>
  typeof key.KeyId === 'string' ? { KeyId: key.KeyId } : undefined;

/**
 * `kms list-keys` + per key `describe-key`, `get-key-rotation-status` and `get-key-policy` →
 * `AWS::KMS::Key` (id = key id) with `EnableKeyRotation`, `KeyPolicy` (object); state and manager
 * in `observed`. Rotation does not apply to asymmetric, HMAC and imported keys (the API says so with
 * UnsupportedOperationException): `EnableKeyRotation` is then absent.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
 */
export const keys: Collector = {
  id: 'kms/keys',
  service: 'kms',
  resourceTypes: ['AWS::KMS::Key'],
  list: [
    {
      command: ListKeysCommand,
      action: 'kms:ListKeys',
      items: ['Keys'],
      paginate: {
        inputToken: 'Marker',
        outputToken: 'NextMarker',
        moreKey: 'Truncated',
        pageSize: ['Limit', 1000],
      },
    },
  ],
  details: [
    { name: 'key', command: DescribeKeyCommand, action: 'kms:DescribeKey', input: byId },
    {
      name: 'rotation',
      command: GetKeyRotationStatusCommand,
      action: 'kms:GetKeyRotationStatus',
      notConfigured: ['UnsupportedOperationException'],
      input: byId,
    },
    {
      name: 'policy',
      command: GetKeyPolicyCommand,
      action: 'kms:GetKeyPolicy',
      input: (key) =>
        typeof key.KeyId === 'string' ? { KeyId: key.KeyId, PolicyName: 'default' } : undefined,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Keys ?? []).flatMap((key) => {
        const meta = detailOf(key, 'key')?.KeyMetadata;
        const id = str(key.KeyId);
        if (!id || !isJson(meta)) return [];
        const rotation = detailOf(key, 'rotation');
        const policy = detailOf(key, 'policy');
        const props: Json = {
          Description: meta.Description,
          Enabled: meta.Enabled,
          KeySpec: meta.KeySpec,
          KeyUsage: meta.KeyUsage,
          MultiRegion: meta.MultiRegion,
          Origin: meta.Origin,
        };
        if (rotation) {
          props.EnableKeyRotation = rotation.KeyRotationEnabled === true;
          if (typeof rotation.RotationPeriodInDays === 'number')
            props.RotationPeriodInDays = rotation.RotationPeriodInDays;
        }
        if (policy) props.KeyPolicy = policyDocument(policy.Policy);
        return [
          {
            type: 'AWS::KMS::Key',
            id,
            arn: str(key.KeyArn) ?? str(meta.Arn),
            props,
            observed: {
              KeyState: meta.KeyState,
              KeyManager: meta.KeyManager,
              CreationDate: meta.CreationDate,
              DeletionDate: meta.DeletionDate,
            },
          },
        ];
      }),
  },
};
