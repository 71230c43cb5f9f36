/**
 * The catalogue of problems seeded in the demo organisation. Each one comes from a line of the
 * product's scenario documents (the daily task list or the SysOps notebook), is carried by the
 * resources tagged `demo:problem = <id>`, and has at least one compliant twin tagged
 * `demo:twin = <id>` that must produce no finding for it. `docs/demo.md` renders this table.
 */

/** What kind of answer the problem exercises; `troubleshooting` ones are engine answers (reach, IAM). */
export type DemoProblemCategory =
  'security' | 'compliance' | 'dr' | 'cost' | 'health' | 'reliability' | 'troubleshooting';

export interface DemoProblem {
  /** Kebab-case, stable; the value of the `demo:problem` / `demo:twin` tags. */
  id: string;
  category: DemoProblemCategory;
  /** What is wrong, in one sentence. */
  title: string;
  /** The scenario line it comes from, quoted from the seed documents. */
  scenario: string;
  /** The finding (a rule id guess in `<service>-<resource>-<good-state>` form) or engine answer expected. */
  expect: string;
}

/** Tag key marking a resource that carries a seeded problem (space-separated problem ids). */
export const PROBLEM_TAG = 'demo:problem';
/** Tag key marking a compliant twin of a seeded problem (space-separated problem ids). */
export const TWIN_TAG = 'demo:twin';

export const DEMO_PROBLEMS = [
  // S3
  {
    id: 's3-access-log-target-is-source',
    category: 'compliance',
    title: 'A bucket writes its server access logs into itself.',
    scenario:
      'Financial firm: "Source & Target bucket must be DIFFERENT! Otherwise the logs will increase exponentially"',
    expect: 'rule `s3-bucket-access-log-target-differs` fails',
  },
  {
    id: 's3-access-log-target-other-region',
    category: 'compliance',
    title: 'A bucket logs to a target bucket that now lives in another region, so no logs arrive.',
    scenario:
      'Financial firm: "Both buckets in the same region" / "S3 log bucket: different buckets + same region"',
    expect: 'rule `s3-bucket-access-log-target-differs` fails (the target is in ap-southeast-1)',
  },
  {
    id: 's3-bucket-name-not-dns-compliant',
    category: 'reliability',
    title: 'Legacy us-east-1 buckets have upper-case letters, underscores or a trailing dash in their names.',
    scenario:
      'Static web hosting: "S3 bucket naming convention: NO upper case letter … NO underscore _ … NO dash ending -"',
    expect:
      'rule `s3-bucket-name-valid` fails (CloudFormation would reject these names; they predate the 2018 rules)',
  },
  {
    id: 's3-website-bucket-name-mismatch',
    category: 'reliability',
    title:
      'A Route 53 alias points a host name at an S3 website endpoint whose bucket is not named after the host.',
    scenario: 'Static web hosting: "Root domain • S3 • http:companya.com >> companya.com (pure and simple)"',
    expect: 'rule `route53-record-s3-website-bucket-matches-name` fails on the record',
  },
  {
    id: 's3-account-public-access-block-off',
    category: 'security',
    title:
      'Account-level S3 Block Public Access is off (dev) or only partly on (prod, for the public website).',
    scenario:
      'SysOps: "Block public access settings to all S3 buckets … can be applied at bucket level or account level"',
    expect: 'rule `s3-account-public-access-block-enabled` fails (cis-aws-v5.0:2.1.4, aws-fsbp:S3.1)',
  },
  {
    id: 's3-bucket-public-access-not-blocked',
    category: 'security',
    title:
      'Bucket-level Block Public Access is off and the account level is off too, so nothing blocks a public policy.',
    scenario: 'SysOps: "Amazon S3 applies restrictive combination of bucket level & account level settings"',
    expect:
      'rule `s3-bucket-public-access-blocked` fails on the effective (most restrictive) combination; its twin is off at bucket level but on at account level',
  },
  {
    id: 's3-replication-destination-unversioned',
    category: 'dr',
    title: 'Cross-region replication targets a bucket whose versioning was suspended, so replication fails.',
    scenario:
      'S3 compliance: "Replicated from one bucket into another region … Must have versioning enabled ✔"',
    expect: 'rule `s3-bucket-replication-destination-versioned` fails on the source bucket',
  },
  {
    id: 's3-replication-not-cross-region',
    category: 'dr',
    title: 'A bucket that must have a copy in another region replicates within the same region.',
    scenario:
      'S3 compliance: "Replicated from one bucket into another region … Must be in different Regions ✔"',
    expect: 'rule `s3-bucket-replication-cross-region` fails (bucket tagged `dr-requirement: cross-region`)',
  },
  {
    id: 's3-sensitive-bucket-without-notifications',
    category: 'security',
    title: 'A bucket classified sensitive has no event notifications, so nobody hears about changes.',
    scenario:
      'Sensitive documents: "Notified whenever change in S3 ○ Set up S3 event notification ○ Create S3 topic"',
    expect: 'rule `s3-bucket-sensitive-event-notifications-enabled` fails',
  },
  {
    id: 's3-critical-bucket-mfa-delete-off',
    category: 'dr',
    title: 'A critical-data bucket is versioned but MFA delete is disabled.',
    scenario: 'S3 to store critical data: "Protect against deletion ○ Versioning ○ MFA"',
    expect: 'rule `s3-bucket-mfa-delete-enabled` fails (cis-aws-v5.0:2.1.2, aws-fsbp:S3.20)',
  },
  {
    id: 's3-critical-bucket-versioning-off',
    category: 'dr',
    title: 'A critical-data bucket has versioning suspended.',
    scenario: 'S3 to store critical data: "Versioning + MFA == Best of both worlds"',
    expect: 'rule `s3-bucket-versioning-enabled` fails (aws-fsbp:S3.14)',
  },
  {
    id: 'cloudfront-s3-origin-without-oac',
    category: 'security',
    title: 'A CloudFront distribution reads a public S3 bucket without OAC/OAI, so users bypass CloudFront.',
    scenario: 'Set of images: "CloudFront - OAI • Issue - bypassing the CloudFront ○ Must enable OAI"',
    expect: 'rule `cloudfront-distribution-s3-origin-access-control` fails',
  },
  // DynamoDB
  {
    id: 'dynamodb-throttled-without-autoscaling',
    category: 'health',
    title: 'A provisioned table with fixed RCU/WCU and no auto scaling throttles at peak.',
    scenario:
      'Social media app: "RCU and WCU has been pre-defined • Solve throttling requests during peak hours ○ Enable Auto Scaling"',
    expect:
      'rule `dynamodb-table-autoscaling-enabled` fails (aws-fsbp:DynamoDB.1); health reports ThrottledRequests > 0',
  },
  {
    id: 'dynamodb-pitr-disabled',
    category: 'dr',
    title: 'A table has point-in-time recovery disabled.',
    scenario:
      'DynamoDB Table: "Protected and recoverable in case of accentual write or delete operations • Point-in-time recovery"',
    expect: 'rule `dynamodb-table-pitr-enabled` fails (aws-fsbp:DynamoDB.2)',
  },
  // RDS and Redshift
  {
    id: 'rds-automated-backups-disabled',
    category: 'dr',
    title: 'A MySQL instance has automated backups turned off (retention 0).',
    scenario:
      'App to production: "Restore database within 5 mins (restore from backup) RDS Automated Backup"',
    expect: 'rule `rds-instance-backup-enabled` fails (aws-fsbp:RDS.11)',
  },
  {
    id: 'rds-single-az',
    category: 'reliability',
    title: 'A production MySQL instance is not Multi-AZ.',
    scenario: 'App to production: "Auto failover during disaster recovery RDS Multi-AZ"',
    expect: 'rule `rds-instance-multi-az-enabled` fails (aws-fsbp:RDS.5, cis-aws-v5.0:2.2.4)',
  },
  {
    id: 'rds-master-password-not-managed',
    category: 'security',
    title: 'A database master password is set by hand and never rotated (not managed in Secrets Manager).',
    scenario: 'Daily task: "Rotate credentials (e.g., access keys, RDS master passwords)."',
    expect: 'rule `rds-instance-master-password-managed` fails',
  },
  {
    id: 'redshift-no-cross-region-snapshot-copy',
    category: 'dr',
    title: 'A Redshift cluster does not copy snapshots to another region.',
    scenario: 'Redshift cluster: "Automatically copy snapshots for a cluster to another region"',
    expect: 'rule `redshift-cluster-cross-region-snapshot-copy-enabled` fails',
  },
  {
    id: 'redshift-enhanced-vpc-routing-disabled',
    category: 'security',
    title: 'A Redshift cluster has Enhanced VPC Routing off, so COPY/UNLOAD traffic leaves the VPC.',
    scenario: 'Redshift: "Must be via VPC … Redshift VPC only transfer == Enhanced VPC Routing"',
    expect: 'rule `redshift-cluster-enhanced-vpc-routing-enabled` fails',
  },
  // Network
  {
    id: 'ec2-sg-ssh-open-to-internet',
    category: 'security',
    title: 'A security group allows SSH (22) from 0.0.0.0/0.',
    scenario: 'Sys Admin: "SSH into • Port 22 vs. 80 … Inbound 0.0.0.0/0 everywhere"',
    expect:
      'rule `ec2-security-group-admin-ports-restricted` fails (cis-aws-v5.0:5.3, aws-fsbp:EC2.13); `exposure` lists dev-bastion:22 from the internet',
  },
  {
    id: 'ec2-sg-rdp-open-to-internet',
    category: 'security',
    title: 'A security group allows RDP (3389) from 0.0.0.0/0.',
    scenario: 'Sys Admin: "Inbound 0.0.0.0/0 everywhere" (remote administration ports)',
    expect: 'rule `ec2-security-group-admin-ports-restricted` fails (cis-aws-v5.0:5.3, aws-fsbp:EC2.14)',
  },
  {
    id: 'vpc-default-sg-allows-traffic',
    category: 'compliance',
    title: "A VPC's default security group still has AWS's default allow rules.",
    scenario: 'Daily task: "Run AWS Config rules or Security Hub for PCI-DSS/GDPR compliance."',
    expect: 'rule `ec2-default-security-group-no-rules` fails (cis-aws-v5.0:5.5, aws-fsbp:EC2.2)',
  },
  {
    id: 'vpc-flow-logs-disabled',
    category: 'compliance',
    title: 'A VPC has no flow logs, so "traffic not reaching the instance" cannot be diagnosed.',
    scenario:
      'Sys Admin: "Traffic NOT reaching the instance • Diagnose the issue ○ VPC Flow logs vs. CloudTrail logs"',
    expect: 'rule `ec2-vpc-flow-logs-enabled` fails (cis-aws-v5.0:3.7, aws-fsbp:EC2.6)',
  },
  {
    id: 'vpc-no-s3-gateway-endpoint',
    category: 'cost',
    title: 'A VPC reaches S3 through its NAT device instead of a gateway endpoint.',
    scenario:
      'EC2 instance in a private subnet: "Once the keyword Endpoint is enabled, NO need for internet: IGW, NAT ⛔"',
    expect: 'rule `ec2-vpc-s3-gateway-endpoint-present` fails (cis-aws-v7.0:6.8)',
  },
  {
    id: 'vpc-peering-return-route-missing',
    category: 'troubleshooting',
    title:
      'The dev↔prod peering has a route on the dev side but the prod analytics route table has no route back.',
    scenario:
      'VPC peering: "VPC A - bound to VPC B as FINAL destination via peering connection ID ○ Likewise: VPC B - bound to VPC A"',
    expect:
      'reach dev-ci-runner → prod-etl-1:8080 (and → analytics-dw:5439) not reachable: NO_ROUTE_TO_DESTINATION at prod-analytics-rt (return path to 10.1.0.0/16); rule `ec2-vpc-peering-routes-symmetric` fails on the route table; twin prod-main-rt has the return route, so dev-ci-runner → prod-api-1:8080 is reachable',
  },
  {
    id: 'ec2-private-subnet-routes-to-igw',
    category: 'security',
    title: 'A subnet tagged private is associated with the public route table (0.0.0.0/0 → IGW).',
    scenario:
      'VPC setup: "Main Route Table: Nat Gateway ID - Private subnet (use Main RT in the private subnet for better security)"',
    expect: 'rule `ec2-subnet-private-no-internet-gateway-route` fails',
  },
  {
    id: 'ec2-nat-gateway-in-private-subnet',
    category: 'troubleshooting',
    title: 'A NAT gateway sits in a private subnet whose route table has no route to the internet gateway.',
    scenario: 'VPC setup: "NAT - public subnet" / "Custom Route Table: Internet Gateway ID - Public subnet"',
    expect:
      'reach dr-app-standby → internet:443 not reachable: NO_ROUTE_TO_DESTINATION at the NAT subnet route table; rule `ec2-nat-gateway-in-public-subnet` fails',
  },
  {
    id: 'ec2-nat-instance-sg-blocks-https',
    category: 'troubleshooting',
    title:
      'The NAT instance security group admits only HTTP from the private subnet, so HTTPS downloads fail.',
    scenario:
      'EC2 private subnet: "Incoming rule to SG for the NAT ○ Incoming … 10.0.1.0/24 on port 443 ○ Outgoing 0.0.0.0/0 on port 443"',
    expect:
      'reach dev-app-1 → internet:443 not reachable: ENI_SG_RULES_MISMATCH at dev-nat-sg (ingress of the NAT instance); twin: sec-scanner → internet:443 reachable through sec-nat-instance',
  },
  {
    id: 'ec2-nacl-deny-rule-shadowed',
    category: 'troubleshooting',
    title:
      'A NACL deny for one /32 has a higher rule number than the allow-all, so the address is not blocked.',
    scenario:
      'Web app: "Specific IP address should be BLOCKED • NACL is the service to DENY - BLOCK • /32 is the way to target specific IP address"',
    expect:
      'reach 192.0.2.66 → dev-web:80 reachable (deny rule 200 shadowed by rule 100); rule `ec2-network-acl-deny-rule-effective` fails; twin: 192.0.2.66 → prod-web-alb:443 not reachable: SUBNET_ACL_RESTRICTION at prod-public-nacl rule 90',
  },
  {
    id: 'ec2-nacl-blocks-ephemeral-return',
    category: 'troubleshooting',
    title:
      'The dev private NACL lets MySQL in from the bastion subnet but has no outbound rule for the replies.',
    scenario:
      'Sys Admin: "Traffic NOT reaching the instance" / "Database server in the private sub on port 3306"',
    expect:
      'reach dev-bastion → dev-app-mysql:3306 not reachable: SUBNET_ACL_RESTRICTION at dev-private-nacl (egress, return traffic to 10.1.2.0/24 on ephemeral ports); twin prod-bastion → prod-app-mysql:3306 reachable',
  },
  // Load balancing, scaling, containers
  {
    id: 'elbv2-target-group-unhealthy',
    category: 'health',
    title: 'A target group has an unhealthy target (failing health checks).',
    scenario: 'Daily task: "Monitor auto-scaling groups, load balancers, and EKS/ECS clusters."',
    expect:
      'health `elb-target-group-targets-healthy` fails with the target id and reason Target.ResponseCodeMismatch',
  },
  {
    id: 'elbv2-alb-access-logs-disabled',
    category: 'compliance',
    title: 'An application load balancer does not write access logs.',
    scenario:
      'Web server with ASG & ALB: "Capture all traffic flowing: client and web server • Enable access logs on ALB"',
    expect: 'rule `elb-load-balancer-access-logs-enabled` fails (aws-fsbp:ELB.5)',
  },
  {
    id: 'elbv2-alb-idle',
    category: 'cost',
    title: 'A load balancer with no targets serves a handful of requests a day.',
    scenario: 'Daily task: "Cleanup unused resources" / Trusted Advisor "Idle Load Balancers"',
    expect: 'cost `elb-load-balancer-not-idle` fails with its monthly price',
  },
  {
    id: 'autoscaling-processes-suspended',
    category: 'health',
    title: 'An Auto Scaling group was suspended for debugging three weeks ago and never resumed.',
    scenario: 'ASG debug: "Suspend and then resume one or more of the scaling processes for your ASG"',
    expect:
      'health `autoscaling-group-processes-not-suspended` fails (ReplaceUnhealthy suspended, which is why its unhealthy target stays)',
  },
  {
    id: 'ecs-service-below-desired-count',
    category: 'health',
    title: 'An ECS service runs 1 of 4 desired tasks; its last deployment failed to pull the image.',
    scenario: 'Daily task: "Monitor auto-scaling groups, load balancers, and EKS/ECS clusters."',
    expect: 'health `ecs-service-running-desired-count` fails with the CannotPullContainerError event',
  },
  // Observability
  {
    id: 'cloudwatch-alarm-firing',
    category: 'health',
    title: 'CloudWatch alarms are in ALARM state.',
    scenario: 'Example day: "Morning: Check CloudWatch alarms"',
    expect: 'health `cloudwatch-alarm-ok` fails for each alarm in ALARM with its StateReason',
  },
  {
    id: 'cloudwatch-alarm-insufficient-data',
    category: 'health',
    title: 'A status-check alarm has had no data for weeks: it watches an instance that no longer exists.',
    scenario: 'Impaired status: "Recall our CloudWatch Alarms … Stop / Terminate / Reboot / Recover"',
    expect: 'health `cloudwatch-alarm-has-data` fails (INSUFFICIENT_DATA since 45 days)',
  },
  {
    id: 'codepipeline-latest-execution-failed',
    category: 'health',
    title: "A pipeline's latest execution failed in its Deploy stage.",
    scenario: 'Example day: "Morning: … resolve a stuck CodePipeline deployment."',
    expect:
      'health `codepipeline-pipeline-latest-execution-succeeded` fails naming stage Deploy, action DeployToECS and its error',
  },
  {
    id: 'cloudtrail-not-multi-region',
    category: 'compliance',
    title: "An account's trail records only its home region.",
    scenario:
      'Sys Admin: "Audit • Recorded API activities • CloudTrail" / "Ensure consistency across global regions"',
    expect: 'rule `cloudtrail-trail-multi-region-enabled` fails (cis-aws-v5.0:3.1, aws-fsbp:CloudTrail.1)',
  },
  {
    id: 'cloudtrail-log-file-validation-disabled',
    category: 'compliance',
    title: 'A trail has log file validation off, so its logs cannot be proven untampered.',
    scenario:
      'Daily task: "Participate in post-mortems for outages (e.g., root cause analysis via CloudTrail)."',
    expect:
      'rule `cloudtrail-trail-log-file-validation-enabled` fails (cis-aws-v5.0:3.2, aws-fsbp:CloudTrail.4)',
  },
  {
    id: 'guardduty-detector-disabled',
    category: 'security',
    title: 'GuardDuty is suspended in one region of the dev account.',
    scenario: 'Daily task: "Review GuardDuty findings for suspicious activity."',
    expect: 'rule `guardduty-detector-enabled` fails',
  },
  {
    id: 'events-security-findings-not-forwarded',
    category: 'security',
    title: 'The dev account has no EventBridge rule forwarding security findings to the central bus.',
    scenario:
      'Global Financial Firm: "Critical security alarms, notify from all these accounts … CloudWatch Rules must be enabled at ALL accounts & NOT at the OU levels"',
    expect: 'rule `cloudwatch-account-security-findings-forwarded` fails on the dev account',
  },
  {
    id: 'route53-failover-without-health-check',
    category: 'reliability',
    title: 'A PRIMARY failover record has no health check, so Route 53 never fails over.',
    scenario:
      'Health check system: "Use Route 53 Health Checks to failover to the secondary site if the on-premise web server has issues"',
    expect: 'rule `route53-record-failover-primary-has-health-check` fails',
  },
  // Compute, storage, images
  {
    id: 'ebs-volume-unattached',
    category: 'cost',
    title: 'A 500 GiB volume has been unattached for 140 days.',
    scenario:
      'Cost Analysis: "identify underutilized resources (e.g., idle EC2 instances, orphaned EBS volumes)"',
    expect: 'cost `ec2-volume-attached` fails with its monthly price',
  },
  {
    id: 'ebs-volume-gp2',
    category: 'cost',
    title: 'A volume still uses gp2, which costs more than gp3 for the same baseline.',
    scenario: 'Cost Analysis: "Use AWS Cost Explorer to identify underutilized resources"',
    expect: 'cost `ec2-volume-gp3` fails with the monthly saving',
  },
  {
    id: 'ebs-volume-not-in-backup-plan',
    category: 'dr',
    title: 'A data volume lacks the tag the Backup plan selects on, so it is never backed up.',
    scenario:
      'DR: "Test backup/restore processes for RDS snapshots, EBS volumes, or S3 cross-region replication."',
    expect: 'rule `backup-resource-protected-by-plan` fails (aws-fsbp:EC2.28)',
  },
  {
    id: 'ebs-snapshot-orphaned',
    category: 'cost',
    title: 'A 400-day-old snapshot of a deleted volume, used by no AMI.',
    scenario:
      'Disaster recovery procedure: "Automate the process of keeping updated copies of their EBS volume snapshots" / "Cleanup unused resources"',
    expect: 'cost `ec2-snapshot-source-exists` fails with its monthly price',
  },
  {
    id: 'ec2-ami-old-unused',
    category: 'cost',
    title: 'An AMI from 2025 is used by no instance or launch template.',
    scenario: 'Budget: "Cleanup unused resources (e.g., old AMIs, unattached Elastic IPs)."',
    expect: 'cost `ec2-image-in-use` fails with the price of its snapshots',
  },
  {
    id: 'ec2-ami-no-dr-copy',
    category: 'dr',
    title: 'The AMI behind a production launch template has no copy in the DR region.',
    scenario: 'Set of instance: "Make an AMI of EC2 instance ○ Copy the AMI to the destination region"',
    expect: 'rule `ec2-image-copied-to-dr-region` fails',
  },
  {
    id: 'ec2-eip-unassociated',
    category: 'cost',
    title: 'An Elastic IP is associated with nothing.',
    scenario: 'Budget: "Cleanup unused resources (e.g., old AMIs, unattached Elastic IPs)."',
    expect: 'cost `ec2-eip-associated` fails ($3.60 a month)',
  },
  {
    id: 'ec2-instance-idle',
    category: 'cost',
    title: 'An m5.xlarge has averaged under 1 % CPU and almost no network for 14 days.',
    scenario:
      'Conserve on costs for EC2: "Shutdown instances NOT being used ○ CloudWatch alarm to shutdown instances"',
    expect:
      'cost `ec2-instance-not-idle` fails with its monthly price; remediation: a CPU alarm with the stop action (as on dev-ci-runner)',
  },
  {
    id: 'ec2-nat-gateway-idle',
    category: 'cost',
    title: 'A NAT gateway has moved almost no bytes in 32 days.',
    scenario: 'Budget: "Cleanup unused resources"',
    expect: 'cost `ec2-nat-gateway-not-idle` fails with its monthly price',
  },
  {
    id: 'ec2-instance-without-iam-profile',
    category: 'security',
    title: 'An instance that talks to DynamoDB has no instance profile (it uses static keys instead).',
    scenario:
      'DynamoDB table: "IAM Role with required permissions and ensure that the Role is assigned to the EC2 instance"',
    expect: 'rule `ec2-instance-profile-attached` fails (cis-aws-v5.0:1.17)',
  },
  {
    id: 'ec2-burstable-credits-exhausted',
    category: 'health',
    title: 'A t2 instance in standard credit mode has run out of CPU credits and is throttled to baseline.',
    scenario: 'App in AWS: "Spikes in app … T2.micro + T2 unlimited == balance of cost and spikes"',
    expect: 'health `ec2-instance-cpu-credits-available` fails (CPUCreditBalance 0 for 5 days)',
  },
  {
    id: 'lambda-env-secrets',
    category: 'security',
    title: 'A Lambda function keeps a database password and an API key in plain environment variables.',
    scenario:
      'Daily task: "Rotate credentials" / "Assist developers with debugging serverless apps (Lambda, DynamoDB)."',
    expect: 'rule `lambda-function-environment-no-secrets` fails naming the variables, never their values',
  },
  // IAM and governance
  {
    id: 'iam-root-mfa-disabled',
    category: 'security',
    title: 'The root user of the dev account has no MFA.',
    scenario: 'Example day: "Midday: Fix IAM policy misconfiguration reported by Security Hub."',
    expect: 'rule `iam-root-mfa-enabled` fails (cis-aws-v5.0:1.4, aws-fsbp:IAM.9)',
  },
  {
    id: 'iam-root-access-key-present',
    category: 'security',
    title: 'The root user of the management account has an active access key.',
    scenario: 'Daily task: "IAM & Security Hardening: Audit IAM roles/policies for least-privilege access."',
    expect: 'rule `iam-root-no-access-key` fails (cis-aws-v5.0:1.3, aws-fsbp:IAM.4)',
  },
  {
    id: 'iam-password-policy-weak',
    category: 'compliance',
    title: 'The dev account password policy allows 8-character passwords and reuse.',
    scenario: 'Daily task: "Run AWS Config rules or Security Hub for PCI-DSS/GDPR compliance."',
    expect: 'rule `iam-password-policy-strong` fails (cis-aws-v5.0:1.7, 1.8)',
  },
  {
    id: 'iam-user-console-without-mfa',
    category: 'security',
    title: 'A user with a console password has no MFA device.',
    scenario: 'Daily task: "IAM & Security Hardening"',
    expect: 'rule `iam-user-console-mfa-enabled` fails (cis-aws-v5.0:1.9, aws-fsbp:IAM.5)',
  },
  {
    id: 'iam-access-key-not-rotated',
    category: 'security',
    title: 'An access key is 412 days old and still in daily use.',
    scenario: 'Daily task: "Rotate credentials (e.g., access keys, RDS master passwords)."',
    expect:
      'rule `iam-user-access-key-rotated` fails (cis-aws-v5.0:1.13, aws-fsbp:IAM.3); `rotate access-key` plans the rotation',
  },
  {
    id: 'iam-access-key-unused',
    category: 'security',
    title: 'An active access key has not been used for 63 days.',
    scenario: 'Daily task: "Audit IAM roles/policies for least-privilege access."',
    expect: 'rule `iam-user-credentials-unused-disabled` fails (cis-aws-v5.0:1.11, aws-fsbp:IAM.22)',
  },
  {
    id: 'iam-policy-full-admin',
    category: 'security',
    title: 'A customer managed policy allows "*" on "*" and is attached to a group.',
    scenario: 'Daily task: "Audit IAM roles/policies for least-privilege access."',
    expect:
      'rule `iam-policy-no-full-admin` fails (cis-aws-v5.0:1.15, aws-fsbp:IAM.1); `iam escalation` lists ci-deployer',
  },
  {
    id: 'iam-lambda-vpc-guardrail-inverted',
    category: 'troubleshooting',
    title:
      "The contractors' Lambda guardrail denies the test VPCs 1 & 2 (as the notebook wrote it) instead of everything else.",
    scenario:
      'IAM Condition Keys: "ONLY use VPC 1 & 2 for Lambda • Nothing used in 3 & 4 … Effect: Deny ⛔ Condition: StringEquals: Lambda: VpcIds: ["vpc-1", "vpc-2"]"',
    expect:
      'iam simulate carol.contractor lambda:CreateFunction with lambda:VpcIds=prod-vpc → Allow (wrong), with dev-vpc → ExplicitDeny (wrong); twin dev-team: alice.dev with lambda:VpcIds=prod-vpc → ExplicitDeny by statement DenyLambdaOutsideTestVpcs, with dev-vpc → Allow; rule `iam-policy-lambda-vpc-guardrail-allow-list` fails on the dev-contractors group',
  },
  {
    id: 'iam-role-cross-account-admin',
    category: 'security',
    title: 'A prod role trusts the whole dev account with AdministratorAccess and no condition.',
    scenario:
      '2 accounts: "Developers push code from Dev to Prod • Limited tmp access? ○ Create a cross account role and share the ARN"',
    expect:
      'rule `iam-role-cross-account-trust-least-privilege` fails; `iam who-can` for prod resources lists every dev principal allowed sts:AssumeRole',
  },
  {
    id: 'iam-role-third-party-long-session',
    category: 'security',
    title: 'A third-party role allows 12-hour sessions.',
    scenario:
      'Sys Admin: "ONLY available for a limited amount of time … assume role with Duration Seconds parameter: 900 seconds max"',
    expect:
      'rule `iam-role-third-party-session-short` fails (MaxSessionDuration 43200); twin consultant-s3-read has the minimum 3600 and the consultant requests DurationSeconds 900',
  },
  {
    id: 'iam-role-third-party-no-external-id',
    category: 'security',
    title: 'A role trusted by an outside account has no sts:ExternalId condition (confused deputy).',
    scenario: 'Sys Admin: "Allow consultant (3rd party) to assume role"',
    expect: 'rule `iam-role-third-party-external-id-required` fails',
  },
  {
    id: 'iam-role-saml-trust-without-audience',
    category: 'security',
    title: 'A SAML-federated role does not check SAML:aud in its trust policy.',
    scenario:
      'Large MNC: "identity provider forwards SAML response to AWS STS ○ Using STS AssumeRoleWithSAML"',
    expect: 'rule `iam-role-saml-trust-audience-restricted` fails',
  },
  {
    id: 'kms-key-rotation-disabled',
    category: 'compliance',
    title: 'A customer managed KMS key has automatic rotation off.',
    scenario: 'Key Tools: "Security: IAM, KMS, AWS WAF, Inspector"',
    expect: 'rule `kms-key-rotation-enabled` fails (cis-aws-v5.0:3.6, aws-fsbp:KMS.4)',
  },
  {
    id: 'organizations-ou-without-guardrail-scp',
    category: 'compliance',
    title:
      'The Dev OU has only FullAWSAccess: no guardrail SCP stops anyone disabling CloudTrail or leaving the organisation.',
    scenario: 'Daily task: "Use AWS Organizations and Control Tower for governance."',
    expect:
      'rule `organizations-ou-guardrail-scp-attached` fails (cis-aws-v7.0:2.1.2); iam simulate ci-deployer (dev) cloudtrail:StopLogging → Allow; prod-deploy-legacy (prod) → ExplicitDeny by SCP deny-security-tampering',
  },
] as const satisfies readonly DemoProblem[];

/** A problem id of the catalogue. Tags built through the inventory are checked against it at compile time. */
export type ProblemId = (typeof DEMO_PROBLEMS)[number]['id'];
