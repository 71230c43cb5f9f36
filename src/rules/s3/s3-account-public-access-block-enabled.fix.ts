import { defineFix } from '../fix.js';
import { anyRegion, callFor, capturedAt, refuseNotLive } from '../fix-support.js';
import { ALL_BLOCKED } from './s3-bucket-public-access-blocked.fix.js';

/**
 * Turns on all four account-level Block Public Access settings through S3 Control. The setting is
 * global to the account, so any region's endpoint serves it. No template: CloudFormation has no
 * resource type for the account-level settings.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html
 */
export default defineFix({
  rule: 's3-account-public-access-block-enabled',
  title: 'Turn on all four account-level S3 Block Public Access settings',
  // DeletePublicAccessBlock (the undo when the account had no configuration) needs the same action.
  actions: ['s3:PutAccountPublicAccessBlock'],
  plan(settings) {
    const refused = refuseNotLive(settings, false);
    if (refused) return refused;
    const AccountId = settings.account;
    const region = anyRegion(settings);
    return {
      steps: [
        {
          description: `Turn on all four S3 Block Public Access settings of account ${AccountId}, for every bucket in it`,
          call: callFor(
            settings,
            's3-control',
            'PutPublicAccessBlock',
            's3:PutAccountPublicAccessBlock',
            { AccountId, PublicAccessBlockConfiguration: { ...ALL_BLOCKED } },
            region,
          ),
          capture: callFor(
            settings,
            's3-control',
            'GetPublicAccessBlock',
            's3:GetAccountPublicAccessBlock',
            { AccountId },
            region,
          ),
          undo: (captured) => {
            const previous = capturedAt(captured, 'PublicAccessBlockConfiguration');
            return previous && typeof previous === 'object'
              ? {
                  call: callFor(
                    settings,
                    's3-control',
                    'PutPublicAccessBlock',
                    's3:PutAccountPublicAccessBlock',
                    { AccountId, PublicAccessBlockConfiguration: previous },
                    region,
                  ),
                }
              : {
                  call: callFor(
                    settings,
                    's3-control',
                    'DeletePublicAccessBlock',
                    's3:PutAccountPublicAccessBlock',
                    { AccountId },
                    region,
                  ),
                };
          },
        },
      ],
    };
  },
});
