import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { launchTemplateOf } from './launch-template.js';

/** An access key id (long-term `AKIA…` or temporary `ASIA…`). Only its presence is reported. */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/;
/** A secret access key assigned in a shell profile, credentials file, env file or CLI call. */
const SECRET_ASSIGNMENT = /aws_secret_access_key\s*[=:]\s*['"]?[A-Za-z0-9/+]{40}/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * User data as EC2 returns and templates write it: base64 text (or `{Value}` from
 * DescribeInstanceAttribute). Gzip-compressed data cannot be read and is skipped.
 */
function decodeUserData(value: unknown): string | undefined {
  const raw = typeof value === 'string' ? value : (value as { Value?: unknown } | null)?.Value;
  if (typeof raw !== 'string' || raw === '') return undefined;
  const compact = raw.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) return raw;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return undefined;
  return bytes.toString('utf8');
}

/**
 * What kind of credential the user data holds, never its value: reasons and reports must not
 * leak secrets, so only "an access key id" or "a secret access key" is said.
 */
function credentialsIn(instance: Resource): string | undefined {
  for (const value of [instance.props.UserData, instance.observed?.UserData]) {
    const text = decodeUserData(value);
    if (text === undefined) continue;
    if (SECRET_ASSIGNMENT.test(text)) return 'a secret access key';
    if (ACCESS_KEY_ID.test(text)) return 'an access key id';
  }
  return undefined;
}

function profileOf(instance: Resource): { readonly name?: string; readonly unknown?: string } {
  const p = instance.props.IamInstanceProfile;
  if (isUnresolved(p)) return { unknown: describeUnresolved('IamInstanceProfile', p) };
  if (typeof p === 'string' && p !== '') return { name: p };
  const arn = instance.observed?.IamInstanceProfileArn;
  if (typeof arn === 'string' && arn !== '') return { name: arn.slice(arn.lastIndexOf('/') + 1) };
  return {};
}

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: the instance has an IAM instance profile (its own, or from the launch template it is
 * launched from) and its user data holds no AWS access keys. Terminated instances are not
 * applicable.
 */
export default defineRule({
  id: 'ec2-instance-profile-attached',
  title: 'EC2 instance uses an instance profile, not stored access keys',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Instance'],
  rationale:
    "Software on an instance that calls AWS (DynamoDB, S3, SQS) should get its credentials from an IAM role through the instance profile: they are temporary, rotated automatically and never written to disk. The alternative, access keys in a configuration file, environment or user data, are long-lived, copied with every AMI and snapshot, readable by anyone who can read the instance's user data, and rarely rotated. An instance without a profile is usually running on such keys.",
  remediation: {
    text: 'Create a role with the permissions the software needs, attach it through an instance profile, remove the stored keys and deactivate them in IAM.',
    cli: 'aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile-name>\naws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive',
    cloudformation:
      'InstanceProfile:\n  Type: AWS::IAM::InstanceProfile\n  Properties:\n    Roles: [!Ref AppRole]\nInstance:\n  Type: AWS::EC2::Instance\n  Properties:\n    IamInstanceProfile: !Ref InstanceProfile',
    terraform:
      'resource "aws_iam_instance_profile" "app" {\n  role = aws_iam_role.app.name\n}\n\nresource "aws_instance" "app" {\n  iam_instance_profile = aws_iam_instance_profile.app.name\n}',
  },
  controls: ['cis-aws-v5.0:1.17'],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html',
  ],
  evaluate(instance, ctx) {
    if (instance.observed?.State === 'terminated')
      return notApplicable(() => `${who(instance)} is terminated.`);
    const stored = credentialsIn(instance);
    if (stored) {
      return fail(
        `${who(instance)} has ${stored} in its user data (value not shown); rotate it and use an instance profile instead.`,
      );
    }
    const own = profileOf(instance);
    if (own.unknown) return error(`${who(instance)}: ${own.unknown}.`);
    if (own.name) return pass(() => `${who(instance)} uses instance profile ${own.name}.`);
    const lt = launchTemplateOf(instance.props.LaunchTemplate, 'LaunchTemplate', ctx.graph, instance);
    if ('unknown' in lt)
      return error(`${who(instance)} has no instance profile of its own and ${lt.unknown}.`);
    if ('template' in lt) {
      const spec = lt.data.IamInstanceProfile as Record<string, unknown> | undefined;
      const name = spec?.Name ?? spec?.Arn;
      if (isUnresolved(name))
        return error(
          `${who(instance)}: ${describeUnresolved(`launch template ${label(lt.template)} IamInstanceProfile`, name)}.`,
        );
      if (typeof name === 'string')
        return pass(
          () => `${who(instance)} uses instance profile ${name} from launch template ${label(lt.template)}.`,
        );
    }
    return fail(
      `${who(instance)} has no IAM instance profile: software on it can only call AWS with stored access keys.`,
    );
  },
});
