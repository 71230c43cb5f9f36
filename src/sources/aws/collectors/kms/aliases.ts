import { ListAliasesCommand } from '@aws-sdk/client-kms';
import type { Collector } from '../../collector.js';
import { str } from '../helpers.js';

/** `kms list-aliases` → `AWS::KMS::Alias` (id = alias name), customer aliases and AWS managed ones. */
export const aliases: Collector = {
  id: 'kms/aliases',
  service: 'kms',
  resourceTypes: ['AWS::KMS::Alias'],
  list: [
    {
      command: ListAliasesCommand,
      action: 'kms:ListAliases',
      items: ['Aliases'],
      paginate: {
        inputToken: 'Marker',
        outputToken: 'NextMarker',
        moreKey: 'Truncated',
        pageSize: ['Limit', 100],
      },
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Aliases ?? []).flatMap((a) => {
        const name = str(a.AliasName);
        if (!name) return [];
        return [
          {
            type: 'AWS::KMS::Alias',
            id: name,
            arn: str(a.AliasArn),
            name,
            props: { AliasName: name, TargetKeyId: a.TargetKeyId },
          },
        ];
      }),
  },
};
