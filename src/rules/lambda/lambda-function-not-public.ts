import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { FUNCTION, permissionsOf, statements } from './permissions.js';

/** Condition keys that tie a grant to one account, organisation or source. */
const SCOPING_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:principalorgid',
  'aws:principalaccount',
];
/** Sources read from the account itself, where a missing policy means "not read", not "none". */
const LIVE = new Set(['aws', 'describe-json']);

/**
 * A value that names one account, organisation or source: no wildcard and no policy variable.
 * "To be considered non-public, a Lambda resource-based policy must grant access only to fixed
 * values. This means values that don't contain a wildcard or the following IAM policy element:
 * Variables." https://docs.aws.amazon.com/config/latest/developerguide/lambda-function-public-access-prohibited.html
 */
function fixed(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.length > 0 && values.every((v) => typeof v === 'string' && v !== '' && !/[*?]|\$\{/.test(v));
}

/** Whether a statement's condition ties it to fixed accounts, organisations or sources. */
function scoped(condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object') return false;
  return Object.entries(condition as Record<string, unknown>).some(
    ([operator, block]) =>
      // A negated operator (StringNotEquals) or Null admits everything it does not name.
      !/Not|^Null$/.test(operator) &&
      block !== null &&
      typeof block === 'object' &&
      Object.entries(block).some(([k, v]) => SCOPING_KEYS.includes(k.toLowerCase()) && fixed(v)),
  );
}

function everyone(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = (principal as { AWS?: unknown } | null)?.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

function isS3(principal: unknown): boolean {
  const service =
    typeof principal === 'string' ? principal : (principal as { Service?: unknown } | null)?.Service;
  return service === 's3.amazonaws.com' || (Array.isArray(service) && service.includes('s3.amazonaws.com'));
}

/** Why one `AWS::Lambda::Permission` opens the function, `unknown` when it cannot be told, or `undefined`. */
function permissionGrant(p: Resource): string | 'unknown' | undefined {
  const { Principal, SourceAccount, SourceArn, PrincipalOrgID, FunctionUrlAuthType } = p.props;
  if (isUnresolved(Principal)) return 'unknown';
  const limited = [SourceAccount, SourceArn, PrincipalOrgID].some((v) => isUnresolved(v) || fixed(v));
  if (Principal === '*' && FunctionUrlAuthType === 'NONE')
    return `permission ${label(p)} opens a public function URL (AuthType NONE)`;
  if (Principal === '*' && !limited) return `permission ${label(p)} lets any principal invoke it`;
  if (Principal === 's3.amazonaws.com' && (SourceAccount === undefined || SourceAccount === '')) {
    return `permission ${label(p)} lets S3 invoke it for any bucket of any account (no SourceAccount)`;
  }
  return undefined;
}

/** Why a policy statement opens the function, or `undefined`. */
function statementGrant(s: Record<string, unknown>, i: number): string | undefined {
  if (s.Effect !== 'Allow') return undefined;
  const sid = typeof s.Sid === 'string' ? s.Sid : `[${i}]`;
  if (everyone(s.Principal) && !scoped(s.Condition)) return `policy statement ${sid} allows any principal`;
  if (
    isS3(s.Principal) &&
    !JSON.stringify(s.Condition ?? {})
      .toLowerCase()
      .includes('aws:sourceaccount')
  ) {
    return `policy statement ${sid} lets S3 invoke it without an aws:SourceAccount condition`;
  }
  return undefined;
}

/** How reasons name the function. */
function who(fn: Resource): string {
  return `Lambda function ${label(fn)}`;
}

/**
 * Compliant: nothing in the function's resource-based policy lets anyone invoke it: no
 * permission for principal `*` without a source account, source ARN or organisation given as a
 * fixed value (no wildcard, no negated condition), no public function URL, and no S3 permission
 * without `SourceAccount`. Permissions come from `AWS::Lambda::Permission` resources (Terraform
 * `aws_lambda_permission`) and, for live data, `observed.Policy` (GetPolicy, `null` for none).
 */
export default defineRule({
  id: 'lambda-function-not-public',
  title: 'Lambda function cannot be invoked by anyone',
  category: 'security',
  severity: 'critical',
  resourceTypes: [FUNCTION],
  rationale:
    'A resource-based policy that allows principal "*" lets any AWS account, or anyone on the internet through a function URL with auth type NONE, run the function with its role’s permissions and at your cost. A permission for S3 without SourceAccount lets a bucket in someone else’s account trigger it.',
  remediation: {
    text: 'Remove the public statement, or narrow it with SourceAccount / SourceArn / PrincipalOrgID; use IAM auth for function URLs and put public HTTP endpoints behind API Gateway with authorisation and throttling.',
    cli: 'aws lambda get-policy --function-name <function>\naws lambda remove-permission --function-name <function> --statement-id <sid>',
    cloudformation:
      'Type: AWS::Lambda::Permission\nProperties:\n  FunctionName: !Ref Function\n  Action: lambda:InvokeFunction\n  Principal: s3.amazonaws.com\n  SourceAccount: !Ref AWS::AccountId\n  SourceArn: !GetAtt UploadsBucket.Arn',
    terraform:
      'resource "aws_lambda_permission" "s3" {\n  function_name  = aws_lambda_function.this.function_name\n  action         = "lambda:InvokeFunction"\n  principal      = "s3.amazonaws.com"\n  source_account = data.aws_caller_identity.current.account_id\n  source_arn     = aws_s3_bucket.uploads.arn\n}',
  },
  controls: ['aws-fsbp:Lambda.1'],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
  ],
  evaluate(fn, ctx) {
    const grants: string[] = [];
    let unknown = false;
    const permissions = permissionsOf(fn, ctx.graph);
    for (let i = 0; i < permissions.length; i++) {
      const g = permissionGrant(permissions[i]!);
      if (g === 'unknown') unknown = true;
      else if (g) grants.push(g);
    }
    const policy = fn.observed && 'Policy' in fn.observed ? fn.observed.Policy : fn.props.Policy;
    if (isUnresolved(policy)) unknown = true;
    else if (policy !== undefined && policy !== null) {
      const list = statements(policy);
      if (list === undefined) return error(`${who(fn)} has a resource policy that is not a policy document.`);
      for (let i = 0; i < list.length; i++) {
        const g = statementGrant(list[i]!, i);
        if (g) grants.push(g);
      }
    }
    if (grants.length > 0) return fail(`${who(fn)} is open to anyone: ${grants.join('; ')}.`);
    if (unknown) return error(`${who(fn)}: a permission's principal or its policy is not known.`);
    const read =
      (fn.observed && 'Policy' in fn.observed) || fn.props.Policy !== undefined || permissions.length > 0;
    if (!read && LIVE.has(fn.origin.source)) {
      return notApplicable(() => `${who(fn)}: its resource-based policy is not in the snapshot.`);
    }
    return pass(() => `${who(fn)} has no resource-based policy that lets anyone invoke it.`);
  },
});
