import { describe, expect, it } from 'vitest';
import { arnParts } from './match.js';
import { RequestKeys, requestContext } from './request-keys.js';
import type { EvaluateOptions, PrincipalInfo, RequestContext } from './types.js';

const ACCOUNT = '111122223333';

const PRINCIPALS: PrincipalInfo[] = [
  {
    arn: `arn:aws:iam::${ACCOUNT}:user/team/alice`,
    account: ACCOUNT,
    type: 'user',
    tags: { Team: 'first', team: 'second', Env: 'prod' },
    orgId: 'o-1',
    orgPaths: ['o-1/r-1/ou-1/'],
  },
  {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/dev/s`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/dev`,
    account: ACCOUNT,
    type: 'assumed-role',
    userId: 'AROA1:s',
  },
  { arn: `arn:aws:iam::${ACCOUNT}:root`, account: ACCOUNT, type: 'root' },
  { arn: 'lambda.amazonaws.com', account: '', type: 'service' },
  { arn: '*', account: '', type: 'anonymous' },
  { arn: `arn:aws:iam::${ACCOUNT}:saml-provider/ad`, account: ACCOUNT, type: 'federated' },
];

const CONTEXTS: Array<Record<string, string | string[]>> = [
  {},
  { 'AWS:PrincipalArn': 'given', 'aws:principalarn': 'later spelling', 'aws:PrincipalTag/TEAM': 'given tag' },
];

const RESOURCES = ['arn:aws:s3:::bucket/key', 'arn:aws:kms:eu-west-1:444455556666:key/k', '*'];

const KEYS = [
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:userid',
  'aws:username',
  'aws:principaltag/team',
  'aws:principaltag/env',
  'aws:principaltag/missing',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:resourceaccount',
  'aws:requestedregion',
  'aws:sourceip',
];

describe('RequestKeys', () => {
  it('answers every key as requestContext does, for every kind of principal', () => {
    for (const principal of PRINCIPALS)
      for (const context of CONTEXTS)
        for (const resource of RESOURCES)
          for (const options of [{}, { rawContext: true }] as EvaluateOptions[]) {
            const request: RequestContext = { principal, action: 's3:GetObject', resource, context };
            const map = requestContext(request, options);
            const keys = new RequestKeys(request, options, arnParts(resource));
            for (const key of [...KEYS, ...map.keys()]) expect(keys.get(key), key).toEqual(map.get(key));
          }
  });

  it('lets a given key win over the derived one, the last spelling first', () => {
    const request: RequestContext = {
      principal: PRINCIPALS[0]!,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b',
      context: CONTEXTS[1]!,
    };
    const keys = new RequestKeys(request, {}, arnParts(request.resource));
    expect(keys.get('aws:principalarn')).toBe('later spelling');
    expect(keys.get('aws:principaltag/team')).toBe('given tag');
    expect(keys.get('aws:principaltag/env')).toBe('prod');
  });
});
