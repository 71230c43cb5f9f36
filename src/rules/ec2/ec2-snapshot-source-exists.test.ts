import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './ec2-snapshot-source-exists.js';

const SNAPSHOT = 'AWS::EC2::Snapshot';
const snap = (
  id: string,
  volumeId: string,
  startTime: string,
  more: Record<string, unknown> = {},
  tags: Record<string, string> = {},
) =>
  resource(
    SNAPSHOT,
    id,
    { VolumeId: volumeId, VolumeSize: 1000, ...more },
    { observed: { State: 'completed', StartTime: startTime }, tags },
  );

describe('ec2-snapshot-source-exists', () => {
  it('fails old snapshots of deleted volumes that no AMI uses (clock 2026-06-01)', () => {
    const findings = expectResources(rule, [
      resource('AWS::EC2::Volume', 'vol-live', { Size: 200 }, { observed: { State: 'in-use' } }),
      snap('FailOrphaned', 'vol-gone', '2025-04-27T00:00:00Z', { Description: 'before migration to RDS' }),
      snap('PassVolumeExists', 'vol-live', '2024-01-01T00:00:00Z'),
      snap('PassBacksAmi', 'vol-build', '2024-01-01T00:00:00Z'),
      resource('AWS::EC2::Image', 'ami-1', {
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'PassBacksAmi' } }],
      }),
      snap('NotApplicableRecent', 'vol-gone', '2026-05-20T00:00:00Z'),
      snap('NotApplicableCopy', 'vol-ffffffff', '2024-01-01T00:00:00Z'),
      snap(
        'NotApplicableBackup',
        'vol-gone',
        '2024-01-01T00:00:00Z',
        {},
        { 'aws:backup:source-resource': 'arn:aws:ec2:us-east-1:123456789012:volume/vol-gone' },
      ),
      snap('ErrorNoStartTime', 'vol-gone', ''),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOrphaned')?.reason).toBe(
      'EBS snapshot FailOrphaned is 400 days old, its volume vol-gone no longer exists and no AMI uses it; it costs up to $50.00 a month (1000 GiB volume; snapshots bill only the blocks they hold).',
    );
  });

  it('cannot tell without the volumes of the region', () => {
    expectResources(rule, [snap('ErrorNoVolumesCollected', 'vol-x', '2024-01-01T00:00:00Z')]);
  });
  it('does not call the volume gone when volumes or AMIs were not all listed', () => {
    const findings = expectResources(
      rule,
      [
        resource('AWS::EC2::Volume', 'vol-other', {}, { observed: { State: 'in-use' } }),
        snap('ErrorVolumesUnread', 'vol-gone', '2025-01-01T00:00:00Z'),
      ],
      { coverage: [deniedListing('AWS::EC2::Image')] },
    );
    expect(findings[0]?.reason).toContain('whether volume vol-gone still exists or an AMI uses the snapshot');
  });
});
