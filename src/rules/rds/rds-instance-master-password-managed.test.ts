import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-master-password-managed.js';

describe('rds-instance-master-password-managed', () => {
  it('passes RDS-managed passwords and rotated secrets, fails hand-set passwords', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-master-password-managed.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailSecretNeverRotated')?.reason).toContain(
      'never rotated',
    );
  });

  it('reads the managed secret of a live instance', () => {
    expectResources(rule, [
      resource(
        'AWS::RDS::DBInstance',
        'PassLiveManaged',
        { Engine: 'mysql', MasterUsername: 'admin' },
        {
          observed: {
            MasterUserSecret: {
              SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1',
              SecretStatus: 'active',
            },
          },
        },
      ),
      resource('AWS::RDS::DBInstance', 'FailLiveHandSet', { Engine: 'mysql', MasterUsername: 'admin' }),
      resource('AWS::RDS::DBInstance', 'ErrorSecretElsewhere', {
        Engine: 'mysql',
        MasterUserPassword:
          '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:210987654321:secret:db-AbCdEf:SecretString:password}}',
      }),
    ]);
  });
});
