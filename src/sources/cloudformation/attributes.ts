/**
 * What the template itself determines about a resource's return values: which `Fn::GetAtt`
 * attributes are the resource's own physical id, which echo one of its properties, what `Ref`
 * returns inside a string, and how its ARN is built from its name. Everything not listed is known
 * only after deploy. Return values per type:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 */

/** Attributes whose value is the physical id, i.e. the model's resource `id`. */
export const ID_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'AWS::EC2::VPC': ['VpcId'],
  'AWS::EC2::Subnet': ['SubnetId'],
  'AWS::EC2::SecurityGroup': ['GroupId'],
  'AWS::EC2::RouteTable': ['RouteTableId'],
  'AWS::EC2::InternetGateway': ['InternetGatewayId'],
  'AWS::EC2::NatGateway': ['NatGatewayId'],
  'AWS::EC2::NetworkAcl': ['Id'],
  'AWS::EC2::NetworkInterface': ['Id'],
  'AWS::EC2::Instance': ['InstanceId'],
  'AWS::EC2::TransitGateway': ['Id'],
  'AWS::EC2::TransitGatewayAttachment': ['Id'],
  'AWS::EC2::VPCEndpoint': ['Id'],
  'AWS::EC2::VPCPeeringConnection': ['Id'],
  'AWS::EC2::EgressOnlyInternetGateway': ['Id'],
  'AWS::EC2::VPNGateway': ['VPNGatewayId'],
  'AWS::EC2::EIP': ['AllocationId'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateId'],
  'AWS::EC2::PrefixList': ['PrefixListId'],
  'AWS::EC2::Volume': ['VolumeId'],
  'AWS::EFS::FileSystem': ['FileSystemId'],
  'AWS::KMS::Key': ['KeyId'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['LoadBalancerArn'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': ['TargetGroupArn'],
  'AWS::ElasticLoadBalancingV2::Listener': ['ListenerArn'],
  'AWS::SNS::Topic': ['TopicArn'],
  'AWS::SQS::Queue': ['QueueUrl'],
  'AWS::Route53::HostedZone': ['Id'],
  'AWS::CloudFront::Distribution': ['Id'],
};

/** Attributes that repeat a property of the same resource. */
export const PROPERTY_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { VpcId: 'VpcId', AvailabilityZone: 'AvailabilityZone', CidrBlock: 'CidrBlock' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
  'AWS::EC2::Instance': { AvailabilityZone: 'AvailabilityZone', PrivateIp: 'PrivateIpAddress' },
  'AWS::EC2::NetworkInterface': { PrimaryPrivateIpAddress: 'PrivateIpAddress' },
  'AWS::SQS::Queue': { QueueName: 'QueueName' },
  'AWS::SNS::Topic': { TopicName: 'TopicName' },
};

/** The property a `Ref` returns inside a string, where that is a name the template can fix. */
export const REF_NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::CodeCommit::Repository': 'RepositoryName',
  'AWS::CloudTrail::Trail': 'TrailName',
};

/** Types whose `Ref` returns the ARN. */
export const REF_IS_ARN = new Set([
  'AWS::SNS::Topic',
  'AWS::IAM::ManagedPolicy',
  'AWS::StepFunctions::StateMachine',
]);

export interface ArnParts {
  partition?: string;
  region?: string;
  account?: string;
}

interface ArnSpec {
  /** The name property the ARN is built from. */
  name: string;
  /** Parts the ARN needs besides the partition. */
  needs: ReadonlyArray<'region' | 'account'>;
  build(name: string, p: Required<ArnParts>, path: string): string;
}

const iam = (kind: string): ArnSpec => ({
  name: `${kind === 'instance-profile' ? 'InstanceProfile' : kind === 'policy' ? 'ManagedPolicy' : cap(kind)}Name`,
  needs: ['account'],
  build: (n, p, path) => `arn:${p.partition}:iam::${p.account}:${kind}${path}${n}`,
});
const regional =
  (service: string, resource: (n: string) => string) =>
  (name: string): ArnSpec => ({
    name,
    needs: ['region', 'account'],
    build: (n, p) => `arn:${p.partition}:${service}:${p.region}:${p.account}:${resource(n)}`,
  });

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** How the ARN of a type follows from its name property. */
export const ARNS: Readonly<Record<string, ArnSpec>> = {
  'AWS::S3::Bucket': { name: 'BucketName', needs: [], build: (n, p) => `arn:${p.partition}:s3:::${n}` },
  'AWS::IAM::Role': iam('role'),
  'AWS::IAM::User': iam('user'),
  'AWS::IAM::Group': iam('group'),
  'AWS::IAM::ManagedPolicy': iam('policy'),
  'AWS::IAM::InstanceProfile': iam('instance-profile'),
  'AWS::Lambda::Function': regional('lambda', (n) => `function:${n}`)('FunctionName'),
  'AWS::SQS::Queue': regional('sqs', (n) => n)('QueueName'),
  'AWS::SNS::Topic': regional('sns', (n) => n)('TopicName'),
  'AWS::DynamoDB::Table': regional('dynamodb', (n) => `table/${n}`)('TableName'),
  'AWS::Logs::LogGroup': regional('logs', (n) => `log-group:${n}`)('LogGroupName'),
  'AWS::Kinesis::Stream': regional('kinesis', (n) => `stream/${n}`)('Name'),
  'AWS::ECR::Repository': regional('ecr', (n) => `repository/${n}`)('RepositoryName'),
  'AWS::ECS::Cluster': regional('ecs', (n) => `cluster/${n}`)('ClusterName'),
  'AWS::StepFunctions::StateMachine': regional('states', (n) => `stateMachine:${n}`)('StateMachineName'),
  'AWS::Events::Rule': regional('events', (n) => `rule/${n}`)('Name'),
  'AWS::SSM::Parameter': regional('ssm', (n) => `parameter${n.startsWith('/') ? '' : '/'}${n}`)('Name'),
};

/** Attribute names that return the ARN. */
const ARN_ATTRIBUTES = new Set(['Arn', 'TopicArn']);

export function isArnAttribute(type: string, attribute: string): boolean {
  return ARN_ATTRIBUTES.has(attribute) && type in ARNS;
}

/**
 * The ARN from a resolved name, or the reason it cannot be built. IAM paths default to `/`.
 * ARN formats: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export function buildArn(
  type: string,
  props: Record<string, unknown>,
  parts: ArnParts,
): { arn: string } | { reason: string } {
  const spec = ARNS[type];
  if (!spec) return { reason: `the ARN of ${type} is assigned at deploy` };
  const name = props[spec.name];
  if (typeof name !== 'string')
    return { reason: `no literal ${spec.name}, so the name is generated at deploy` };
  if (!parts.partition) return { reason: 'the partition is not known (pass --region)' };
  if (spec.needs.includes('region') && !parts.region)
    return { reason: 'the region is not known (pass --region)' };
  if (spec.needs.includes('account') && !parts.account)
    return { reason: 'the account is not known (pass --account)' };
  const path = typeof props.Path === 'string' ? props.Path : '/';
  return {
    arn: spec.build(
      name,
      { partition: parts.partition, region: parts.region ?? '', account: parts.account ?? '' },
      path,
    ),
  };
}

/** The service's own name property of a type, for `Resource.name` when there is no Name tag. */
const NAME_PROPERTIES = [
  'BucketName',
  'RoleName',
  'UserName',
  'GroupName',
  'ManagedPolicyName',
  'PolicyName',
  'InstanceProfileName',
  'FunctionName',
  'TableName',
  'DBInstanceIdentifier',
  'DBClusterIdentifier',
  'QueueName',
  'TopicName',
  'LogGroupName',
  'ClusterName',
  'ServiceName',
  'RepositoryName',
  'StateMachineName',
  'AlarmName',
  'TrailName',
  'AliasName',
  'DomainName',
  'Name',
];

export function naturalName(props: Record<string, unknown>): string | undefined {
  for (const key of NAME_PROPERTIES) {
    const value = props[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** Types whose resources are global rather than regional. */
const GLOBAL_PREFIXES = [
  'AWS::IAM::',
  'AWS::CloudFront::',
  'AWS::Route53::',
  'AWS::Organizations::',
  'AWS::GlobalAccelerator::',
  'AWS::WAF::',
];

export function isGlobalType(type: string): boolean {
  return GLOBAL_PREFIXES.some((p) => type.startsWith(p));
}
