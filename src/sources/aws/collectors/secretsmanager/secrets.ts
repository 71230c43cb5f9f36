import { GetResourcePolicyCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, policyDocument, str } from '../helpers.js';
import { cfnTags, tagsOf } from '../tags.js';

const SECRET = 'AWS::SecretsManager::Secret';

/**
 * The secret's resource policy as a document (`observed.ResourcePolicy`, which the IAM engine reads
 * for a live secret; CloudFormation declares it as a resource of its own,
 * `AWS::SecretsManager::ResourcePolicy`). GetResourcePolicy leaves `ResourcePolicy` out when the
 * secret has none. A call that failed leaves it unresolved, so the resource-policy rules give
 * `error`, not "no policy".
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetResourcePolicy.html
 */
function resourcePolicy(entry: Json, arn: string): unknown {
  const answer = detailOf(entry, 'policy');
  if (answer)
    return str(answer.ResourcePolicy) === undefined ? undefined : policyDocument(answer.ResourcePolicy);
  return unresolved(
    `secretsmanager get-resource-policy --secret-id ${arn}`,
    'the resource policy of this secret could not be read',
  );
}

/**
 * `secretsmanager list-secrets` + per secret `get-resource-policy` → `AWS::SecretsManager::Secret`
 * (id = ARN, as `Ref` gives it; name = the secret's name) with CloudFormation's `Name`,
 * `Description`, `KmsKeyId` (absent: the AWS managed key `aws/secretsmanager`, as ListSecrets leaves
 * it out then) and `Tags`; rotation and use in `observed`: `RotationEnabled`, `RotationLambdaARN`,
 * `RotationRules`, `LastRotatedDate`, `LastChangedDate`, `LastAccessedDate` (to the day, absent when
 * never read in the region), `NextRotationDate`, `CreatedDate`, `OwningService` (a secret RDS or
 * another service manages), `PrimaryRegion` (a replica's) and the resource policy.
 *
 * ListSecrets describes secrets without their values ("It does not include the encrypted
 * SecretString and SecretBinary values"); no call here reads a value. Secrets scheduled for
 * deletion are not listed (the API's default), so none of them is judged.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_SecretListEntry.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-secretsmanager-secret.html
 */
export const secrets: Collector = {
  id: 'secretsmanager/secrets',
  service: 'secretsmanager',
  resourceTypes: [SECRET],
  list: [
    {
      command: ListSecretsCommand,
      action: 'secretsmanager:ListSecrets',
      items: ['SecretList'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['MaxResults', 100] },
    },
  ],
  // Partner-defined key-value pairs for rotating a managed external secret: not read by any rule, and
  // a partner may put credentials' identifiers there, so they are not kept.
  // https://docs.aws.amazon.com/secretsmanager/latest/userguide/mes-partners.html
  redact: (entry) => {
    const { ExternalSecretRotationMetadata: _metadata, ...rest } = entry;
    return rest;
  },
  details: [
    {
      name: 'policy',
      command: GetResourcePolicyCommand,
      action: 'secretsmanager:GetResourcePolicy',
      // Deleted since it was listed.
      // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetResourcePolicy.html#API_GetResourcePolicy_Errors
      notConfigured: ['ResourceNotFoundException'],
      input: (s) => (typeof s.ARN === 'string' ? { SecretId: s.ARN } : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.SecretList ?? []).flatMap((entry): ResourceDraft[] => {
        const arn = str(entry.ARN);
        if (!arn || detailOf(entry, 'policy') === null) return [];
        const name = str(entry.Name);
        const tags = tagsOf(entry.Tags);
        return [
          {
            type: SECRET,
            id: arn,
            arn,
            name,
            tags,
            props: {
              Name: name,
              Description: str(entry.Description),
              KmsKeyId: str(entry.KmsKeyId),
              Tags: cfnTags(tags),
            },
            observed: {
              // A boolean the API leaves out when rotation was never configured: off.
              RotationEnabled: entry.RotationEnabled === true,
              RotationLambdaARN: str(entry.RotationLambdaARN),
              RotationRules: isJson(entry.RotationRules) ? entry.RotationRules : undefined,
              LastRotatedDate: entry.LastRotatedDate,
              LastChangedDate: entry.LastChangedDate,
              LastAccessedDate: entry.LastAccessedDate,
              NextRotationDate: entry.NextRotationDate,
              CreatedDate: entry.CreatedDate,
              OwningService: str(entry.OwningService),
              PrimaryRegion: str(entry.PrimaryRegion),
              ResourcePolicy: resourcePolicy(entry, arn),
            },
          },
        ];
      }),
  },
};
