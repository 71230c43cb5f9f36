import {
  ACCOUNTS,
  DEV,
  DR,
  MANAGEMENT,
  PROD,
  SECURITY,
  at,
  globalIn,
  type DemoAccount,
  type OrganizationRefs,
} from './accounts.js';
import { arnOf, policyDocument, type Inventory, type Place, type Spec } from './builder.js';
import type { ComputeRefs } from './compute.js';
import {
  IMAGES_DISTRIBUTION_ID,
  ASSETS_DISTRIBUTION_ID,
  LOG_ARCHIVE_BUCKET,
  PIPELINE_BUCKET,
  type DataRefs,
} from './data.js';
import { ec2Id } from './ec2.js';
import { roleArn } from './iam.js';
import { daysAgo, hexOf, upperId, uuidOf } from './ids.js';

/*
 * What the engineer looks at every morning and what keeps the audit trail: SNS topics, CloudWatch
 * alarms, CloudTrail, GuardDuty, EventBridge forwarding, CodePipeline, Route 53, CloudFront and
 * AWS Backup. Alarm state, pipeline executions and health-check status are runtime facts.
 */

type Mark = Pick<Spec, 'problem' | 'twin' | 'tags'>;

function topic(inv: Inventory, place: Place, name: string, email: string): string {
  const arn = arnOf('sns', place, name);
  inv.add(place, {
    type: 'AWS::SNS::Topic',
    id: arn,
    arn,
    name,
    props: {
      TopicName: name,
      KmsMasterKeyId: 'alias/aws/sns',
      Subscription: [{ Protocol: 'email', Endpoint: email }],
    },
  });
  return arn;
}

interface AlarmOptions extends Mark {
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  statistic: 'Average' | 'Sum' | 'Maximum' | 'Minimum';
  period: number;
  evaluationPeriods: number;
  threshold: number;
  comparison: 'GreaterThanThreshold' | 'LessThanThreshold' | 'GreaterThanOrEqualToThreshold';
  actions: string[];
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  stateReason: string;
  stateSinceDays: number;
  description: string;
}

function alarm(inv: Inventory, place: Place, name: string, o: AlarmOptions): void {
  inv.add(place, {
    type: 'AWS::CloudWatch::Alarm',
    id: name,
    arn: arnOf('cloudwatch', place, `alarm:${name}`),
    name,
    props: {
      AlarmName: name,
      AlarmDescription: o.description,
      Namespace: o.namespace,
      MetricName: o.metric,
      Dimensions: Object.entries(o.dimensions).map(([Name, Value]) => ({ Name, Value })),
      Statistic: o.statistic,
      Period: o.period,
      EvaluationPeriods: o.evaluationPeriods,
      Threshold: o.threshold,
      ComparisonOperator: o.comparison,
      ActionsEnabled: true,
      AlarmActions: o.actions,
      TreatMissingData: 'missing',
    },
    observed: {
      StateValue: o.state,
      StateReason: o.stateReason,
      StateUpdatedTimestamp: daysAgo(o.stateSinceDays),
    },
    problem: o.problem,
    twin: o.twin,
  });
}

/** The `LoadBalancer` / `TargetGroup` dimension value: the ARN after `loadbalancer/` or the account's `:`. */
function elbDimension(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.startsWith('loadbalancer/') ? resource.slice('loadbalancer/'.length) : resource;
}

function addAlarms(inv: Inventory, compute: ComputeRefs): void {
  const prod = at(PROD);
  const opsAlerts = topic(inv, prod, 'ops-alerts', 'ops@companya.com');
  topic(inv, prod, 'rds-events', 'dba@companya.com');
  const i = compute.instances;

  alarm(inv, prod, 'prod-web-alb-5xx', {
    description: 'Web load balancer returns 5xx',
    namespace: 'AWS/ApplicationELB',
    metric: 'HTTPCode_ELB_5XX_Count',
    dimensions: { LoadBalancer: elbDimension(compute.loadBalancers.prodWeb) },
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 3,
    threshold: 50,
    comparison: 'GreaterThanThreshold',
    actions: [opsAlerts],
    state: 'OK',
    stateReason:
      'Threshold Crossed: 3 datapoints [2.0 (22/11/26 05:50:00), 0.0 (22/11/26 05:45:00), 1.0 (22/11/26 05:40:00)] were not greater than the threshold (50.0).',
    stateSinceDays: 6,
    twin: 'cloudwatch-alarm-firing',
  });
  alarm(inv, prod, 'prod-api-unhealthy-hosts', {
    description: 'API target group has unhealthy targets',
    namespace: 'AWS/ApplicationELB',
    metric: 'UnHealthyHostCount',
    dimensions: {
      TargetGroup: elbDimension(compute.targetGroups.prodApi),
      LoadBalancer: elbDimension(compute.loadBalancers.prodApi),
    },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 5,
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    actions: [opsAlerts],
    state: 'ALARM',
    stateReason:
      'Threshold Crossed: 5 datapoints [1.0, 1.0, 1.0, 1.0, 1.0] were greater than the threshold (0.0).',
    stateSinceDays: 20,
    problem: 'cloudwatch-alarm-firing',
  });
  alarm(inv, prod, 'social-feed-read-throttles', {
    description: 'social-feed throttles reads',
    namespace: 'AWS/DynamoDB',
    metric: 'ReadThrottleEvents',
    dimensions: { TableName: 'social-feed' },
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    actions: [opsAlerts],
    state: 'ALARM',
    stateReason:
      'Threshold Crossed: 1 datapoint [412.0 (22/11/26 05:55:00)] was greater than the threshold (0.0).',
    stateSinceDays: 0.1,
    problem: 'cloudwatch-alarm-firing',
  });
  alarm(inv, prod, 'prod-orders-mysql-cpu-high', {
    description: 'Orders database CPU',
    namespace: 'AWS/RDS',
    metric: 'CPUUtilization',
    dimensions: { DBInstanceIdentifier: 'prod-orders-mysql' },
    statistic: 'Average',
    period: 300,
    evaluationPeriods: 3,
    threshold: 80,
    comparison: 'GreaterThanThreshold',
    actions: [opsAlerts],
    state: 'OK',
    stateReason: 'Threshold Crossed: 3 datapoints were not greater than the threshold (80.0).',
    stateSinceDays: 3,
  });
  // The notebook's impaired-instance alarm: recover the instance when the system check fails.
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/UsingAlarmActions.html
  alarm(inv, prod, 'prod-bastion-status-check', {
    description: 'Recover the bastion when the system status check fails',
    namespace: 'AWS/EC2',
    metric: 'StatusCheckFailed_System',
    dimensions: { InstanceId: i.prodBastion!.id },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 2,
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    actions: ['arn:aws:automate:us-east-1:ec2:recover', opsAlerts],
    state: 'OK',
    stateReason: 'Threshold Crossed: 2 datapoints [0.0, 0.0] were not greater than the threshold (0.0).',
    stateSinceDays: 30,
    twin: 'cloudwatch-alarm-insufficient-data',
  });
  // Watches an instance terminated 45 days ago: no data since.
  alarm(inv, prod, 'legacy-worker-status-check', {
    description: 'Recover the legacy worker when the system status check fails',
    namespace: 'AWS/EC2',
    metric: 'StatusCheckFailed_System',
    dimensions: { InstanceId: TERMINATED_INSTANCE_ID },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 2,
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    actions: ['arn:aws:automate:us-east-1:ec2:recover', opsAlerts],
    state: 'INSUFFICIENT_DATA',
    stateReason: 'Insufficient Data: 2 datapoints were unknown.',
    stateSinceDays: 45,
    problem: 'cloudwatch-alarm-insufficient-data',
  });

  // The notebook's cost saver: stop an instance whose average CPU stays low.
  const dev = at(DEV);
  alarm(inv, dev, 'dev-ci-runner-idle-stop', {
    description: 'Stop the CI runner after an hour below 5 % CPU',
    namespace: 'AWS/EC2',
    metric: 'CPUUtilization',
    dimensions: { InstanceId: i.devCiRunner!.id },
    statistic: 'Average',
    period: 300,
    evaluationPeriods: 12,
    threshold: 5,
    comparison: 'LessThanThreshold',
    actions: ['arn:aws:automate:us-east-1:ec2:stop'],
    state: 'OK',
    stateReason: 'Threshold Crossed: 12 datapoints were not less than the threshold (5.0).',
    stateSinceDays: 0.4,
  });

  // Billing alarms live in us-east-1 of the paying account.
  const management = at(MANAGEMENT);
  const billing = topic(inv, management, 'billing-alerts', 'finance@companya.com');
  alarm(inv, management, 'monthly-spend-over-budget', {
    description: 'Estimated charges above the monthly budget',
    namespace: 'AWS/Billing',
    metric: 'EstimatedCharges',
    dimensions: { Currency: 'USD' },
    statistic: 'Maximum',
    period: 21600,
    evaluationPeriods: 1,
    threshold: 12000,
    comparison: 'GreaterThanThreshold',
    actions: [billing],
    state: 'OK',
    stateReason: 'Threshold Crossed: 1 datapoint [8412.37] was not greater than the threshold (12000.0).',
    stateSinceDays: 21,
  });
}

/** The instance the stale status-check alarm still names; it was terminated, so it is not in the snapshot. */
export const TERMINATED_INSTANCE_ID = ec2Id('i', at(PROD), 'legacy-worker-2019');

function trail(
  inv: Inventory,
  account: DemoAccount,
  name: string,
  props: Record<string, unknown>,
  mark: Mark = {},
): void {
  const place = at(account);
  inv.add(place, {
    type: 'AWS::CloudTrail::Trail',
    id: name,
    arn: arnOf('cloudtrail', place, `trail/${name}`),
    name,
    props: {
      TrailName: name,
      S3BucketName: LOG_ARCHIVE_BUCKET,
      IsLogging: true,
      IncludeGlobalServiceEvents: true,
      ...props,
    },
    observed: { HomeRegion: place.region, LatestDeliveryTime: daysAgo(0.01), LatestDeliveryError: null },
    ...mark,
  });
}

function addTrails(inv: Inventory, data: DataRefs): void {
  const management = at(MANAGEMENT);
  const logGroup = 'aws-cloudtrail-logs-org';
  inv.add(management, {
    type: 'AWS::Logs::LogGroup',
    id: logGroup,
    arn: arnOf('logs', management, `log-group:${logGroup}`),
    name: logGroup,
    props: { LogGroupName: logGroup, RetentionInDays: 365 },
  });
  trail(
    inv,
    MANAGEMENT,
    'org-trail',
    {
      IsMultiRegionTrail: true,
      IsOrganizationTrail: true,
      EnableLogFileValidation: true,
      KMSKeyId: data.keys.logArchive.arn,
      CloudWatchLogsLogGroupArn: arnOf('logs', management, `log-group:${logGroup}:*`),
      CloudWatchLogsRoleArn: roleArn(MANAGEMENT, 'cloudtrail-to-cloudwatch-logs'),
    },
    { twin: ['cloudtrail-not-multi-region', 'cloudtrail-log-file-validation-disabled'] },
  );
  trail(
    inv,
    DEV,
    'dev-trail',
    { S3KeyPrefix: 'dev', IsMultiRegionTrail: false, EnableLogFileValidation: true },
    { problem: 'cloudtrail-not-multi-region' },
  );
  // Object-level logging of the critical buckets, but without digest files.
  trail(
    inv,
    PROD,
    'prod-data-events-trail',
    {
      S3KeyPrefix: 'prod-data-events',
      IsMultiRegionTrail: true,
      EnableLogFileValidation: false,
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: false,
          DataResources: [
            {
              Type: 'AWS::S3::Object',
              Values: ['arn:aws:s3:::companya-critical-docs/', 'arn:aws:s3:::companya-prod-contracts/'],
            },
          ],
        },
      ],
    },
    { problem: 'cloudtrail-log-file-validation-disabled' },
  );
}

function addPipelines(inv: Inventory): void {
  const prod = at(PROD);
  const connection = arnOf('codestar-connections', prod, `connection/${uuidOf('github-companya')}`);
  inv.add(prod, {
    type: 'AWS::CodeStarConnections::Connection',
    id: connection,
    arn: connection,
    name: 'github-companya',
    props: { ConnectionName: 'github-companya', ProviderType: 'GitHub' },
    observed: { ConnectionStatus: 'AVAILABLE' },
  });
  inv.add(prod, {
    type: 'AWS::CodeBuild::Project',
    id: 'orders-worker-build',
    arn: arnOf('codebuild', prod, 'project/orders-worker-build'),
    name: 'orders-worker-build',
    props: {
      Name: 'orders-worker-build',
      ServiceRole: roleArn(PROD, 'codebuild-orders'),
      Source: { Type: 'CODEPIPELINE', BuildSpec: 'buildspec.yml' },
      Artifacts: { Type: 'CODEPIPELINE' },
      Environment: {
        Type: 'LINUX_CONTAINER',
        ComputeType: 'BUILD_GENERAL1_SMALL',
        Image: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0',
        PrivilegedMode: true,
      },
      TimeoutInMinutes: 30,
    },
  });
  const source = (repository: string) => ({
    Name: 'Source',
    Actions: [
      {
        Name: 'Checkout',
        ActionTypeId: {
          Category: 'Source',
          Owner: 'AWS',
          Provider: 'CodeStarSourceConnection',
          Version: '1',
        },
        Configuration: {
          ConnectionArn: connection,
          FullRepositoryId: repository,
          BranchName: 'main',
          OutputArtifactFormat: 'CODE_ZIP',
        },
        OutputArtifacts: [{ Name: 'SourceOutput' }],
        RunOrder: 1,
      },
    ],
  });
  const pipeline = (
    name: string,
    stages: Array<Record<string, unknown>>,
    observed: Record<string, unknown>,
    mark: Mark,
  ) =>
    inv.add(prod, {
      type: 'AWS::CodePipeline::Pipeline',
      id: name,
      arn: arnOf('codepipeline', prod, name),
      name,
      props: {
        Name: name,
        PipelineType: 'V2',
        RoleArn: roleArn(PROD, 'codepipeline-orders'),
        ArtifactStore: { Type: 'S3', Location: PIPELINE_BUCKET },
        Stages: stages,
      },
      observed,
      ...mark,
    });
  const status = (stage: string, state: string, action: string, extra: Record<string, unknown> = {}) => ({
    StageName: stage,
    LatestExecution: { Status: state },
    ActionStates: [
      { ActionName: action, LatestExecution: { Status: state, LastStatusChange: daysAgo(0.3), ...extra } },
    ],
  });
  // GetPipelineState as it looked this morning: Build pushed 1.43.0-rc1, the deploy asked for 1.43.0.
  pipeline(
    'orders-service-pipeline',
    [
      source('companya/orders-worker'),
      {
        Name: 'Build',
        Actions: [
          {
            Name: 'BuildImage',
            ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
            Configuration: { ProjectName: 'orders-worker-build' },
            InputArtifacts: [{ Name: 'SourceOutput' }],
            OutputArtifacts: [{ Name: 'BuildOutput' }],
            RunOrder: 1,
          },
        ],
      },
      {
        Name: 'Deploy',
        Actions: [
          {
            Name: 'DeployToECS',
            ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'ECS', Version: '1' },
            Configuration: {
              ClusterName: 'prod-apps',
              ServiceName: 'orders-worker',
              FileName: 'imagedefinitions.json',
            },
            InputArtifacts: [{ Name: 'BuildOutput' }],
            RunOrder: 1,
          },
        ],
      },
    ],
    {
      LatestExecution: {
        PipelineExecutionId: uuidOf('orders-service-pipeline/exec-118'),
        Status: 'Failed',
        StartTime: daysAgo(0.4),
        LastUpdateTime: daysAgo(0.25),
        Trigger: {
          TriggerType: 'CodeStarSourceConnection',
          TriggerDetail: 'companya/orders-worker@main 9c41e2f',
        },
      },
      StageStates: [
        status('Source', 'Succeeded', 'Checkout', { Summary: 'Bump orders-worker to 1.43.0' }),
        status('Build', 'Succeeded', 'BuildImage'),
        status('Deploy', 'Failed', 'DeployToECS', {
          ErrorDetails: {
            Code: 'JobFailed',
            Message:
              'Deployment of ECS service orders-worker failed: ECS deployment circuit breaker: tasks failed to start. CannotPullContainerError: orders-worker:1.43.0: not found',
          },
        }),
      ],
    },
    { problem: 'codepipeline-latest-execution-failed' },
  );
  pipeline(
    'website-pipeline',
    [
      source('companya/website'),
      {
        Name: 'Deploy',
        Actions: [
          {
            Name: 'PublishSite',
            ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'S3', Version: '1' },
            Configuration: { BucketName: 'companya.com', Extract: 'true' },
            InputArtifacts: [{ Name: 'SourceOutput' }],
            RunOrder: 1,
          },
        ],
      },
    ],
    {
      LatestExecution: {
        PipelineExecutionId: uuidOf('website-pipeline/exec-57'),
        Status: 'Succeeded',
        StartTime: daysAgo(2),
        LastUpdateTime: daysAgo(1.98),
      },
      StageStates: [status('Source', 'Succeeded', 'Checkout'), status('Deploy', 'Succeeded', 'PublishSite')],
    },
    { twin: 'codepipeline-latest-execution-failed' },
  );
}

/** Fixed hosted zone ids AWS uses for alias targets. */
const S3_WEBSITE_US_EAST_1 = {
  DNSName: 's3-website-us-east-1.amazonaws.com.',
  HostedZoneId: 'Z3AQBSTGFYJSTF',
};
const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';

function addDns(inv: Inventory, certificateArn: string): void {
  const dns = globalIn(PROD);
  const zoneId = upperId('Z', 'companya.com', 13);
  inv.add(dns, {
    type: 'AWS::Route53::HostedZone',
    id: zoneId,
    arn: `arn:aws:route53:::hostedzone/${zoneId}`,
    name: 'companya.com.',
    props: { Name: 'companya.com.', HostedZoneConfig: { Comment: 'Public zone of companya.com' } },
    observed: { ResourceRecordSetCount: 14, PrivateZone: false },
  });
  const record = (name: string, props: Record<string, unknown>, mark: Mark = {}) => {
    const setId = typeof props.SetIdentifier === 'string' ? `/${props.SetIdentifier}` : '';
    inv.add(dns, {
      type: 'AWS::Route53::RecordSet',
      id: `${zoneId}/${name}/A${setId}`,
      name: `${name}${setId ? ` (${String(props.SetIdentifier)})` : ''}`,
      props: { HostedZoneId: zoneId, Name: name, Type: 'A', ...props },
      ...mark,
    });
  };
  const s3Website = { AliasTarget: { ...S3_WEBSITE_US_EAST_1, EvaluateTargetHealth: false } };
  // An S3 website endpoint serves the bucket named like the request's host: companya.com → bucket companya.com.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/website-hosting-custom-domain-walkthrough.html
  record('companya.com.', s3Website, { twin: 's3-website-bucket-name-mismatch' });
  record('www.companya.com.', s3Website);
  record('blog.companya.com.', s3Website, { problem: 's3-website-bucket-name-mismatch' });

  const healthCheck = uuidOf('shop-onprem-health');
  inv.add(dns, {
    type: 'AWS::Route53::HealthCheck',
    id: healthCheck,
    arn: `arn:aws:route53:::healthcheck/${healthCheck}`,
    name: 'shop-onprem',
    props: {
      HealthCheckConfig: {
        Type: 'HTTPS',
        IPAddress: '203.0.113.80',
        Port: 443,
        ResourcePath: '/health',
        FullyQualifiedDomainName: 'shop.companya.com',
        RequestInterval: 30,
        FailureThreshold: 3,
      },
      HealthCheckTags: [{ Key: 'Name', Value: 'shop-onprem' }],
    },
    observed: {
      Status: 'Healthy',
      HealthCheckObservations: ['us-east-1', 'eu-west-1', 'ap-southeast-1'].map((Region) => ({
        Region,
        IPAddress: '203.0.113.80',
        StatusReport: { Status: 'Success: HTTP Status Code 200, OK', CheckedTime: daysAgo(0.001) },
      })),
    },
  });
  // On-premises sites fail over to a static maintenance site in S3.
  record(
    'shop.companya.com.',
    {
      SetIdentifier: 'shop-onprem',
      Failover: 'PRIMARY',
      TTL: '60',
      ResourceRecords: ['203.0.113.80'],
      HealthCheckId: healthCheck,
    },
    { twin: 'route53-failover-without-health-check' },
  );
  record('shop.companya.com.', { SetIdentifier: 'shop-s3', Failover: 'SECONDARY', ...s3Website });
  record(
    'portal.companya.com.',
    { SetIdentifier: 'portal-onprem', Failover: 'PRIMARY', TTL: '60', ResourceRecords: ['203.0.113.81'] },
    { problem: 'route53-failover-without-health-check' },
  );
  record('portal.companya.com.', { SetIdentifier: 'portal-s3', Failover: 'SECONDARY', ...s3Website });

  // CloudFront in front of S3: with origin access control only the distribution can read the bucket.
  const oac = upperId('E', 'companya-assets-oac', 13);
  inv.add(dns, {
    type: 'AWS::CloudFront::OriginAccessControl',
    id: oac,
    name: 'companya-assets-oac',
    props: {
      OriginAccessControlConfig: {
        Name: 'companya-assets-oac',
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    },
  });
  const distribution = (
    id: string,
    host: string,
    bucket: string,
    origin: Record<string, unknown>,
    mark: Mark,
  ) => {
    inv.add(dns, {
      type: 'AWS::CloudFront::Distribution',
      id,
      arn: `arn:aws:cloudfront::${PROD.id}:distribution/${id}`,
      name: host,
      props: {
        DistributionConfig: {
          Enabled: true,
          Aliases: [host],
          Origins: [
            { Id: `${bucket}-origin`, DomainName: `${bucket}.s3.us-east-1.amazonaws.com`, ...origin },
          ],
          DefaultCacheBehavior: {
            TargetOriginId: `${bucket}-origin`,
            ViewerProtocolPolicy: 'redirect-to-https',
            // The managed CachingOptimized policy.
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          },
          HttpVersion: 'http2',
          PriceClass: 'PriceClass_100',
          ViewerCertificate: {
            AcmCertificateArn: certificateArn,
            SslSupportMethod: 'sni-only',
            MinimumProtocolVersion: 'TLSv1.2_2021',
          },
        },
      },
      observed: { Status: 'Deployed', DomainName: `d${hexOf(id, 13)}.cloudfront.net` },
      ...mark,
    });
    record(`${host}.`, {
      AliasTarget: {
        DNSName: `d${hexOf(id, 13)}.cloudfront.net.`,
        HostedZoneId: CLOUDFRONT_ZONE,
        EvaluateTargetHealth: false,
      },
    });
  };
  distribution(
    IMAGES_DISTRIBUTION_ID,
    'images.companya.com',
    'companya-images',
    { S3OriginConfig: { OriginAccessIdentity: '' } },
    {
      problem: 'cloudfront-s3-origin-without-oac',
    },
  );
  distribution(
    ASSETS_DISTRIBUTION_ID,
    'assets.companya.com',
    'companya-assets',
    { S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: oac },
    { twin: 'cloudfront-s3-origin-without-oac' },
  );
}

function addGuardDutyAndEvents(inv: Inventory, org: OrganizationRefs): void {
  const detector = (
    place: Place,
    enabled: boolean,
    findings: Array<Record<string, unknown>>,
    mark: Mark = {},
  ) => {
    const id = hexOf(`guardduty/${place.account}/${place.region}`, 32);
    inv.add(place, {
      type: 'AWS::GuardDuty::Detector',
      id,
      arn: arnOf('guardduty', place, `detector/${id}`),
      name: `guardduty ${place.region}`,
      props: { Enable: enabled, FindingPublishingFrequency: 'FIFTEEN_MINUTES' },
      observed: { Status: enabled ? 'ENABLED' : 'DISABLED', Findings: findings },
      ...mark,
    });
  };
  detector(at(MANAGEMENT), true, [
    {
      Type: 'Policy:IAMUser/RootCredentialUsage',
      Severity: 2,
      ResourceType: 'AccessKey',
      UpdatedAt: daysAgo(41),
    },
  ]);
  detector(at(SECURITY), true, []);
  detector(at(SECURITY, DR), true, []);
  detector(at(PROD), true, []);
  detector(at(PROD, DR), true, []);
  // The open bastion is being brute-forced by the scanner the prod NACL blocks.
  detector(
    at(DEV),
    true,
    [
      {
        Type: 'UnauthorizedAccess:EC2/SSHBruteForce',
        Severity: 5,
        ResourceType: 'Instance',
        ResourceId: ec2Id('i', at(DEV), 'dev-bastion'),
        RemoteIp: '192.0.2.66',
        Count: 1842,
        UpdatedAt: daysAgo(0.2),
      },
    ],
    { twin: 'guardduty-detector-disabled' },
  );
  detector(at(DEV, DR), false, [], { problem: 'guardduty-detector-disabled' });

  const security = at(SECURITY);
  const busArn = arnOf('events', security, 'event-bus/security-central');
  inv.add(security, {
    type: 'AWS::Events::EventBus',
    id: 'security-central',
    arn: busArn,
    name: 'security-central',
    props: {
      Name: 'security-central',
      Policy: policyDocument({
        Sid: 'OrganizationAccountsPutEvents',
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: busArn,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': org.orgId } },
      }),
    },
  });
  const findingsTopic = topic(inv, security, 'security-findings', 'security@companya.com');
  const pattern = {
    source: ['aws.guardduty', 'aws.securityhub'],
    'detail-type': ['GuardDuty Finding', 'Security Hub Findings - Imported'],
  };
  const rule = (account: DemoAccount, name: string, props: Record<string, unknown>) => {
    const place = at(account);
    inv.add(place, {
      type: 'AWS::Events::Rule',
      id: name,
      arn: arnOf(
        'events',
        place,
        name === 'notify-security-team' ? `rule/security-central/${name}` : `rule/${name}`,
      ),
      name,
      props: { Name: name, State: 'ENABLED', EventPattern: pattern, ...props },
    });
  };
  // Forwarding is per account (an OU cannot own a rule); dev was never set up.
  for (const account of ACCOUNTS.filter((a) => a !== DEV)) {
    rule(account, 'forward-security-findings', { Targets: [{ Id: 'security-central', Arn: busArn }] });
  }
  rule(SECURITY, 'notify-security-team', {
    EventBusName: 'security-central',
    Targets: [{ Id: 'security-team', Arn: findingsTopic }],
  });
}

function addBackup(inv: Inventory, data: DataRefs): void {
  const prod = at(PROD);
  const prodDr = at(PROD, DR);
  const vault = (place: Place, name: string, key: string): string => {
    const arn = arnOf('backup', place, `backup-vault:${name}`);
    inv.add(place, {
      type: 'AWS::Backup::BackupVault',
      id: name,
      arn,
      name,
      props: { BackupVaultName: name, EncryptionKeyArn: key },
      observed: { NumberOfRecoveryPoints: place.region === DR ? 35 : 71 },
    });
    return arn;
  };
  vault(prod, 'prod-vault', data.keys.prodData.arn);
  const drVault = vault(prodDr, 'prod-dr-vault', data.keys.prodDr.arn);
  const planId = uuidOf('backup-plan/prod-daily');
  inv.add(prod, {
    type: 'AWS::Backup::BackupPlan',
    id: planId,
    arn: arnOf('backup', prod, `backup-plan:${planId}`),
    name: 'prod-daily',
    props: {
      BackupPlan: {
        BackupPlanName: 'prod-daily',
        BackupPlanRule: [
          {
            RuleName: 'daily-35-days',
            TargetBackupVault: 'prod-vault',
            ScheduleExpression: 'cron(0 5 ? * * *)',
            StartWindowMinutes: 60,
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: drVault, Lifecycle: { DeleteAfterDays: 35 } }],
          },
        ],
      },
    },
    observed: { LastExecutionDate: daysAgo(0.2) },
  });
  const selectionId = uuidOf('backup-selection/prod-daily/tagged');
  inv.add(prod, {
    type: 'AWS::Backup::BackupSelection',
    id: selectionId,
    name: 'tagged-backup-daily',
    props: {
      BackupPlanId: planId,
      BackupSelection: {
        SelectionName: 'tagged-backup-daily',
        IamRoleArn: roleArn(PROD, 'AWSBackupDefaultServiceRole', '/service-role/'),
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      },
    },
  });
}

export function addObservability(
  inv: Inventory,
  org: OrganizationRefs,
  data: DataRefs,
  compute: ComputeRefs,
): void {
  addAlarms(inv, compute);
  addTrails(inv, data);
  addPipelines(inv);
  addDns(inv, compute.certificate);
  addGuardDutyAndEvents(inv, org);
  addBackup(inv, data);
}
