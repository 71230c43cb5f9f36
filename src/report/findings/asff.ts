/**
 * `scan --format asff`: findings in the AWS Security Finding Format, as a JSON array ready for
 * Security Hub's BatchImportFindings (100 findings per call).
 * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 *
 * The zod schema below encodes the required attributes and the length limits of the API
 * reference; texts longer than a limit are cut with an ellipsis. Security Hub needs a real account
 * and region for every finding, so findings from templates need `--account` and `--region`.
 */
import { z } from 'zod';
import { GLOBAL_REGION, InputError, UNKNOWN_REGION } from '../../model/index.js';
import type { Finding, Severity, Status } from '../../engine/index.js';
import { findingKey, findingHash, partitionOf, requirementName, standardOf, truncate } from './identity.js';
import type { FindingsReport } from './summary.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';

/** Limits from the AwsSecurityFinding API reference. */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  recommendationText: 512,
  resources: 32,
  relatedRequirements: 32,
  productFields: 50,
  // ProductFields keys and values are "fewer than" 128 and 2,048 characters.
  productFieldKey: 127,
  productFieldValue: 2047,
  /** Our bound, not Security Hub's: an ARN is far shorter. */
  resourceId: 512,
} as const;

/** `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `cn-north-1`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const nonBlank = (max?: number) => {
  const s = z.string().regex(/\S/, 'must not be blank');
  return max === undefined ? s : s.max(max);
};

/**
 * Timestamps Security Hub accepts: RFC 3339 with a `Z` or numeric offset, at most nine digits of
 * fractional seconds. https://docs.aws.amazon.com/securityhub/1.0/APIReference/Welcome.html#timestamps
 */
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)$/, 'not an ASFF timestamp');

/** `namespace/category/classifier`; the namespace is one of the five of the type taxonomy. */
const findingType = z
  .string()
  .regex(
    /^(Software and Configuration Checks|TTPs|Effects|Unusual Behaviors|Sensitive Data Identifications)(\/[^/]+){0,2}$/,
    'not a namespace/category/classifier finding type',
  );

export const asffResourceSchema = z.strictObject({
  Type: nonBlank(256),
  Id: nonBlank(ASFF_LIMITS.resourceId),
  Partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']),
  Region: z.string().regex(REGION, 'not an AWS region name'),
});

/** One AwsSecurityFinding as this tool writes it (a subset of the optional attributes). */
export const asffFindingSchema = z.strictObject({
  SchemaVersion: z.literal(ASFF_SCHEMA_VERSION),
  Id: nonBlank(ASFF_LIMITS.id),
  ProductArn: z
    .string()
    .regex(/^arn:aws(-cn|-us-gov)?:securityhub:[a-z0-9-]+:\d{12}:product\/\d{12}\/default$/),
  ProductName: nonBlank().optional(),
  CompanyName: nonBlank().optional(),
  GeneratorId: nonBlank(ASFF_LIMITS.generatorId),
  AwsAccountId: z.string().regex(/^\d{12}$/),
  Types: z.array(findingType).min(1),
  CreatedAt: timestamp,
  UpdatedAt: timestamp,
  Severity: z.strictObject({
    Label: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
    Original: nonBlank().optional(),
  }),
  Title: nonBlank(ASFF_LIMITS.title),
  Description: nonBlank(ASFF_LIMITS.description),
  Remediation: z
    .strictObject({
      Recommendation: z.strictObject({
        Text: nonBlank(ASFF_LIMITS.recommendationText).optional(),
        Url: z.url().optional(),
      }),
    })
    .optional(),
  ProductFields: z
    .record(z.string().min(1).max(ASFF_LIMITS.productFieldKey), z.string().max(ASFF_LIMITS.productFieldValue))
    .refine((f) => Object.keys(f).length <= ASFF_LIMITS.productFields, 'too many product fields')
    .optional(),
  Resources: z.array(asffResourceSchema).min(1).max(ASFF_LIMITS.resources),
  Compliance: z
    .strictObject({
      Status: z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']),
      RelatedRequirements: z.array(nonBlank()).max(ASFF_LIMITS.relatedRequirements).optional(),
    })
    .optional(),
  Workflow: z.strictObject({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }).optional(),
  RecordState: z.enum(['ACTIVE', 'ARCHIVED']).optional(),
});

/** The whole output: an array of findings. */
export const asffDocumentSchema = z.array(asffFindingSchema);

export type AsffFinding = z.output<typeof asffFindingSchema>;

export interface AsffOptions {
  /**
   * Region for findings on global resources (IAM, Organizations) and the Security Hub region of
   * the product ARN for them; `us-east-1`, where AWS records global service events, by default.
   */
  globalRegion?: string;
}

const LABEL: Record<Severity, AsffFinding['Severity']['Label']> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};

/**
 * Compliance status per result. NOT_AVAILABLE is Security Hub's status for a check that does not
 * apply; WARNING for one that could not be completed because information is missing.
 */
const COMPLIANCE: Record<Status, NonNullable<AsffFinding['Compliance']>['Status']> = {
  pass: 'PASSED',
  fail: 'FAILED',
  error: 'WARNING',
  not_applicable: 'NOT_AVAILABLE',
};

/**
 * ASFF resource type names for CloudFormation types (and the model-only types); anything else is
 * `Other`, which Security Hub accepts for any resource.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resources.html
 */
const RESOURCE_TYPES: Record<string, string> = {
  'AWS::ApiGateway::RestApi': 'AwsApiGatewayRestApi',
  'AWS::ApiGateway::Stage': 'AwsApiGatewayStage',
  'AWS::ApiGatewayV2::Api': 'AwsApiGatewayV2Api',
  'AWS::ApiGatewayV2::Stage': 'AwsApiGatewayV2Stage',
  'AWS::AutoScaling::AutoScalingGroup': 'AwsAutoScalingAutoScalingGroup',
  'AWS::AutoScaling::LaunchConfiguration': 'AwsAutoScalingLaunchConfiguration',
  'AWS::Backup::BackupPlan': 'AwsBackupBackupPlan',
  'AWS::Backup::BackupVault': 'AwsBackupBackupVault',
  'AWS::CertificateManager::Certificate': 'AwsCertificateManagerCertificate',
  'AWS::CloudFormation::Stack': 'AwsCloudFormationStack',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::CloudWatch::Alarm': 'AwsCloudWatchAlarm',
  'AWS::CodeBuild::Project': 'AwsCodeBuildProject',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::EC2::EIP': 'AwsEc2Eip',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::LaunchTemplate': 'AwsEc2LaunchTemplate',
  'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EC2::NetworkInterface': 'AwsEc2NetworkInterface',
  'AWS::EC2::RouteTable': 'AwsEc2RouteTable',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::Subnet': 'AwsEc2Subnet',
  'AWS::EC2::TransitGateway': 'AwsEc2TransitGateway',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::EC2::VPCEndpointService': 'AwsEc2VpcEndpointService',
  'AWS::EC2::VPCPeeringConnection': 'AwsEc2VpcPeeringConnection',
  'AWS::EC2::VPNConnection': 'AwsEc2VpnConnection',
  'AWS::ECR::Repository': 'AwsEcrRepository',
  'AWS::ECS::Cluster': 'AwsEcsCluster',
  'AWS::ECS::Service': 'AwsEcsService',
  'AWS::ECS::TaskDefinition': 'AwsEcsTaskDefinition',
  'AWS::EFS::AccessPoint': 'AwsEfsAccessPoint',
  'AWS::EKS::Cluster': 'AwsEksCluster',
  'AWS::ElasticBeanstalk::Environment': 'AwsElasticBeanstalkEnvironment',
  'AWS::Elasticsearch::Domain': 'AwsElasticsearchDomain',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'AwsElbLoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'AwsElbv2LoadBalancer',
  'AWS::IAM::AccessKey': 'AwsIamAccessKey',
  'AWS::IAM::Group': 'AwsIamGroup',
  'AWS::IAM::ManagedPolicy': 'AwsIamPolicy',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::AccountPasswordPolicy': 'AwsAccount',
  'AWS::IAM::RootAccount': 'AwsAccount',
  'AWS::Kinesis::Stream': 'AwsKinesisStream',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::NetworkFirewall::Firewall': 'AwsNetworkFirewallFirewall',
  'AWS::OpenSearchService::Domain': 'AwsOpenSearchServiceDomain',
  'AWS::RDS::DBCluster': 'AwsRdsDbCluster',
  'AWS::RDS::DBClusterSnapshot': 'AwsRdsDbClusterSnapshot',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::RDS::DBSnapshot': 'AwsRdsDbSnapshot',
  'AWS::Redshift::Cluster': 'AwsRedshiftCluster',
  'AWS::Route53::HostedZone': 'AwsRoute53HostedZone',
  'AWS::S3::AccountPublicAccessBlock': 'AwsS3AccountPublicAccessBlock',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::SageMaker::NotebookInstance': 'AwsSageMakerNotebookInstance',
  'AWS::SecretsManager::Secret': 'AwsSecretsManagerSecret',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::StepFunctions::StateMachine': 'AwsStepFunctionStateMachine',
  'AWS::WAFv2::WebACL': 'AwsWafv2WebAcl',
};

/** The ASFF resource type for a CloudFormation type. */
export function asffResourceType(cfnType: string): string {
  return RESOURCE_TYPES[cfnType] ?? 'Other';
}

const BEST_PRACTICES = 'Software and Configuration Checks/AWS Security Best Practices';
const STANDARDS = 'Software and Configuration Checks/Industry and Regulatory Standards';

function types(f: Finding): string[] {
  const out = new Set<string>();
  for (const control of f.controls) out.add(`${STANDARDS}/${standardOf(control).asffClassifier}`);
  if (out.size === 0) out.add(BEST_PRACTICES);
  return [...out];
}

interface Placed {
  account: string;
  region: string;
}

/** Account and region Security Hub will file the finding under, or why there are none. */
function place(f: Finding, globalRegion: string): Placed | string {
  const { account } = f.resource;
  let { region } = f.resource;
  if (!/^\d{12}$/.test(account)) return `account '${account}' is not a 12-digit account id`;
  if (region === GLOBAL_REGION) region = globalRegion;
  if (region === UNKNOWN_REGION || !REGION.test(region)) {
    return `region '${f.resource.region}' is not an AWS region`;
  }
  return { account, region };
}

function productFields(f: Finding, report: FindingsReport): Record<string, string> {
  const r = f.resource;
  const fields: Record<string, string | undefined> = {
    // The names Security Hub shows for findings of custom integrations.
    ProviderName: report.tool.name,
    ProviderVersion: report.tool.version,
    'cloudrounds/RuleId': f.ruleId,
    'cloudrounds/Status': f.status,
    'cloudrounds/Category': f.category,
    'cloudrounds/Severity': f.severity,
    'cloudrounds/ResourceType': r.type,
    'cloudrounds/ResourceId': r.id,
    'cloudrounds/LogicalId': r.logicalId,
    'cloudrounds/File': r.file,
    'cloudrounds/Line': r.line === undefined ? undefined : String(r.line),
    'cloudrounds/SuppressionReason': f.suppressed?.reason,
    'cloudrounds/SuppressedUntil': f.suppressed?.expires,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v) out[k] = truncate(v, ASFF_LIMITS.productFieldValue);
  return out;
}

interface Context {
  report: FindingsReport;
  /** Rule id -> the first https reference of the rule, for `Remediation.Recommendation.Url`. */
  urls: Map<string, string>;
  /** What findings of one rule share, computed once per rule. */
  parts: Map<string, RuleParts>;
}

interface RuleParts {
  generatorId: string;
  types: string[];
  title: string;
  recommendation: NonNullable<AsffFinding['Remediation']>['Recommendation'];
  requirements: string[];
}

function ruleParts(f: Finding, { report, urls, parts }: Context): RuleParts {
  let out = parts.get(f.ruleId);
  if (out) return out;
  const url = urls.get(f.ruleId);
  out = {
    generatorId: truncate(`${report.tool.name}/${f.ruleId}`, ASFF_LIMITS.generatorId),
    types: types(f),
    title: truncate(f.title, ASFF_LIMITS.title),
    recommendation: {
      Text: truncate(f.remediation.text, ASFF_LIMITS.recommendationText),
      ...(url && { Url: url }),
    },
    requirements: f.controls.map(requirementName).slice(0, ASFF_LIMITS.relatedRequirements),
  };
  parts.set(f.ruleId, out);
  return out;
}

function asffFinding(f: Finding, where: Placed, context: Context): AsffFinding {
  const { report } = context;
  const r = f.resource;
  const partition = partitionOf(where.region, r.arn);
  const key = findingKey(f);
  const failing = f.status === 'fail';
  const { generatorId, types, title, recommendation, requirements } = ruleParts(f, context);
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    // Readable while it fits; otherwise the hash, which stays unique and stable.
    Id: key.length <= ASFF_LIMITS.id ? key : `${f.ruleId}/${findingHash(f)}`,
    // Each account imports into its own default product: no partner integration is needed.
    ProductArn: `arn:${partition}:securityhub:${where.region}:${where.account}:product/${where.account}/default`,
    ProductName: report.tool.name,
    CompanyName: report.tool.name,
    GeneratorId: generatorId,
    AwsAccountId: where.account,
    Types: types,
    CreatedAt: report.generatedAt,
    UpdatedAt: report.generatedAt,
    // Security Hub's convention for its own controls: a finding that is not a failure is informational.
    Severity: { Label: failing ? LABEL[f.severity] : 'INFORMATIONAL', Original: f.severity },
    Title: title,
    Description: truncate(f.reason, ASFF_LIMITS.description),
    Remediation: { Recommendation: recommendation },
    ProductFields: productFields(f, report),
    Resources: [
      {
        Type: asffResourceType(r.type),
        Id: truncate(r.arn ?? r.id, ASFF_LIMITS.resourceId),
        Partition: partition,
        Region: where.region,
      },
    ],
    Compliance: {
      Status: COMPLIANCE[f.status],
      ...(requirements.length > 0 && { RelatedRequirements: requirements }),
    },
    Workflow: {
      Status: f.suppressed ? 'SUPPRESSED' : failing || f.status === 'error' ? 'NEW' : 'RESOLVED',
    },
    RecordState: 'ACTIVE',
  };
}

/**
 * The findings as an ASFF JSON array. Every finding must map to a 12-digit account and a region:
 * when one does not (a template scanned without `--account` / `--region`), nothing is written and
 * an {@link InputError} says which findings and what to pass.
 */
export function renderFindingsAsff(report: FindingsReport, options: AsffOptions = {}): Iterable<string> {
  const globalRegion = options.globalRegion ?? 'us-east-1';
  const placed: Placed[] = [];
  const problems = new Map<string, number>();
  for (const f of report.findings) {
    const where = place(f, globalRegion);
    if (typeof where === 'string') problems.set(where, (problems.get(where) ?? 0) + 1);
    else placed.push(where);
  }
  if (problems.size > 0) {
    const list = [...problems].map(([why, n]) => `${n} finding(s): ${why}`).join('; ');
    throw new InputError(
      `ASFF needs the AWS account and region of every finding (${list}). Templates and plans do not say where they deploy: pass --account <12-digit id> and --region <region>.`,
    );
  }
  const urls = new Map<string, string>();
  for (const rule of report.rules) {
    const url = rule.references?.find((u) => /^https:\/\//.test(u));
    if (url) urls.set(rule.id, url);
  }
  const context: Context = { report, urls, parts: new Map() };
  return (function* () {
    yield '[';
    for (let i = 0; i < report.findings.length; i++) {
      yield (i ? ',\n' : '\n') + JSON.stringify(asffFinding(report.findings[i]!, placed[i]!, context));
    }
    yield '\n]\n';
  })();
}
