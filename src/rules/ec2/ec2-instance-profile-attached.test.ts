import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-instance-profile-attached.js';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('ec2-instance-profile-attached', () => {
  it('needs a profile and no keys in user data, and never prints the keys', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/ec2-instance-profile-attached.yaml', import.meta.url),
    );
    const reason = findings.find((f) => f.resource.id === 'FailKeysInUserData')?.reason ?? '';
    expect(reason).toContain('a secret access key in its user data (value not shown)');
    for (const f of findings) {
      expect(f.reason).not.toContain(KEY_ID);
      expect(f.reason).not.toContain(SECRET);
    }
  });

  it('reads live profiles and user data from DescribeInstanceAttribute', () => {
    const userData = Buffer.from(`export AWS_ACCESS_KEY_ID=${KEY_ID}\n`).toString('base64');
    const findings = expectResources(rule, [
      resource(
        'AWS::EC2::Instance',
        'PassLiveProfile',
        {},
        {
          observed: {
            State: 'running',
            IamInstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/web',
          },
        },
      ),
      resource(
        'AWS::EC2::Instance',
        'FailKeyIdInObservedUserData',
        { IamInstanceProfile: 'web' },
        {
          observed: { State: 'running', UserData: { Value: userData } },
        },
      ),
      resource('AWS::EC2::Instance', 'NotApplicableTerminated', {}, { observed: { State: 'terminated' } }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailKeyIdInObservedUserData')?.reason).not.toContain(
      KEY_ID,
    );
  });
});
