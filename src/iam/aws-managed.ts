/**
 * Documents of a few small AWS managed policies, as AWS publishes them, so that a template or the
 * demo that attaches them by ARN can be evaluated without the live account. A live snapshot that
 * carries the documents (an `AWS::IAM::ManagedPolicy` resource with the ARN) takes precedence.
 * Larger ones (ReadOnlyAccess, SecurityAudit …) are not bundled: a principal that has them gets the
 * policy listed as unreadable in its decisions.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
 */

const doc = (...statements: Array<Record<string, unknown>>) => ({
  Version: '2012-10-17',
  Statement: statements,
});

/** ARN → document. */
export const BUNDLED_AWS_MANAGED: Readonly<Record<string, Record<string, unknown>>> = {
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
  'arn:aws:iam::aws:policy/AdministratorAccess': doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html
  'arn:aws:iam::aws:policy/PowerUserAccess': doc(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: [
        'account:GetAccountInformation',
        'account:GetPrimaryEmail',
        'account:ListRegions',
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
      ],
      Resource: '*',
    },
  ),
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': doc({
    Effect: 'Allow',
    Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: '*',
  }),
  'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole': doc({
    Sid: 'AWSLambdaVPCAccessExecutionPermissions',
    Effect: 'Allow',
    Action: [
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ],
    Resource: '*',
  }),
  'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy': doc({
    Effect: 'Allow',
    Action: [
      'ecr:GetAuthorizationToken',
      'ecr:BatchCheckLayerAvailability',
      'ecr:GetDownloadUrlForLayer',
      'ecr:BatchGetImage',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ],
    Resource: '*',
  }),
  'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore': doc(
    {
      Effect: 'Allow',
      Action: [
        'ssm:DescribeAssociation',
        'ssm:GetDeployablePatchSnapshotForInstance',
        'ssm:GetDocument',
        'ssm:DescribeDocument',
        'ssm:GetManifest',
        'ssm:GetParameter',
        'ssm:GetParameters',
        'ssm:ListAssociations',
        'ssm:ListInstanceAssociations',
        'ssm:PutInventory',
        'ssm:PutComplianceItems',
        'ssm:PutConfigurePackageResult',
        'ssm:UpdateAssociationStatus',
        'ssm:UpdateInstanceAssociationStatus',
        'ssm:UpdateInstanceInformation',
      ],
      Resource: '*',
    },
    {
      Effect: 'Allow',
      Action: [
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ],
      Resource: '*',
    },
    {
      Effect: 'Allow',
      Action: [
        'ec2messages:AcknowledgeMessage',
        'ec2messages:DeleteMessage',
        'ec2messages:FailMessage',
        'ec2messages:GetEndpoint',
        'ec2messages:GetMessages',
        'ec2messages:SendReply',
      ],
      Resource: '*',
    },
  ),
  'arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoscalingDynamoDBTablePolicy': doc({
    Effect: 'Allow',
    Action: [
      'dynamodb:DescribeTable',
      'dynamodb:UpdateTable',
      'cloudwatch:PutMetricAlarm',
      'cloudwatch:DescribeAlarms',
      'cloudwatch:DeleteAlarms',
    ],
    Resource: '*',
  }),
};
