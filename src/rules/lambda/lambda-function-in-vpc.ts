import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';
import { FUNCTION } from './permissions.js';

/** How reasons name the function. */
function who(fn: Resource): string {
  return `Lambda function ${label(fn)}`;
}

/** Compliant: the function is attached to a VPC (`VpcConfig.SubnetIds` not empty). */
export default defineRule({
  id: 'lambda-function-in-vpc',
  title: 'Lambda function runs in a VPC',
  category: 'compliance',
  severity: 'low',
  resourceTypes: [FUNCTION],
  rationale:
    'A function in a VPC reaches private resources (databases, internal APIs) without exposing them, and its outbound traffic passes the VPC’s security groups, NACLs, NAT and flow logs, so network controls and the lambda:VpcIds guardrails of IAM apply to it. A function outside any VPC talks to the internet directly and is invisible to those controls.',
  remediation: {
    text: 'Attach the function to private subnets of the approved VPC with a security group of its own; give it a NAT gateway or VPC endpoints for the AWS services it calls.',
    cli: 'aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
    cloudformation:
      'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref FunctionSecurityGroup]',
    terraform:
      'resource "aws_lambda_function" "this" {\n  # ...\n  vpc_config {\n    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n    security_group_ids = [aws_security_group.function.id]\n  }\n}',
  },
  controls: ['aws-fsbp:Lambda.3'],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions',
  ],
  evaluate(fn) {
    const config = fn.props.VpcConfig;
    if (isUnresolved(config)) return error(`${who(fn)}: ${describeUnresolved('VpcConfig', config)}.`);
    const subnets = (config as { SubnetIds?: unknown } | undefined)?.SubnetIds;
    if (isUnresolved(subnets))
      return error(`${who(fn)}: ${describeUnresolved('VpcConfig.SubnetIds', subnets)}.`);
    if (!Array.isArray(subnets) || subnets.length === 0) return fail(`${who(fn)} is not attached to a VPC.`);
    return pass(
      () => `${who(fn)} runs in a VPC (${subnets.length} subnet${subnets.length === 1 ? '' : 's'}).`,
    );
  },
});
