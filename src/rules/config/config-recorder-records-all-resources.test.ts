import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './config-recorder-records-all-resources.js';

const RECORDER = 'AWS::Config::ConfigurationRecorder';

describe('config-recorder-records-all-resources', () => {
  it('passes the default and ALL_SUPPORTED groups, fails lists and exclusions', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/config-recorder-records-all-resources.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailExclusions')?.reason).toContain(
      'excludes AWS::EC2::NetworkInterface',
    );
  });

  it('fails a live recorder that is stopped or failing', () => {
    expectResources(rule, [
      resource(RECORDER, 'PassRecording', {}, { observed: { Recording: true, LastStatus: 'SUCCESS' } }),
      resource(RECORDER, 'FailStopped', {}, { observed: { Recording: false } }),
      // A Terraform-planned recorder whose configuration declares no delivery channel.
      resource(
        RECORDER,
        'FailPlannedWithoutChannel',
        {},
        { origin: { source: 'terraform', file: 'config.tf' } },
      ),
      resource(
        RECORDER,
        'FailLastRecordingFailed',
        {},
        {
          observed: {
            Recording: true,
            LastStatus: 'FAILURE',
            LastErrorMessage: 'AccessDenied on the bucket',
          },
        },
      ),
    ]);
  });
});
