import { asBoolean, defineRule, fail, label, notApplicable, pass } from '../rule.js';
import { IMAGE } from './image.js';

/**
 * Compliant: an AMI the account owns is not public: describe-images `Public` is false and its
 * launch permissions have no `all` group. AMIs whose visibility was not collected are not
 * applicable.
 */
export default defineRule({
  id: 'ec2-image-not-public',
  title: 'AMI is not public',
  category: 'security',
  severity: 'high',
  resourceTypes: [IMAGE],
  rationale:
    'A public AMI can be launched by any AWS account, which then owns a copy of everything baked into it: application code, configuration files, SSH keys, credentials left in home directories or user data. Images are shared publicly by mistake when a launch permission is set to all; sharing should name accounts or organisations, and block public access for AMIs prevents it account-wide.',
  remediation: {
    text: 'Remove the public launch permission, share with named accounts or the organisation instead, and turn on block public access for AMIs.',
    cli: 'aws ec2 modify-image-attribute --image-id <ami-id> --launch-permission "Remove=[{Group=all}]"\naws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html',
  ],
  evaluate(image) {
    const who = `AMI ${label(image)}`;
    const flag = asBoolean(image.observed?.Public ?? image.props.Public);
    const permissions = image.observed?.LaunchPermissions;
    const byPermission = Array.isArray(permissions)
      ? permissions.some((p) => (p as { Group?: unknown } | null)?.Group === 'all')
      : undefined;
    if (flag === undefined && byPermission === undefined)
      return notApplicable(() => `${who} has no visibility data in the snapshot.`);
    if (flag === true || byPermission === true)
      return fail(`${who} is public: any AWS account can launch it.`);
    return pass(() => `${who} is private.`);
  },
});
