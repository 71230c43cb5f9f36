import { describe, expect, it } from 'vitest';
import type { AwsCall } from '../../rules/fix.js';
import type { Dispatcher } from '../dispatch.js';
import { secretKeepingDispatcher } from './access-key.js';
import { SECRET_PLACEHOLDER, secretWriteCall } from './destination.js';

/** A dispatcher that answers CreateAccessKey and records what it is sent. */
function fake(): Dispatcher & { sent: AwsCall[] } {
  const sent: AwsCall[] = [];
  return {
    sent,
    calls: 0,
    identity: async (account) => ({ account, arn: 'arn:aws:iam::1:user/me' }),
    destroy: () => undefined,
    async send(call) {
      sent.push(call);
      if (call.operation === 'CreateAccessKey') {
        return {
          AccessKey: {
            UserName: 'ci',
            AccessKeyId: 'AKIANEW',
            SecretAccessKey: 'TOP-SECRET',
            Status: 'Active',
          },
        };
      }
      return {};
    },
  };
}

describe('secretKeepingDispatcher', () => {
  it('hides the secret from what the executor journals, and fills it in only in the request sent', async () => {
    const inner = fake();
    const keeper = secretKeepingDispatcher(inner);
    const created = await keeper.dispatcher.send({
      client: 'iam',
      operation: 'CreateAccessKey',
      input: { UserName: 'ci' },
      action: 'iam:CreateAccessKey',
      account: '1',
      region: 'global',
    });
    expect(JSON.stringify(created)).not.toContain('TOP-SECRET');
    expect(created).toMatchObject({ AccessKey: { AccessKeyId: 'AKIANEW' } });
    expect(keeper.key()).toEqual({ id: 'AKIANEW', secret: 'TOP-SECRET' });

    const put = secretWriteCall('team/ci', true, '1', 'us-east-1', 'ci');
    expect(put.input).toEqual({ SecretId: 'team/ci', SecretString: SECRET_PLACEHOLDER });
    keeper.fills.add(put);
    await keeper.dispatcher.send(put);
    const sent = inner.sent.at(-1)!;
    expect(JSON.parse(String(sent.input.SecretString))).toEqual({
      AccessKeyId: 'AKIANEW',
      SecretAccessKey: 'TOP-SECRET',
    });
    // The planned call, which the journal keeps, still holds the placeholder.
    expect(put.input.SecretString).toBe(SECRET_PLACEHOLDER);
    const create = secretWriteCall('team/ci', false, '1', 'us-east-1', 'ci');
    expect(create).toMatchObject({
      operation: 'CreateSecret',
      input: { Name: 'team/ci', SecretString: SECRET_PLACEHOLDER },
    });
  });
});
