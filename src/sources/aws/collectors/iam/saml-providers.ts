import { ListSAMLProvidersCommand } from '@aws-sdk/client-iam';
import type { Collector } from '../../collector.js';

/** `iam list-saml-providers` → `AWS::IAM::SAMLProvider` (id = ARN); metadata documents are not read. */
export const samlProviders: Collector = {
  id: 'iam/saml-providers',
  service: 'iam',
  global: true,
  resourceTypes: ['AWS::IAM::SAMLProvider'],
  list: [{ command: ListSAMLProvidersCommand, action: 'iam:ListSAMLProviders', items: ['SAMLProviderList'] }],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.SAMLProviderList ?? []).flatMap((p) => {
        if (typeof p.Arn !== 'string') return [];
        const name = p.Arn.split('/').pop() ?? p.Arn;
        return [
          {
            type: 'AWS::IAM::SAMLProvider',
            id: p.Arn,
            arn: p.Arn,
            name,
            region: 'global',
            props: { Name: name },
            observed: { CreateDate: p.CreateDate, ValidUntil: p.ValidUntil },
          },
        ];
      }),
  },
};
