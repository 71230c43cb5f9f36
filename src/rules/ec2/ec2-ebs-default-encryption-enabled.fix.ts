import { z } from 'zod';
import { defineFix, type FixStep } from '../fix.js';
import { callFor, capturedAt, refuseNotLive } from '../fix-support.js';

const params = z.object({
  kmsKeyId: z
    .string()
    .min(1)
    .optional()
    .describe(
      'KMS key (id, ARN or alias ARN) new volumes use by default; absent: keep the current default key.',
    ),
});

/**
 * Turns on EBS encryption by default in the failing VPC's account and region (the rule reports the
 * region setting on the region's first VPC), optionally with a default KMS key. New volumes only:
 * existing unencrypted volumes stay as they are. No template: no CloudFormation resource type
 * declares this account setting.
 * https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
 */
export default defineFix({
  rule: 'ec2-ebs-default-encryption-enabled',
  title: 'Turn on EBS encryption by default in the region',
  actions: [
    'ec2:EnableEbsEncryptionByDefault',
    'ec2:DisableEbsEncryptionByDefault',
    'ec2:ModifyEbsDefaultKmsKeyId',
    'ec2:ResetEbsDefaultKmsKeyId',
  ],
  params,
  plan(vpc, { params: { kmsKeyId } }) {
    const refused = refuseNotLive(vpc);
    if (refused) return refused;
    const place = `account ${vpc.account} region ${vpc.region}`;
    const steps: FixStep[] = [
      {
        description: `Turn on EBS encryption by default in ${place}`,
        call: callFor(vpc, 'ec2', 'EnableEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault', {}),
        capture: callFor(vpc, 'ec2', 'GetEbsEncryptionByDefault', 'ec2:GetEbsEncryptionByDefault', {}),
        undo: (captured) =>
          capturedAt(captured, 'EbsEncryptionByDefault') === true
            ? {
                call: callFor(
                  vpc,
                  'ec2',
                  'EnableEbsEncryptionByDefault',
                  'ec2:EnableEbsEncryptionByDefault',
                  {},
                ),
              }
            : {
                call: callFor(
                  vpc,
                  'ec2',
                  'DisableEbsEncryptionByDefault',
                  'ec2:DisableEbsEncryptionByDefault',
                  {},
                ),
              },
      },
    ];
    if (kmsKeyId) {
      steps.push({
        description: `Make ${kmsKeyId} the default EBS encryption key in ${place}`,
        call: callFor(vpc, 'ec2', 'ModifyEbsDefaultKmsKeyId', 'ec2:ModifyEbsDefaultKmsKeyId', {
          KmsKeyId: kmsKeyId,
        }),
        capture: callFor(vpc, 'ec2', 'GetEbsDefaultKmsKeyId', 'ec2:GetEbsDefaultKmsKeyId', {}),
        undo: (captured) => {
          const previous = capturedAt(captured, 'KmsKeyId');
          // The AWS managed key alias/aws/ebs is what ResetEbsDefaultKmsKeyId restores.
          return typeof previous === 'string' && !previous.endsWith('alias/aws/ebs')
            ? {
                call: callFor(vpc, 'ec2', 'ModifyEbsDefaultKmsKeyId', 'ec2:ModifyEbsDefaultKmsKeyId', {
                  KmsKeyId: previous,
                }),
              }
            : { call: callFor(vpc, 'ec2', 'ResetEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId', {}) };
        },
      });
    }
    return { steps };
  },
});
