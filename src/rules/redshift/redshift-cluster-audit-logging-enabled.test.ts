import { describe, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './redshift-cluster-audit-logging-enabled.js';

describe('redshift-cluster-audit-logging-enabled', () => {
  it('passes the good state, fails the bad one and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/redshift-cluster-audit-logging-enabled.yaml', import.meta.url),
    );
  });
});

describe('redshift-cluster-audit-logging-enabled on live data', () => {
  it('accepts the logging status of a live cluster', () => {
    expectResources(rule, [
      resource(
        'AWS::Redshift::Cluster',
        'PassLiveLogging',
        { DBName: 'a' },
        { observed: { LoggingEnabled: true } },
      ),
      resource(
        'AWS::Redshift::Cluster',
        'FailLiveNotLogging',
        { DBName: 'b' },
        { observed: { LoggingEnabled: false } },
      ),
      // DescribeLoggingStatus failed: the collector leaves LoggingProperties unknown.
      resource('AWS::Redshift::Cluster', 'ErrorLiveLoggingUnreadable', {
        DBName: 'c',
        LoggingProperties: unresolved(
          'redshift describe-logging-status --cluster-identifier c',
          'the logging status of this cluster could not be read',
        ),
      }),
      // A live cluster without any logging fact (collected before the status was read).
      resource('AWS::Redshift::Cluster', 'ErrorLiveLoggingNotCollected', { DBName: 'd' }),
    ]);
  });
});
