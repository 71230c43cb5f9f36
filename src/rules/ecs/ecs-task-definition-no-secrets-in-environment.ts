import { isUnresolved } from '../../model/index.js';
import { describeSecrets, secretVariables } from '../lambda/secret-names.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { containersOf, TASK_DEFINITION } from './containers.js';

/**
 * Compliant: no container passes a secret-named variable (`AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `ECS_ENGINE_AUTH_DATA`, `*PASSWORD*`, `*TOKEN*`...) with a value in
 * `Environment`; secrets come through `Secrets` (`ValueFrom` a Secrets Manager secret or
 * SSM parameter). Reasons name variables, never values.
 */
export default defineRule({
  id: 'ecs-task-definition-no-secrets-in-environment',
  title: 'ECS task definition passes no secrets as plain environment variables',
  category: 'security',
  severity: 'high',
  resourceTypes: [TASK_DEFINITION],
  rationale:
    'Environment values are stored in the task definition: every revision keeps them, anyone with ecs:DescribeTaskDefinition reads them, and they appear in CloudTrail and in the console. Static AWS keys there bypass the task role. The Secrets parameter injects the value at start from Secrets Manager or Parameter Store, with access controlled and logged.',
  remediation: {
    text: 'Move each secret to Secrets Manager or a SecureString parameter and reference it from the container’s Secrets list; use the task role instead of static AWS keys; rotate the exposed values.',
    cloudformation:
      'ContainerDefinitions:\n  - Name: app\n    Secrets:\n      - Name: DB_PASSWORD\n        ValueFrom: !Ref DbPasswordSecret',
    terraform:
      'container_definitions = jsonencode([{\n  name    = "app"\n  secrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]\n}])',
  },
  controls: ['aws-fsbp:ECS.8'],
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html'],
  evaluate(task) {
    const who = `ECS task definition ${label(task)}`;
    const read = containersOf(task);
    if ('unknown' in read) return error(`${who}: ${read.unknown}.`);
    if (read.containers.length === 0) return notApplicable(() => `${who} has no container definitions.`);
    const stored: string[] = [];
    const deploy: string[] = [];
    for (const c of read.containers) {
      const env = c.props.Environment;
      if (isUnresolved(env)) return error(`${who}: ${describeUnresolved(`${c.name}.Environment`, env)}.`);
      if (!Array.isArray(env)) continue;
      const pairs = env
        .filter((e): e is { Name?: unknown; Value?: unknown } => e !== null && typeof e === 'object')
        .filter((e) => typeof e.Name === 'string')
        .map((e) => [String(e.Name), e.Value] as const);
      const found = secretVariables(pairs);
      const inline = found.filter((v) => v.how !== 'deploy-time');
      if (inline.length > 0) stored.push(`${c.name}: ${describeSecrets(inline)}`);
      const later = found.filter((v) => v.how === 'deploy-time');
      if (later.length > 0) deploy.push(`${c.name}: ${describeSecrets(later)}`);
    }
    if (stored.length > 0)
      return fail(`${who} passes secrets as environment variables (${stored.join('; ')}).`);
    if (deploy.length > 0)
      return error(
        `${who}: ${deploy.join('; ')} get their value at deploy; if that is the secret itself, it is stored in the task definition.`,
      );
    return pass(() => `${who} passes no secret-named environment variables with values.`);
  },
});
