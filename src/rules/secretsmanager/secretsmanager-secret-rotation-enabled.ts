import { asBoolean, defineRule, error, fail, label, notApplicable, pass } from '../rule.js';

const SCHEDULE = 'AWS::SecretsManager::RotationSchedule';
const IAC = new Set(['cloudformation', 'terraform']);

/**
 * Compliant: automatic rotation is configured for the secret: `observed.RotationEnabled` from
 * `DescribeSecret` for a live secret; for a template or plan, an `AWS::SecretsManager::
 * RotationSchedule` (Terraform `aws_secretsmanager_secret_rotation`) whose `SecretId` refers to it.
 */
export default defineRule({
  id: 'secretsmanager-secret-rotation-enabled',
  title: 'Secrets Manager secret has automatic rotation enabled',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  rationale:
    'A database password or API key that never changes stays valid in every log, backup, laptop and former colleague’s notes it ever reached. Automatic rotation replaces it on a schedule, without a change window, so a leaked value expires on its own.',
  remediation: {
    text: 'Configure rotation with a rotation function (Secrets Manager provides templates for RDS, Redshift and DocumentDB) and a schedule, e.g. every 30 days; for RDS master passwords let RDS manage the secret.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn <function-arn> --rotation-rules AutomaticallyAfterDays=30',
    cloudformation:
      'SecretRotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref Secret\n    HostedRotationLambda:\n      RotationType: MySQLSingleUser\n    RotationRules:\n      AutomaticallyAfterDays: 30',
    terraform:
      'resource "aws_secretsmanager_secret_rotation" "this" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotation.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}',
  },
  controls: ['aws-fsbp:SecretsManager.1'],
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-secretsmanager-rotationschedule.html',
  ],
  evaluate(secret, ctx) {
    const who = `Secret ${label(secret)}`;
    const observed = secret.observed?.RotationEnabled;
    if (observed !== undefined) {
      const on = asBoolean(observed);
      if (on === undefined)
        return error(`${who}: RotationEnabled is not a boolean (${JSON.stringify(observed)}).`);
      const owner =
        typeof secret.observed?.OwningService === 'string'
          ? ` (managed by ${secret.observed.OwningService})`
          : '';
      return on
        ? pass(() => `${who} rotates automatically${owner}.`)
        : fail(`${who} has no automatic rotation${owner}.`);
    }
    if (!IAC.has(secret.origin.source)) {
      return notApplicable(
        () => `${who}: the snapshot does not say whether rotation is on (DescribeSecret RotationEnabled).`,
      );
    }
    const schedules = ctx.graph.referencing(secret).filter((r) => r.type === SCHEDULE);
    if (schedules.length === 0) return fail(`${who} has no rotation schedule (${SCHEDULE}) in the template.`);
    return pass(() => `${who} is rotated by ${schedules.map((s) => label(s)).join(', ')}.`);
  },
});
