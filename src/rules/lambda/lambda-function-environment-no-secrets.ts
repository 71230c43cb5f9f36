import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';
import { describeSecrets, secretVariablesIn, type SecretVariable } from './secret-names.js';

const FUNCTION = 'AWS::Lambda::Function';

/** How reasons name the function. */
function who(fn: Resource): string {
  return `Lambda function ${label(fn)}`;
}

/** A value kept in the configuration (not one that is given at deploy). */
function isStored(variable: SecretVariable): boolean {
  return variable.how !== 'deploy-time';
}

/**
 * Compliant: no environment variable whose name says it is a secret (`*PASSWORD*`, `*SECRET*`,
 * `*TOKEN*`, `*KEY*` and the like, not ending in `_ARN`, `_ID`, `_NAME`...) holds a value in the
 * function configuration: the function reads the secret at run time from Secrets Manager or
 * Parameter Store instead. Reasons name variables, never values.
 */
export default defineRule({
  id: 'lambda-function-environment-no-secrets',
  title: 'Lambda function keeps no secrets in its environment variables',
  category: 'security',
  severity: 'high',
  resourceTypes: [FUNCTION],
  rationale:
    'Environment variables are part of the function configuration: anyone with lambda:GetFunctionConfiguration (read-only roles, auditors, the console) reads them in plain text, they are copied into every version and alias, and they never rotate. A {{resolve:secretsmanager}} reference in a template does not help, because CloudFormation writes the resolved value into the configuration. The secret belongs in Secrets Manager, fetched by the function at run time.',
  remediation: {
    text: 'Store the secret in Secrets Manager (or a SecureString parameter), give the function role read access to that one secret, pass its ARN in the environment instead, and rotate the exposed value.',
    cli: "aws secretsmanager create-secret --name <app>/<secret> --secret-string <value>\naws lambda update-function-configuration --function-name <function> --environment 'Variables={DB_SECRET_ARN=<secret-arn>}'",
    cloudformation:
      'Environment:\n  Variables:\n    DB_SECRET_ARN: !Ref DbSecret  # the function calls GetSecretValue (or uses the Parameters and Secrets extension)',
    terraform:
      'resource "aws_lambda_function" "this" {\n  # ...\n  environment {\n    variables = {\n      DB_SECRET_ARN = aws_secretsmanager_secret.db.arn\n    }\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  ],
  evaluate(fn) {
    const env = fn.props.Environment;
    if (isUnresolved(env)) return error(`${who(fn)}: ${describeUnresolved('Environment', env)}.`);
    const vars = (env as { Variables?: unknown } | undefined)?.Variables;
    if (isUnresolved(vars)) return error(`${who(fn)}: ${describeUnresolved('Environment.Variables', vars)}.`);
    if (vars === undefined || vars === null) return pass(() => `${who(fn)} has no environment variables.`);
    if (typeof vars !== 'object') return error(`${who(fn)} has Environment.Variables that are not a map.`);
    const found = secretVariablesIn(vars as Readonly<Record<string, unknown>>);
    if (found.length === 0) {
      return pass(() => `${who(fn)} has no secret-named environment variables with values.`);
    }
    const stored = found.filter(isStored);
    if (stored.length > 0) {
      return fail(
        `${who(fn)} keeps secrets in its environment: ${describeSecrets(stored)}; anyone who can read its configuration reads them.`,
      );
    }
    return error(
      `${who(fn)}: ${describeSecrets(found)} get their value at deploy; if that is the secret itself, it is stored in plain text.`,
    );
  },
});
