import { DEV, DR, PROD, at } from './accounts.js';
import {
  arnOf,
  dailyMetric,
  dailyValues,
  type Inventory,
  type MetricSeries,
  type Place,
  type Spec,
} from './builder.js';
import { ALB_LOGS_BUCKET, PIPELINE_BUCKET, secret, type DataRefs } from './data.js';
import { PUBLIC_AMIS, ec2Arn, ec2Id, image, instance, snapshot, type InstanceRef } from './ec2.js';
import { roleArn } from './iam.js';
import { daysAgo, hexOf, uuidOf } from './ids.js';
import type { NetworkRefs } from './network.js';

/*
 * Workloads: the prod web tier (internet-facing ALB → ASG of web servers in the public subnets, as
 * the notebook has it), the internal API tier in the private subnets, bastions, ECS workers, Lambda
 * functions, golden AMIs and their DR copies. Runtime facts (instance state, target health,
 * suspended processes, ECS deployments, metrics) are in `observed`.
 */

type Mark = Pick<Spec, 'problem' | 'twin' | 'tags'>;

/** Values planted in Lambda environment variables; no report may ever print them. */
export const DEMO_SECRET_VALUES: readonly string[] = [
  'demo-Pa55w0rd-not-a-real-secret',
  'demo-api-key-4f2a9c1e-not-a-real-key',
];

/** Daily CPU and network of an instance over the 14 days cost tools look at. */
function ec2Metrics(
  key: string,
  cpu: number,
  cpuSpread: number,
  networkMb: number,
): Record<string, MetricSeries> {
  const mb = 1024 * 1024;
  return {
    CPUUtilization: dailyMetric(`${key}/cpu`, 'AWS/EC2', 'Average', 'Percent', 14, cpu, cpuSpread),
    NetworkIn: dailyMetric(
      `${key}/in`,
      'AWS/EC2',
      'Sum',
      'Bytes',
      14,
      networkMb * mb,
      networkMb * mb * 0.3,
      0,
    ),
    NetworkOut: dailyMetric(
      `${key}/out`,
      'AWS/EC2',
      'Sum',
      'Bytes',
      14,
      networkMb * 0.6 * mb,
      networkMb * mb * 0.2,
      0,
    ),
  };
}

export interface ComputeRefs {
  instances: Record<string, InstanceRef>;
  loadBalancers: { prodWeb: string; prodApi: string; devLegacy: string };
  targetGroups: { prodWeb: string; prodApi: string };
  /** The ACM certificate of companya.com (ALB listeners, CloudFront). */
  certificate: string;
  webImage: string;
}

function launchTemplate(
  inv: Inventory,
  place: Place,
  name: string,
  version: number,
  data: Record<string, unknown>,
): string {
  const id = ec2Id('lt', place, name);
  inv.add(place, {
    type: 'AWS::EC2::LaunchTemplate',
    id,
    arn: ec2Arn(place, `launch-template/${id}`),
    name,
    props: { LaunchTemplateName: name, LaunchTemplateData: data },
    observed: { LatestVersionNumber: version, DefaultVersionNumber: version, CreateTime: daysAgo(300) },
  });
  return id;
}

interface AsgOptions extends Mark {
  launchTemplate: string;
  version: number;
  min: number;
  max: number;
  subnets: string[];
  targetGroup: string;
  members: Array<{ ref: InstanceRef; az: string; healthy: boolean }>;
  suspended?: Array<{ process: string; daysAgo: number }>;
}

function autoScalingGroup(inv: Inventory, place: Place, name: string, o: AsgOptions): void {
  inv.add(place, {
    type: 'AWS::AutoScaling::AutoScalingGroup',
    id: name,
    arn: arnOf('autoscaling', place, `autoScalingGroup:${uuidOf(name)}:autoScalingGroupName/${name}`),
    name,
    props: {
      AutoScalingGroupName: name,
      LaunchTemplate: { LaunchTemplateId: o.launchTemplate, Version: String(o.version) },
      // CloudFormation types the sizes as strings.
      MinSize: String(o.min),
      MaxSize: String(o.max),
      DesiredCapacity: String(o.members.length),
      VPCZoneIdentifier: o.subnets,
      TargetGroupARNs: [o.targetGroup],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
    },
    observed: {
      CreatedTime: daysAgo(300),
      Instances: o.members.map((m) => ({
        InstanceId: m.ref.id,
        AvailabilityZone: m.az,
        LifecycleState: 'InService',
        HealthStatus: m.healthy ? 'Healthy' : 'Unhealthy',
      })),
      SuspendedProcesses: (o.suspended ?? []).map((s) => ({
        ProcessName: s.process,
        SuspensionReason: `User suspended at ${daysAgo(s.daysAgo)}`,
      })),
    },
    problem: o.problem,
    twin: o.twin,
  });
}

function elbArn(place: Place, kind: string, name: string, suffix = ''): string {
  return arnOf(
    'elasticloadbalancing',
    place,
    `${kind}/${name}/${hexOf(`${place.account}/${kind}/${name}`, 16)}${suffix}`,
  );
}

interface LoadBalancerOptions extends Mark {
  scheme: 'internet-facing' | 'internal';
  subnets: string[];
  securityGroups: string[];
  accessLogs: boolean;
  requestsPerDay: number;
}

function loadBalancer(inv: Inventory, place: Place, name: string, o: LoadBalancerOptions): string {
  const arn = elbArn(place, 'loadbalancer/app', name);
  const attributes = [
    { Key: 'access_logs.s3.enabled', Value: String(o.accessLogs) },
    ...(o.accessLogs
      ? [
          { Key: 'access_logs.s3.bucket', Value: ALB_LOGS_BUCKET },
          { Key: 'access_logs.s3.prefix', Value: name },
        ]
      : []),
    { Key: 'deletion_protection.enabled', Value: 'true' },
    { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
  ];
  inv.add(place, {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    id: arn,
    arn,
    name,
    props: {
      Name: name,
      Type: 'application',
      Scheme: o.scheme,
      IpAddressType: 'ipv4',
      Subnets: o.subnets,
      SecurityGroups: o.securityGroups,
      LoadBalancerAttributes: attributes,
    },
    observed: {
      State: 'active',
      DNSName: `${o.scheme === 'internal' ? 'internal-' : ''}${name}-${hexOf(name, 10)}.${place.region}.elb.amazonaws.com`,
      // The fixed hosted zone of ALBs in us-east-1, for Route 53 alias records.
      CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
      CreatedTime: daysAgo(400),
      Metrics: {
        RequestCount: dailyMetric(
          `${name}/requests`,
          'AWS/ApplicationELB',
          'Sum',
          'Count',
          14,
          o.requestsPerDay,
          o.requestsPerDay * 0.4,
          0,
        ),
      },
    },
    problem: o.problem,
    twin: o.twin,
  });
  return arn;
}

interface TargetGroupOptions extends Mark {
  vpcId: string;
  port: number;
  healthPath: string;
  targets: Array<{ ref: InstanceRef; healthy: boolean }>;
}

function targetGroup(inv: Inventory, place: Place, name: string, o: TargetGroupOptions): string {
  const arn = elbArn(place, 'targetgroup', name);
  inv.add(place, {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    id: arn,
    arn,
    name,
    props: {
      Name: name,
      Protocol: 'HTTP',
      Port: o.port,
      VpcId: o.vpcId,
      TargetType: 'instance',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: o.healthPath,
      HealthCheckIntervalSeconds: 30,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
    },
    observed: {
      // Targets registered by the Auto Scaling group, as DescribeTargetHealth reports them.
      TargetHealthDescriptions: o.targets.map((t) => ({
        Target: { Id: t.ref.id, Port: o.port },
        HealthCheckPort: String(o.port),
        TargetHealth: t.healthy
          ? { State: 'healthy' }
          : {
              State: 'unhealthy',
              Reason: 'Target.ResponseCodeMismatch',
              Description: 'Health checks failed with these codes: [503]',
            },
      })),
    },
    problem: o.problem,
    twin: o.twin,
  });
  return arn;
}

function listener(
  inv: Inventory,
  place: Place,
  lbArn: string,
  lbName: string,
  port: number,
  action: Record<string, unknown>,
  certificateArn?: string,
): void {
  const arn = elbArn(place, 'listener/app', lbName, `/${hexOf(`${lbArn}/${port}`, 16)}`);
  inv.add(place, {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    id: arn,
    arn,
    name: `${lbName}:${port}`,
    props: {
      LoadBalancerArn: lbArn,
      Port: port,
      Protocol: certificateArn ? 'HTTPS' : 'HTTP',
      DefaultActions: [action],
      ...(certificateArn
        ? {
            Certificates: [{ CertificateArn: certificateArn }],
            SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          }
        : {}),
    },
  });
}

const forward = (targetGroupArn: string) => ({ Type: 'forward', TargetGroupArn: targetGroupArn });
const redirectToHttps = {
  Type: 'redirect',
  RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
};

export function addCompute(inv: Inventory, net: NetworkRefs, data: DataRefs): ComputeRefs {
  const prod = at(PROD);
  const s = net.subnets;
  const g = net.sgs;
  const instances: Record<string, InstanceRef> = {};

  // Golden images: the web one is copied to the DR region, the API one is not.
  const web = image(inv, prod, 'prod-web-golden-2026-11', {
    description: 'Web tier golden image, November 2026',
    ageDays: 10,
    size: 16,
    lastLaunchedDaysAgo: 9,
    twin: ['ec2-ami-old-unused', 'ec2-ami-no-dr-copy'],
  });
  const webCopy = image(inv, at(PROD, DR), 'prod-web-golden-2026-11', {
    description: 'Web tier golden image, November 2026 (DR copy)',
    ageDays: 9,
    size: 16,
    copiedFrom: web.id,
    lastLaunchedDaysAgo: 8,
  });
  const api = image(inv, prod, 'prod-api-golden-2026-10', {
    description: 'API tier golden image, October 2026',
    ageDays: 38,
    size: 20,
    lastLaunchedDaysAgo: 21,
    problem: 'ec2-ami-no-dr-copy',
  });

  const webLt = launchTemplate(inv, prod, 'prod-web-lt', 3, {
    ImageId: web.id,
    InstanceType: 't3.medium',
    IamInstanceProfile: { Name: 'prod-web-profile' },
    SecurityGroupIds: [g.prodWeb],
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
    CreditSpecification: { CpuCredits: 'unlimited' },
  });
  const apiLt = launchTemplate(inv, prod, 'prod-api-lt', 7, {
    ImageId: api.id,
    InstanceType: 't3.large',
    IamInstanceProfile: { Name: 'prod-api-profile' },
    SecurityGroupIds: [g.prodApp],
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
  });

  // The web tier: two web servers in the public subnets behind the internet-facing ALB.
  const webServer = (
    name: string,
    subnet: typeof s.prodPublicA,
    ip: string,
    publicIp: string,
    mark: Mark = {},
  ) =>
    instance(inv, {
      name,
      subnet,
      securityGroups: [g.prodWeb],
      instanceType: 't3.medium',
      imageId: web.id,
      privateIp: ip,
      publicIp,
      profile: 'prod-web-profile',
      credits: 'unlimited',
      launchedDaysAgo: 9,
      launchTemplate: { LaunchTemplateId: webLt, Version: '3' },
      metrics: ec2Metrics(name, 38, 10, 2400),
      tags: { 'aws:autoscaling:groupName': 'prod-web-asg' },
      root: { size: 16, type: 'gp3', twin: ['ebs-volume-gp2', 'ebs-volume-unattached'] },
      ...mark,
    });
  instances.prodWeb1 = webServer('prod-web-1', s.prodPublicA, '10.0.2.21', '198.51.100.101', {
    twin: ['ec2-instance-idle', 'ec2-instance-without-iam-profile'],
  });
  instances.prodWeb2 = webServer('prod-web-2', s.prodPublicB, '10.0.3.21', '198.51.100.102');

  const apiServer = (name: string, subnet: typeof s.prodPrivateA, ip: string) =>
    instance(inv, {
      name,
      subnet,
      securityGroups: [g.prodApp],
      instanceType: 't3.large',
      imageId: api.id,
      privateIp: ip,
      profile: 'prod-api-profile',
      launchedDaysAgo: 21,
      launchTemplate: { LaunchTemplateId: apiLt, Version: '7' },
      metrics: ec2Metrics(name, 27, 8, 900),
      tags: { 'aws:autoscaling:groupName': 'prod-api-asg' },
    });
  instances.prodApi1 = apiServer('prod-api-1', s.prodPrivateA, '10.0.1.31');
  instances.prodApi2 = apiServer('prod-api-2', s.prodPrivateB, '10.0.4.31');

  instances.prodBastion = instance(inv, {
    name: 'prod-bastion',
    subnet: s.prodPublicA,
    securityGroups: [g.prodBastion],
    instanceType: 't3.micro',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.0.2.20',
    publicIp: '198.51.100.11',
    keyName: 'prod-admin',
    credits: 'standard',
    launchedDaysAgo: 160,
    metrics: {
      ...ec2Metrics('prod-bastion', 3, 2, 40),
      CPUCreditBalance: dailyMetric('prod-bastion/credits', 'AWS/EC2', 'Minimum', 'Count', 14, 140, 4, 0),
    },
    twin: 'ec2-burstable-credits-exhausted',
  });
  instances.prodWindowsAdmin = instance(inv, {
    name: 'prod-windows-admin',
    subnet: s.prodPublicB,
    securityGroups: [g.prodWindowsAdmin],
    instanceType: 't3.large',
    imageId: PUBLIC_AMIS.windows2022['us-east-1'],
    privateIp: '10.0.3.25',
    publicIp: '198.51.100.12',
    keyName: 'prod-admin',
    platform: 'windows',
    launchedDaysAgo: 220,
    metrics: ec2Metrics('prod-windows-admin', 9, 5, 150),
  });
  // Launched by hand years ago: no instance profile (it reads DynamoDB with access keys in a config
  // file), a gp2 root volume, IMDSv1, and a data volume nobody tagged for backup.
  instances.prodLegacyWorker = instance(inv, {
    name: 'prod-legacy-worker',
    subnet: s.prodPrivateA,
    securityGroups: [g.prodLegacy],
    instanceType: 'm5.large',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.0.1.40',
    keyName: 'legacy',
    imdsv2: false,
    launchedDaysAgo: 1100,
    metrics: ec2Metrics('prod-legacy-worker', 22, 9, 600),
    root: { size: 100, type: 'gp2', problem: 'ebs-volume-gp2' },
    dataVolumes: [
      {
        name: 'prod-legacy-worker-data',
        size: 500,
        type: 'gp3',
        kmsKeyId: data.keys.prodLegacy.arn,
        problem: 'ebs-volume-not-in-backup-plan',
      },
    ],
    problem: 'ec2-instance-without-iam-profile',
  });
  // A t2 in standard credit mode: once the credits are gone it runs at its 40 % baseline.
  instances.prodReporting = instance(inv, {
    name: 'prod-reporting-t2',
    subnet: s.prodPrivateB,
    securityGroups: [g.prodLegacy],
    instanceType: 't2.medium',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.0.4.40',
    profile: 'prod-reporting-profile',
    credits: 'standard',
    launchedDaysAgo: 480,
    metrics: {
      CPUUtilization: dailyValues(
        'AWS/EC2',
        'Average',
        'Percent',
        [31, 28, 35, 33, 36, 38, 34, 39, 37, 40, 40, 40, 40, 40],
      ),
      CPUCreditBalance: dailyValues(
        'AWS/EC2',
        'Minimum',
        'Count',
        [96, 80, 71, 55, 43, 30, 21, 9, 2, 0, 0, 0, 0, 0],
      ),
    },
    dataVolumes: [
      {
        name: 'prod-reporting-data',
        size: 200,
        type: 'gp3',
        tags: { backup: 'daily' },
        twin: 'ebs-volume-not-in-backup-plan',
      },
    ],
    problem: 'ec2-burstable-credits-exhausted',
  });
  const reportingData = ec2Id('vol', prod, 'prod-reporting-data');
  // Recovery point made by last night's Backup job: the snapshot's volume exists.
  snapshot(inv, prod, 'prod-reporting-data-backup-2026-11-22', {
    volumeId: reportingData,
    size: 200,
    ageDays: 0.2,
    description: 'This snapshot is created by the AWS Backup service.',
    tags: { 'aws:backup:source-resource': reportingData },
    twin: 'ebs-snapshot-orphaned',
  });

  // The ETL host of the isolated analytics subnets; dev CI uploads test datasets to it over the peering.
  instances.prodEtl = instance(inv, {
    name: 'prod-etl-1',
    subnet: s.prodAnalyticsA,
    securityGroups: [g.prodEtl],
    instanceType: 't3.medium',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.0.5.20',
    profile: 'prod-reporting-profile',
    credits: 'unlimited',
    launchedDaysAgo: 140,
    metrics: ec2Metrics('prod-etl-1', 14, 8, 700),
  });

  // Warm standby in the DR region, launched from the copied golden image.
  instances.drAppStandby = instance(inv, {
    name: 'dr-app-standby',
    subnet: s.drPrivateB,
    securityGroups: [g.drApp],
    instanceType: 't3.small',
    imageId: webCopy.id,
    privateIp: '10.2.3.20',
    launchedDaysAgo: 8,
    credits: 'unlimited',
    metrics: ec2Metrics('dr-app-standby', 4, 2, 20),
  });

  instances.devBastion = instance(inv, {
    name: 'dev-bastion',
    subnet: s.devPublicA,
    securityGroups: [g.devBastion],
    instanceType: 't3.micro',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.1.2.20',
    publicIp: '198.51.100.21',
    keyName: 'dev-shared',
    credits: 'unlimited',
    launchedDaysAgo: 200,
    metrics: ec2Metrics('dev-bastion', 2, 1, 30),
  });
  instances.devApp1 = instance(inv, {
    name: 'dev-app-1',
    subnet: s.devPrivateA,
    securityGroups: [g.devApp],
    instanceType: 't3.medium',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.1.1.30',
    profile: 'dev-app-profile',
    credits: 'unlimited',
    launchedDaysAgo: 45,
    metrics: ec2Metrics('dev-app-1', 12, 6, 200),
  });
  instances.devCiRunner = instance(inv, {
    name: 'dev-ci-runner',
    subnet: s.devPrivateA,
    securityGroups: [g.devCi],
    instanceType: 'm5.large',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.1.1.50',
    profile: 'dev-ci-runner-profile',
    launchedDaysAgo: 90,
    metrics: ec2Metrics('dev-ci-runner', 24, 12, 1500),
  });
  instances.devWeb = instance(inv, {
    name: 'dev-web',
    subnet: s.devPublicA,
    securityGroups: [g.devWeb],
    instanceType: 't3.small',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.1.2.30',
    publicIp: '198.51.100.22',
    credits: 'unlimited',
    launchedDaysAgo: 60,
    metrics: ec2Metrics('dev-web', 6, 3, 120),
  });
  instances.devWindowsJump = instance(inv, {
    name: 'dev-windows-jump',
    subnet: s.devPublicB,
    securityGroups: [g.devWindows],
    instanceType: 't3.medium',
    imageId: PUBLIC_AMIS.windows2022['us-east-1'],
    privateIp: '10.1.5.25',
    publicIp: '198.51.100.23',
    platform: 'windows',
    credits: 'unlimited',
    launchedDaysAgo: 75,
    metrics: ec2Metrics('dev-windows-jump', 7, 4, 80),
  });

  instances.secScanner = instance(inv, {
    name: 'sec-scanner',
    subnet: s.secPrivateA,
    securityGroups: [g.secScanner],
    instanceType: 't3.medium',
    imageId: PUBLIC_AMIS.al2023['us-east-1'],
    privateIp: '10.3.1.20',
    profile: 'sec-scanner-profile',
    credits: 'unlimited',
    launchedDaysAgo: 120,
    metrics: ec2Metrics('sec-scanner', 15, 10, 300),
  });

  const lbs = addLoadBalancing(inv, net, instances, { webLt, apiLt });
  addContainers(inv, net);
  addFunctions(inv, net, data);
  return { instances, ...lbs, webImage: web.id };
}

function addLoadBalancing(
  inv: Inventory,
  net: NetworkRefs,
  instances: Record<string, InstanceRef>,
  templates: { webLt: string; apiLt: string },
): Pick<ComputeRefs, 'loadBalancers' | 'targetGroups' | 'certificate'> {
  const prod = at(PROD);
  const s = net.subnets;
  const g = net.sgs;
  const certificate = arnOf('acm', prod, `certificate/${uuidOf('companya.com')}`);
  inv.add(prod, {
    type: 'AWS::CertificateManager::Certificate',
    id: certificate,
    arn: certificate,
    name: 'companya.com',
    props: {
      DomainName: 'companya.com',
      SubjectAlternativeNames: ['*.companya.com'],
      ValidationMethod: 'DNS',
      KeyAlgorithm: 'RSA_2048',
    },
    observed: { Status: 'ISSUED', NotAfter: daysAgo(-210), RenewalEligibility: 'ELIGIBLE' },
  });

  const web1 = instances.prodWeb1!;
  const web2 = instances.prodWeb2!;
  const api1 = instances.prodApi1!;
  const api2 = instances.prodApi2!;

  const prodWebTg = targetGroup(inv, prod, 'prod-web-tg', {
    vpcId: net.vpcs.prod,
    port: 80,
    healthPath: '/health',
    targets: [
      { ref: web1, healthy: true },
      { ref: web2, healthy: true },
    ],
    twin: 'elbv2-target-group-unhealthy',
  });
  const prodWeb = loadBalancer(inv, prod, 'prod-web-alb', {
    scheme: 'internet-facing',
    subnets: [s.prodPublicA.id, s.prodPublicB.id],
    securityGroups: [g.prodAlb],
    accessLogs: true,
    requestsPerDay: 2_400_000,
    twin: ['elbv2-alb-access-logs-disabled', 'elbv2-alb-idle'],
  });
  listener(inv, prod, prodWeb, 'prod-web-alb', 80, redirectToHttps);
  listener(inv, prod, prodWeb, 'prod-web-alb', 443, forward(prodWebTg), certificate);
  autoScalingGroup(inv, prod, 'prod-web-asg', {
    launchTemplate: templates.webLt,
    version: 3,
    min: 2,
    max: 6,
    subnets: [s.prodPublicA.id, s.prodPublicB.id],
    targetGroup: prodWebTg,
    members: [
      { ref: web1, az: 'us-east-1a', healthy: true },
      { ref: web2, az: 'us-east-1b', healthy: true },
    ],
    twin: 'autoscaling-processes-suspended',
  });

  const prodApiTg = targetGroup(inv, prod, 'prod-api-tg', {
    vpcId: net.vpcs.prod,
    port: 8080,
    healthPath: '/healthz',
    targets: [
      { ref: api1, healthy: true },
      { ref: api2, healthy: false },
    ],
    problem: 'elbv2-target-group-unhealthy',
  });
  const prodApi = loadBalancer(inv, prod, 'prod-api-alb', {
    scheme: 'internal',
    subnets: [s.prodPrivateA.id, s.prodPrivateB.id],
    securityGroups: [g.prodApiAlb],
    accessLogs: false,
    requestsPerDay: 850_000,
    problem: 'elbv2-alb-access-logs-disabled',
  });
  listener(inv, prod, prodApi, 'prod-api-alb', 443, forward(prodApiTg), certificate);
  // Suspended three weeks ago to debug prod-api-2, never resumed: ReplaceUnhealthy is off, so the
  // unhealthy instance stays in service.
  autoScalingGroup(inv, prod, 'prod-api-asg', {
    launchTemplate: templates.apiLt,
    version: 7,
    min: 2,
    max: 4,
    subnets: [s.prodPrivateA.id, s.prodPrivateB.id],
    targetGroup: prodApiTg,
    members: [
      { ref: api1, az: 'us-east-1a', healthy: true },
      { ref: api2, az: 'us-east-1b', healthy: false },
    ],
    suspended: [
      { process: 'Launch', daysAgo: 21 },
      { process: 'Terminate', daysAgo: 21 },
      { process: 'ReplaceUnhealthy', daysAgo: 21 },
      { process: 'AZRebalance', daysAgo: 21 },
    ],
    problem: 'autoscaling-processes-suspended',
  });

  const dev = at(DEV);
  const devLegacyTg = targetGroup(inv, dev, 'dev-legacy-tg', {
    vpcId: net.vpcs.dev,
    port: 80,
    healthPath: '/',
    targets: [],
  });
  const devLegacy = loadBalancer(inv, dev, 'dev-legacy-alb', {
    scheme: 'internet-facing',
    subnets: [s.devPublicA.id, s.devPublicB.id],
    securityGroups: [g.devAlb],
    accessLogs: true,
    requestsPerDay: 3,
    problem: 'elbv2-alb-idle',
  });
  listener(inv, dev, devLegacy, 'dev-legacy-alb', 80, forward(devLegacyTg));
  return {
    loadBalancers: { prodWeb, prodApi, devLegacy },
    targetGroups: { prodWeb: prodWebTg, prodApi: prodApiTg },
    certificate,
  };
}

function addContainers(inv: Inventory, net: NetworkRefs): void {
  const prod = at(PROD);
  const registry = `${PROD.id}.dkr.ecr.us-east-1.amazonaws.com`;
  for (const repo of ['orders-worker', 'catalog-worker']) {
    inv.add(prod, {
      type: 'AWS::ECR::Repository',
      id: repo,
      arn: arnOf('ecr', prod, `repository/${repo}`),
      name: repo,
      props: {
        RepositoryName: repo,
        ImageTagMutability: 'IMMUTABLE',
        ImageScanningConfiguration: { ScanOnPush: true },
      },
      observed: {
        RepositoryUri: `${registry}/${repo}`,
        LatestImageTags: repo === 'orders-worker' ? ['1.42.0'] : ['2.17.3'],
      },
    });
    inv.add(prod, {
      type: 'AWS::Logs::LogGroup',
      id: `/ecs/${repo}`,
      arn: arnOf('logs', prod, `log-group:/ecs/${repo}`),
      name: `/ecs/${repo}`,
      props: { LogGroupName: `/ecs/${repo}`, RetentionInDays: 30 },
    });
  }
  inv.add(prod, {
    type: 'AWS::ECS::Cluster',
    id: 'prod-apps',
    arn: arnOf('ecs', prod, 'cluster/prod-apps'),
    name: 'prod-apps',
    props: {
      ClusterName: 'prod-apps',
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    },
    observed: { Status: 'ACTIVE', RunningTasksCount: 3, ActiveServicesCount: 2 },
  });

  const taskDefinition = (family: string, revision: number, imageTag: string): string => {
    const arn = arnOf('ecs', prod, `task-definition/${family}:${revision}`);
    inv.add(prod, {
      type: 'AWS::ECS::TaskDefinition',
      id: arn,
      arn,
      name: `${family}:${revision}`,
      props: {
        Family: family,
        Cpu: '512',
        Memory: '1024',
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        ExecutionRoleArn: roleArn(PROD, 'prod-ecs-task-execution'),
        TaskRoleArn: roleArn(PROD, 'orders-worker-task'),
        ContainerDefinitions: [
          {
            Name: family,
            Image: `${registry}/${family}:${imageTag}`,
            Essential: true,
            LogConfiguration: {
              LogDriver: 'awslogs',
              Options: {
                'awslogs-group': `/ecs/${family}`,
                'awslogs-region': 'us-east-1',
                'awslogs-stream-prefix': family,
              },
            },
          },
        ],
      },
      observed: { Status: 'ACTIVE', RegisteredAt: daysAgo(revision === 43 ? 0.3 : 12) },
    });
    return arn;
  };
  taskDefinition('orders-worker', 42, '1.42.0');
  const ordersNext = taskDefinition('orders-worker', 43, '1.43.0');
  const catalog = taskDefinition('catalog-worker', 17, '2.17.3');

  const service = (
    name: string,
    task: string,
    desired: number,
    observed: Record<string, unknown>,
    mark: Mark,
  ) => {
    const arn = arnOf('ecs', prod, `service/prod-apps/${name}`);
    inv.add(prod, {
      type: 'AWS::ECS::Service',
      id: arn,
      arn,
      name,
      props: {
        ServiceName: name,
        Cluster: 'prod-apps',
        TaskDefinition: task,
        DesiredCount: desired,
        LaunchType: 'FARGATE',
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: [net.subnets.prodPrivateA.id, net.subnets.prodPrivateB.id],
            SecurityGroups: [net.sgs.prodEcs],
            AssignPublicIp: 'DISABLED',
          },
        },
        DeploymentConfiguration: {
          MaximumPercent: 200,
          MinimumHealthyPercent: 50,
          DeploymentCircuitBreaker: { Enable: true, Rollback: false },
        },
      },
      observed,
      ...mark,
    });
  };
  service(
    'orders-worker',
    ordersNext,
    4,
    {
      Status: 'ACTIVE',
      RunningCount: 1,
      PendingCount: 0,
      Deployments: [
        {
          Status: 'PRIMARY',
          TaskDefinition: ordersNext,
          DesiredCount: 4,
          RunningCount: 0,
          FailedTasks: 8,
          RolloutState: 'FAILED',
          RolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
          CreatedAt: daysAgo(0.3),
        },
        {
          Status: 'ACTIVE',
          TaskDefinition: arnOf('ecs', prod, 'task-definition/orders-worker:42'),
          DesiredCount: 1,
          RunningCount: 1,
          RolloutState: 'COMPLETED',
          CreatedAt: daysAgo(12),
        },
      ],
      Events: [
        {
          CreatedAt: daysAgo(0.25),
          Message: `(service orders-worker) (task 3f1c9a7e) failed to start: CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${registry}/orders-worker:1.43.0: not found`,
        },
      ],
    },
    { problem: 'ecs-service-below-desired-count' },
  );
  service(
    'catalog-worker',
    catalog,
    2,
    {
      Status: 'ACTIVE',
      RunningCount: 2,
      PendingCount: 0,
      Deployments: [
        {
          Status: 'PRIMARY',
          TaskDefinition: catalog,
          DesiredCount: 2,
          RunningCount: 2,
          FailedTasks: 0,
          RolloutState: 'COMPLETED',
          CreatedAt: daysAgo(30),
        },
      ],
      Events: [{ CreatedAt: daysAgo(0.5), Message: '(service catalog-worker) has reached a steady state.' }],
    },
    { twin: 'ecs-service-below-desired-count' },
  );
}

function addFunctions(inv: Inventory, net: NetworkRefs, data: DataRefs): void {
  const prod = at(PROD);
  const fn = (place: Place, name: string, props: Record<string, unknown>, mark: Mark = {}) => {
    inv.add(place, {
      type: 'AWS::Lambda::Function',
      id: name,
      arn: arnOf('lambda', place, `function:${name}`),
      name,
      props: { FunctionName: name, Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, ...props },
      observed: {
        State: 'Active',
        LastModified: daysAgo(20),
        Metrics: {
          Invocations: dailyMetric(`${name}/invocations`, 'AWS/Lambda', 'Sum', 'Count', 14, 1200, 400, 0),
          Errors: dailyMetric(`${name}/errors`, 'AWS/Lambda', 'Sum', 'Count', 14, 2, 2, 0),
        },
      },
      ...mark,
    });
  };
  const prodVpc = {
    SubnetIds: [net.subnets.prodPrivateA.id, net.subnets.prodPrivateB.id],
    SecurityGroupIds: [net.sgs.prodLambda],
  };
  // Credentials pasted into the environment: anyone with lambda:GetFunctionConfiguration reads them.
  fn(
    prod,
    'monthly-report-generator',
    {
      Runtime: 'python3.12',
      Handler: 'app.handler',
      Role: roleArn(PROD, 'lambda-exec-reports'),
      MemorySize: 512,
      Timeout: 300,
      Code: { S3Bucket: PIPELINE_BUCKET, S3Key: 'lambda/monthly-report-generator-1.8.2.zip' },
      VpcConfig: prodVpc,
      Environment: {
        Variables: {
          DB_HOST: 'prod-reporting-mysql.c9akciq32lbx.us-east-1.rds.amazonaws.com',
          DB_USER: 'reports',
          DB_PASSWORD: DEMO_SECRET_VALUES[0],
          REPORT_API_KEY: DEMO_SECRET_VALUES[1],
          REPORT_BUCKET: 'companya-reports-archive',
        },
      },
    },
    { problem: 'lambda-env-secrets' },
  );
  const dbSecret = arnOf('secretsmanager', prod, 'secret:prod/invoices/db-Xk2p9Q');
  secret(
    inv,
    prod,
    dbSecret,
    'prod/invoices/db',
    'Invoice database credentials',
    data.keys.prodData,
    undefined,
    20,
  );
  fn(
    prod,
    'invoice-renderer',
    {
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: roleArn(PROD, 'lambda-exec-reports'),
      MemorySize: 1024,
      Timeout: 60,
      Code: { S3Bucket: PIPELINE_BUCKET, S3Key: 'lambda/invoice-renderer-3.2.0.zip' },
      VpcConfig: prodVpc,
      Environment: {
        Variables: {
          DB_SECRET_ARN: dbSecret,
          DB_HOST: 'prod-app-mysql.c9akciq32lbx.us-east-1.rds.amazonaws.com',
        },
      },
    },
    { twin: 'lambda-env-secrets' },
  );
  // In the test VPC, as the dev-team guardrail requires.
  fn(at(DEV), 'orders-api-dev', {
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Role: roleArn(DEV, 'lambda-exec-orders-api'),
    MemorySize: 256,
    Timeout: 15,
    Code: { S3Bucket: 'companya-dev-artifacts', S3Key: 'lambda/orders-api-dev.zip' },
    VpcConfig: {
      SubnetIds: [net.subnets.devPrivateA.id, net.subnets.devPrivateB.id],
      SecurityGroupIds: [net.sgs.devLambda],
    },
    Environment: { Variables: { TABLE_NAME: 'orders-dev', STAGE: 'dev' } },
  });
}
