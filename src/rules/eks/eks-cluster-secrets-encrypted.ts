import { isUnresolved } from '../../model/index.js';
import { expressionTarget } from '../cloudwatch/references.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

const CLUSTER = 'AWS::EKS::Cluster';

/**
 * Compliant: the cluster envelope-encrypts Kubernetes secrets with a KMS key of yours
 * (`EncryptionConfig` with `Resources: [secrets]` and `Provider.KeyArn`).
 */
export default defineRule({
  id: 'eks-cluster-secrets-encrypted',
  title: 'EKS cluster encrypts Kubernetes secrets with a customer managed KMS key',
  category: 'security',
  severity: 'medium',
  resourceTypes: [CLUSTER],
  rationale:
    'Kubernetes secrets (database passwords, tokens, TLS keys) are stored in etcd. EKS encrypts etcd volumes, and newer versions envelope-encrypt API data with an AWS owned key, but only envelope encryption with your own KMS key makes reading a secret depend on a key policy you control, audit in CloudTrail, and can revoke.',
  remediation: {
    text: 'Associate a customer managed KMS key with the cluster for secrets encryption (it cannot be removed afterwards), and re-write existing secrets so they are encrypted with it.',
    cli: 'aws eks associate-encryption-config --cluster-name <cluster> --encryption-config \'[{"resources":["secrets"],"provider":{"keyArn":"<key-arn>"}}]\'\nkubectl get secrets --all-namespaces -o json | kubectl replace -f -',
    cloudformation:
      'EncryptionConfig:\n  - Resources: [secrets]\n    Provider:\n      KeyArn: !GetAtt EksSecretsKey.Arn',
    terraform:
      'encryption_config {\n  resources = ["secrets"]\n  provider {\n    key_arn = aws_kms_key.eks_secrets.arn\n  }\n}',
  },
  controls: ['aws-fsbp:EKS.3'],
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html'],
  evaluate(cluster, ctx) {
    const who = `EKS cluster ${label(cluster)}`;
    const configs = cluster.props.EncryptionConfig;
    if (isUnresolved(configs)) return error(`${who}: ${describeUnresolved('EncryptionConfig', configs)}.`);
    const list = Array.isArray(configs) ? configs : [];
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as { Resources?: unknown; Provider?: { KeyArn?: unknown } } | null;
      if (isUnresolved(c)) return error(`${who}: ${describeUnresolved(`EncryptionConfig[${i}]`, c)}.`);
      if (!Array.isArray(c?.Resources) || !c.Resources.includes('secrets')) continue;
      const key = c.Provider?.KeyArn;
      if (typeof key === 'string' && key !== '')
        return pass(() => `${who} encrypts Kubernetes secrets with KMS key ${key}.`);
      if (isUnresolved(key)) {
        const target = expressionTarget(key.expression);
        const found = target === undefined ? undefined : ctx.graph.get(target, 'AWS::KMS::Key', cluster);
        if (found) return pass(() => `${who} encrypts Kubernetes secrets with KMS key ${label(found)}.`);
        return error(`${who}: ${describeUnresolved(`EncryptionConfig[${i}].Provider.KeyArn`, key)}.`);
      }
    }
    return fail(
      `${who} does not encrypt Kubernetes secrets with a KMS key of its own (no EncryptionConfig for secrets).`,
    );
  },
});
