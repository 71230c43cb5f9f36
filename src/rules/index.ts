import { acmRules } from './acm/index.js';
import { apigatewayRules } from './apigateway/index.js';
import { autoscalingRules } from './autoscaling/index.js';
import { backupRules } from './backup/index.js';
import { cloudfrontRules } from './cloudfront/index.js';
import { cloudtrailRules } from './cloudtrail/index.js';
import { cloudwatchRules } from './cloudwatch/index.js';
import { codepipelineRules } from './codepipeline/index.js';
import { configRules } from './config/index.js';
import { dynamodbRules } from './dynamodb/index.js';
import { ec2Rules } from './ec2/index.js';
import { ecsRules } from './ecs/index.js';
import { efsRules } from './efs/index.js';
import { eksRules } from './eks/index.js';
import { elasticacheRules } from './elasticache/index.js';
import { elbRules } from './elb/index.js';
import { guarddutyRules } from './guardduty/index.js';
import { iamRules } from './iam/index.js';
import { kmsRules } from './kms/index.js';
import { lambdaRules } from './lambda/index.js';
import { opensearchRules } from './opensearch/index.js';
import { organizationsRules } from './organizations/index.js';
import { rdsRules } from './rds/index.js';
import { redshiftRules } from './redshift/index.js';
import { route53Rules } from './route53/index.js';
import { s3Rules } from './s3/index.js';
import { secretsmanagerRules } from './secretsmanager/index.js';
import { securityhubRules } from './securityhub/index.js';
import { snsRules } from './sns/index.js';
import { sqsRules } from './sqs/index.js';
import type { AnyRule } from './rule.js';

/**
 * Every rule, assembled from the per-service registries (`src/rules/<service>/index.ts`). A new
 * service folder adds one import and one spread here; test/meta/rules.test.ts checks that the
 * folders on disk and this list agree.
 */
export const allRules: readonly AnyRule[] = [
  ...acmRules,
  ...apigatewayRules,
  ...autoscalingRules,
  ...backupRules,
  ...cloudfrontRules,
  ...cloudtrailRules,
  ...cloudwatchRules,
  ...codepipelineRules,
  ...configRules,
  ...dynamodbRules,
  ...ec2Rules,
  ...ecsRules,
  ...efsRules,
  ...eksRules,
  ...elasticacheRules,
  ...elbRules,
  ...guarddutyRules,
  ...iamRules,
  ...kmsRules,
  ...lambdaRules,
  ...opensearchRules,
  ...organizationsRules,
  ...rdsRules,
  ...redshiftRules,
  ...route53Rules,
  ...s3Rules,
  ...secretsmanagerRules,
  ...securityhubRules,
  ...snsRules,
  ...sqsRules,
];

export * from './rule.js';
