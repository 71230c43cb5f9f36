import { defineRule, error, fail, label, pass } from '../rule.js';
import { flag } from '../rds/values.js';

/** Compliant: the DAX cluster encrypts its nodes' data at rest (SSESpecification.SSEEnabled). */
export default defineRule({
  id: 'dynamodb-dax-cluster-encryption-enabled',
  title: 'DynamoDB Accelerator (DAX) cluster is encrypted at rest',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::DAX::Cluster'],
  rationale:
    "A DAX cluster caches items from DynamoDB tables, which are always encrypted at rest, on its nodes' disks and logs. Without DAX encryption at rest that cached copy of the data is the one unencrypted place it lives. Encryption can only be chosen when the cluster is created.",
  remediation: {
    text: 'Create a new DAX cluster with encryption at rest, point the clients at it and delete the old one.',
    cli: 'aws dax create-cluster --cluster-name <name> --node-type dax.r5.large --replication-factor 3 --iam-role-arn <role-arn> --sse-specification Enabled=true',
    cloudformation: 'SSESpecification:\n  SSEEnabled: true',
    terraform:
      'resource "aws_dax_cluster" "this" {\n  # ...\n  server_side_encryption {\n    enabled = true\n  }\n}',
  },
  controls: ['aws-fsbp:DynamoDB.3', 'pci-dss-v4.0:3.5.1'],
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html'],
  evaluate(cluster) {
    const who = `DAX cluster ${label(cluster)}`;
    const on = flag(cluster.props, 'SSESpecification.SSEEnabled', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} is encrypted at rest.`)
      : fail(`${who} is not encrypted at rest${on.defaulted ? ' (SSESpecification not set)' : ''}.`);
  },
});
