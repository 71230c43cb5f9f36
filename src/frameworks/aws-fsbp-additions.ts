import type { ControlData } from './types.js';

/**
 * FSBP controls of services the generated list (aws-fsbp.ts) does not cover, added when a rule
 * maps to one. Each entry carries the Security Hub page it was read from, so it can be checked
 * again: https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html
 *
 * Example:
 *   'SQS.1': { title: 'Amazon SQS queues should be encrypted at rest', severity: 'medium',
 *              url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html' },
 */
export const awsFsbpAdditions = {
  'ACM.1': {
    title: 'Imported and ACM-issued certificates should be renewed after a specified time period',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html',
  },
  'ACM.2': {
    title: 'RSA certificates managed by ACM should use a key length of at least 2,048 bits',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html',
  },
  'APIGateway.1': {
    title: 'API Gateway REST and WebSocket API execution logging should be enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
  },
  'APIGateway.4': {
    title: 'API Gateway should be associated with a WAF Web ACL',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
  },
  'CloudFront.1': {
    title: 'CloudFront distributions should have a default root object configured',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.3': {
    title: 'CloudFront distributions should require encryption in transit',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.4': {
    title: 'CloudFront distributions should have origin failover configured',
    severity: 'low',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.5': {
    title: 'CloudFront distributions should have logging enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.6': {
    title: 'CloudFront distributions should have WAF enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.7': {
    title: 'CloudFront distributions should use custom SSL/TLS certificates',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.8': {
    title: 'CloudFront distributions should use SNI to serve HTTPS requests',
    severity: 'low',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.9': {
    title: 'CloudFront distributions should encrypt traffic to custom origins',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.10': {
    title:
      'CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.13': {
    title: 'CloudFront distributions should use origin access control',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudFront.15': {
    title: 'CloudFront distributions should use the recommended TLS security policy',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  },
  'CloudWatch.15': {
    title: 'CloudWatch alarms should have specified actions configured',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html',
  },
  'CloudWatch.17': {
    title: 'CloudWatch alarm actions should be activated',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html',
  },
  'ECS.1': {
    title: 'Amazon ECS task definitions should have secure networking modes and user definitions',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
  },
  'ECS.4': {
    title: 'ECS containers should run as non-privileged',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
  },
  'ECS.5': {
    title: 'ECS containers should be limited to read-only access to root filesystems',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
  },
  'ECS.8': {
    title: 'Secrets should not be passed as container environment variables',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
  },
  'EFS.1': {
    title: 'Amazon EFS should be configured to encrypt file data at rest using AWS KMS',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html',
  },
  'EFS.2': {
    title: 'Amazon EFS volumes should be in backup plans',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html',
  },
  'EKS.1': {
    title: 'EKS cluster endpoints should not be publicly accessible',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html',
  },
  'EKS.2': {
    title: 'EKS clusters should run on a supported Kubernetes version',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html',
  },
  'EKS.3': {
    title: 'EKS clusters should use encrypted Kubernetes secrets',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html',
  },
  'EKS.8': {
    title: 'EKS clusters should have audit logging enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html',
  },
  'ElastiCache.1': {
    title: 'ElastiCache (Redis OSS) clusters should have automatic backups enabled',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html',
  },
  'ElastiCache.3': {
    title: 'ElastiCache replication groups should have automatic failover enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html',
  },
  'ElastiCache.4': {
    title: 'ElastiCache replication groups should be encrypted at rest',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html',
  },
  'ElastiCache.5': {
    title: 'ElastiCache replication groups should be encrypted in transit',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html',
  },
  'ELB.8': {
    title:
      'Classic Load Balancers with SSL listeners should use a predefined security policy that has strong AWS Configuration',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html',
  },
  'ES.1': {
    title: 'Elasticsearch domains should have encryption at-rest enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html',
  },
  'ES.2': {
    title: 'Elasticsearch domains should not be publicly accessible',
    severity: 'critical',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html',
  },
  'ES.3': {
    title: 'Elasticsearch domains should encrypt data sent between nodes',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html',
  },
  'ES.5': {
    title: 'Elasticsearch domains should have audit logging enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html',
  },
  'ES.8': {
    title: 'Connections to Elasticsearch domains should be encrypted using the latest TLS security policy',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html',
  },
  'GuardDuty.1': {
    title: 'GuardDuty should be enabled',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html',
  },
  'Opensearch.1': {
    title: 'OpenSearch domains should have encryption at rest enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
  },
  'Opensearch.2': {
    title: 'OpenSearch domains should not be publicly accessible',
    severity: 'critical',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
  },
  'Opensearch.3': {
    title: 'OpenSearch domains should encrypt data sent between nodes',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
  },
  'Opensearch.5': {
    title: 'OpenSearch domains should have audit logging enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
  },
  'Opensearch.7': {
    title: 'OpenSearch domains should have fine-grained access control enabled',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
  },
  'Opensearch.8': {
    title: 'Connections to OpenSearch domains should be encrypted using the latest TLS security policy',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
  },
  'Redshift.1': {
    title: 'Amazon Redshift clusters should prohibit public access',
    severity: 'critical',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'Redshift.3': {
    title: 'Amazon Redshift clusters should have automatic snapshots enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'Redshift.4': {
    title: 'Amazon Redshift clusters should have audit logging enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'Redshift.6': {
    title: 'Amazon Redshift should have automatic upgrades to major versions enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'Redshift.7': {
    title: 'Amazon Redshift clusters should use enhanced VPC routing',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'Redshift.8': {
    title: 'Amazon Redshift clusters should not use the default Admin username',
    severity: 'high',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'Redshift.9': {
    title: 'Redshift clusters should not use the default database name',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'Redshift.10': {
    title: 'Redshift clusters should be encrypted at rest',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
  },
  'SecretsManager.1': {
    title: 'Secrets Manager secrets should have automatic rotation enabled',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html',
  },
  'SecretsManager.3': {
    title: 'Remove unused Secrets Manager secrets',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html',
  },
  'SecretsManager.4': {
    title: 'Secrets Manager secrets should be rotated within a specified number of days',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html',
  },
  'SNS.1': {
    title: 'SNS topics should be encrypted at-rest using AWS KMS',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html',
  },
  'SQS.1': {
    title: 'Amazon SQS queues should be encrypted at rest',
    severity: 'medium',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html',
  },
} as const satisfies Readonly<Record<string, ControlData>>;
