import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './ec2-image-in-use.js';

const IMAGE = 'AWS::EC2::Image';
const ami = (
  id: string,
  created: string,
  lastLaunched?: string,
  extra: Record<string, unknown> = {},
  region?: string,
) =>
  resource(
    IMAGE,
    id,
    { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: `snap-${id}`, VolumeSize: 16 } }] },
    {
      observed: {
        State: 'available',
        CreationDate: created,
        ...(lastLaunched ? { LastLaunchedTime: lastLaunched } : {}),
        ...extra,
      },
      ...(region ? { region } : {}),
    },
  );

describe('ec2-image-in-use', () => {
  it('fails old AMIs nothing launches from, with the price of their snapshots (clock 2026-06-01)', () => {
    const findings = expectResources(rule, [
      ami('FailOldGolden', '2024-12-18T00:00:00Z', '2025-02-15T00:00:00Z'),
      ami('PassUsedByTemplate', '2024-01-01T00:00:00Z'),
      resource('AWS::EC2::LaunchTemplate', 'lt-1', { LaunchTemplateData: { ImageId: 'PassUsedByTemplate' } }),
      ami('PassLaunchedRecently', '2024-01-01T00:00:00Z', '2026-05-01T00:00:00Z'),
      ami('PassNew', '2026-05-10T00:00:00Z'),
      resource(IMAGE, 'NotApplicablePending', {}, { observed: { State: 'pending' } }),
      ami('PassSourceOfCopy', '2026-05-10T00:00:00Z'),
      ami(
        'NotApplicableDrCopy',
        '2024-01-01T00:00:00Z',
        undefined,
        { SourceImageId: 'PassSourceOfCopy', SourceImageRegion: 'us-east-1' },
        'eu-west-1',
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOldGolden')?.reason).toBe(
      'AMI FailOldGolden is 530 days old, used by nothing in the snapshot, last launched 471 days ago; its 16 GiB of snapshots cost up to $0.80 a month.',
    );
  });
  it('does not call an AMI unused when instances or launch templates were not listed', () => {
    const findings = expectResources(
      rule,
      [
        ami('ErrorLaunchersUnread', '2025-01-01T00:00:00Z'),
        ami('FailUnusedElsewhere', '2025-01-01T00:00:00Z', undefined, {}, 'eu-west-1'),
      ],
      { coverage: [deniedListing('AWS::EC2::Instance')] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorLaunchersUnread')?.reason).toContain(
      'whether anything launches from it is not known',
    );
  });
});
