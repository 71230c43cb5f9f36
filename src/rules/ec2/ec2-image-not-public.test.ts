import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './ec2-image-not-public.js';

describe('ec2-image-not-public', () => {
  it('reads Public and launch permissions', () => {
    expectResources(rule, [
      resource('AWS::EC2::Image', 'FailPublicFlag', {}, { observed: { Public: true } }),
      resource(
        'AWS::EC2::Image',
        'FailLaunchPermissionAll',
        {},
        { observed: { LaunchPermissions: [{ Group: 'all' }] } },
      ),
      resource(
        'AWS::EC2::Image',
        'PassPrivate',
        {},
        { observed: { Public: false, LaunchPermissions: [{ UserId: '210987654321' }] } },
      ),
      resource('AWS::EC2::Image', 'NotApplicableNotCollected', {}, { observed: { State: 'available' } }),
    ]);
  });
});
