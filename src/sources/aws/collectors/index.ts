import type { Collector } from '../collector.js';
import { EC2_COLLECTORS } from './ec2/index.js';
import { RDS_COLLECTORS } from './rds/index.js';
import { ELBV2_COLLECTORS } from './elbv2/index.js';
import { ELB_COLLECTORS } from './elb/index.js';
import { DYNAMODB_COLLECTORS } from './dynamodb/index.js';
import { APPLICATION_AUTOSCALING_COLLECTORS } from './application-autoscaling/index.js';
import { LAMBDA_COLLECTORS } from './lambda/index.js';
import { KMS_COLLECTORS } from './kms/index.js';
import { CLOUDTRAIL_COLLECTORS } from './cloudtrail/index.js';
import { CONFIG_COLLECTORS } from './config/index.js';
import { CLOUDWATCH_COLLECTORS } from './cloudwatch/index.js';
import { GUARDDUTY_COLLECTORS } from './guardduty/index.js';
import { SECURITYHUB_COLLECTORS } from './securityhub/index.js';
import { AUTOSCALING_COLLECTORS } from './autoscaling/index.js';
import { ROUTE53_COLLECTORS } from './route53/index.js';
import { REDSHIFT_COLLECTORS } from './redshift/index.js';
import { EKS_COLLECTORS } from './eks/index.js';
import { ECS_COLLECTORS } from './ecs/index.js';
import { IAM_COLLECTORS } from './iam/index.js';
import { ORGANIZATIONS_COLLECTORS } from './organizations/index.js';
import { S3_COLLECTORS } from './s3/index.js';
import { CODEPIPELINE_COLLECTORS } from './codepipeline/index.js';
import { BACKUP_COLLECTORS } from './backup/index.js';
import { CLOUDFRONT_COLLECTORS } from './cloudfront/index.js';
import { ACM_COLLECTORS } from './acm/index.js';
import { SNS_COLLECTORS } from './sns/index.js';
import { LOGS_COLLECTORS } from './logs/index.js';
import { ACCESS_ANALYZER_COLLECTORS } from './access-analyzer/index.js';
import { EVENTS_COLLECTORS } from './events/index.js';
import { ELASTICACHE_COLLECTORS } from './elasticache/index.js';
import { OPENSEARCH_COLLECTORS } from './opensearch/index.js';
import { APIGATEWAY_COLLECTORS } from './apigateway/index.js';
import { EFS_COLLECTORS } from './efs/index.js';
import { SQS_COLLECTORS } from './sqs/index.js';
import { SECRETSMANAGER_COLLECTORS } from './secretsmanager/index.js';

/** Every collector, by service folder. `cloudrounds policy` and the runner read this list. */
export const COLLECTORS: readonly Collector[] = [
  ...EC2_COLLECTORS,
  ...S3_COLLECTORS,
  ...IAM_COLLECTORS,
  ...RDS_COLLECTORS,
  ...ELBV2_COLLECTORS,
  ...ELB_COLLECTORS,
  ...DYNAMODB_COLLECTORS,
  ...APPLICATION_AUTOSCALING_COLLECTORS,
  ...LAMBDA_COLLECTORS,
  ...KMS_COLLECTORS,
  ...CLOUDTRAIL_COLLECTORS,
  ...CONFIG_COLLECTORS,
  ...CLOUDWATCH_COLLECTORS,
  ...GUARDDUTY_COLLECTORS,
  ...SECURITYHUB_COLLECTORS,
  ...AUTOSCALING_COLLECTORS,
  ...ROUTE53_COLLECTORS,
  ...REDSHIFT_COLLECTORS,
  ...EKS_COLLECTORS,
  ...ECS_COLLECTORS,
  ...ORGANIZATIONS_COLLECTORS,
  ...CODEPIPELINE_COLLECTORS,
  ...BACKUP_COLLECTORS,
  ...CLOUDFRONT_COLLECTORS,
  ...ACM_COLLECTORS,
  ...SNS_COLLECTORS,
  ...LOGS_COLLECTORS,
  ...ACCESS_ANALYZER_COLLECTORS,
  ...EVENTS_COLLECTORS,
  ...ELASTICACHE_COLLECTORS,
  ...OPENSEARCH_COLLECTORS,
  ...APIGATEWAY_COLLECTORS,
  ...EFS_COLLECTORS,
  ...SQS_COLLECTORS,
  ...SECRETSMANAGER_COLLECTORS,
];

/** Collectors by id. */
export function collectorsById(list: readonly Collector[] = COLLECTORS): Map<string, Collector> {
  return new Map(list.map((c) => [c.id, c]));
}
