import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './ec2-image-copied-to-dr-region.js';

const IMAGE = 'AWS::EC2::Image';
const ami = (id: string, name: string, region = 'us-east-1', observed: Record<string, unknown> = {}) =>
  resource(IMAGE, id, { Name: name }, { region, observed: { State: 'available', ...observed } });
const template = (id: string, imageId: string) =>
  resource('AWS::EC2::LaunchTemplate', id, { LaunchTemplateData: { ImageId: imageId } });

describe('ec2-image-copied-to-dr-region', () => {
  it('needs a copy in another region for AMIs something launches from', () => {
    const findings = expectResources(rule, [
      ami('PassWebGolden', 'web-golden-2026-05'),
      template('lt-web', 'PassWebGolden'),
      ami('NotApplicableUnusedCopyOfWeb', 'web-golden-2026-05', 'ap-southeast-1'),
      ami('FailApiGolden', 'api-golden-2026-04'),
      template('lt-api', 'FailApiGolden'),
      ami('PassRecordedCopy', 'batch-golden'),
      template('lt-batch', 'PassRecordedCopy'),
      ami('NotApplicableCopyNamedDifferently', 'batch-golden-dr', 'eu-west-1', {
        SourceImageId: 'PassRecordedCopy',
      }),
      ami('NotApplicableUnused', 'old-golden'),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailApiGolden')?.reason).toBe(
      'AMI FailApiGolden is used by lt-api but has no copy in another region: a regional outage leaves nothing to launch from.',
    );
  });

  it('restricts copies to the DR regions when they are listed', () => {
    expectResources(
      rule,
      [
        ami('FailCopyInWrongRegion', 'web'),
        template('lt-web', 'FailCopyInWrongRegion'),
        ami('NotApplicableUnusedCopyInEuWest1', 'web', 'eu-west-1'),
        ami('NotApplicableInDrRegion', 'web', 'ap-southeast-1', { State: 'pending' }),
      ],
      { params: { drRegions: ['ap-southeast-1'] } },
    );
  });
  it('does not say there is no copy when the AMIs of another region were not listed', () => {
    const findings = expectResources(
      rule,
      [
        ami('ErrorCopiesUnread', 'api-golden-2026-04'),
        template('lt-api', 'ErrorCopiesUnread'),
        resource('AWS::EC2::VPC', 'vpc-dr', {}, { region: 'eu-west-1' }),
        // What launches from it was not listed either: whether the rule applies is not known.
        ami('ErrorUsersUnread', 'lonely', 'ap-south-1'),
      ],
      {
        coverage: [
          deniedListing('AWS::EC2::Image', '123456789012', 'eu-west-1'),
          deniedListing('AWS::EC2::LaunchTemplate', '123456789012', 'ap-south-1'),
        ],
      },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorCopiesUnread')?.reason).toContain(
      'whether it has a copy in another region is not known: AWS::EC2::Image not collected in 123456789012 eu-west-1',
    );
  });
});
