import { defineRule, error, fail, label, pass } from '../rule.js';
import { text } from '../rds/values.js';

/** Compliant: the DAX cluster endpoint requires TLS (ClusterEndpointEncryptionType TLS). */
export default defineRule({
  id: 'dynamodb-dax-cluster-tls-enabled',
  title: 'DynamoDB Accelerator (DAX) cluster encrypts connections in transit',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::DAX::Cluster'],
  rationale:
    'Without in-transit encryption, clients send queries and receive cached items over plain TCP inside the VPC, readable by anything that can see the traffic. With TLS the endpoint only accepts encrypted, authenticated connections. The setting can only be chosen when the cluster is created (the default is NONE).',
  remediation: {
    text: 'Create a new DAX cluster with ClusterEndpointEncryptionType TLS, switch the clients to its daxs:// endpoint and delete the old cluster.',
    cli: 'aws dax create-cluster --cluster-name <name> --node-type dax.r5.large --replication-factor 3 --iam-role-arn <role-arn> --cluster-endpoint-encryption-type TLS',
    cloudformation: 'ClusterEndpointEncryptionType: TLS',
    terraform: 'resource "aws_dax_cluster" "this" {\n  # ...\n  cluster_endpoint_encryption_type = "TLS"\n}',
  },
  controls: ['aws-fsbp:DynamoDB.7', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html',
  ],
  evaluate(cluster) {
    const who = `DAX cluster ${label(cluster)}`;
    const type = text(cluster.props, 'ClusterEndpointEncryptionType');
    if (!type.known) return error(`${who}: ${type.reason}.`);
    if (type.value?.toUpperCase() === 'TLS') return pass(() => `${who} requires TLS on its endpoint.`);
    return fail(
      `${who} accepts unencrypted connections (ClusterEndpointEncryptionType ${type.value ?? 'not set, so NONE'}).`,
    );
  },
});
