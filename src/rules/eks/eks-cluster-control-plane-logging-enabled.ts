import { z } from 'zod';
import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

const CLUSTER = 'AWS::EKS::Cluster';
const TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/**
 * Compliant: the cluster sends the required control plane log types to CloudWatch Logs
 * (`Logging.ClusterLogging.EnabledTypes`; api, audit and authenticator by default). All types are
 * off by default.
 */
export default defineRule({
  id: 'eks-cluster-control-plane-logging-enabled',
  title: 'EKS cluster sends its control plane audit logs to CloudWatch Logs',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [CLUSTER],
  rationale:
    'CloudTrail records calls to the EKS API but not what happens inside Kubernetes: who read a secret, exec-ed into a pod or bound cluster-admin. Only the control plane audit log (and the authenticator log, which maps IAM identities to Kubernetes users) answers those questions, and EKS keeps none of it unless logging is turned on.',
  remediation: {
    text: 'Enable the api, audit and authenticator log types (controllerManager and scheduler for troubleshooting) and set a retention on the /aws/eks/<cluster>/cluster log group.',
    cli: 'aws eks update-cluster-config --name <cluster> --logging \'{"clusterLogging":[{"types":["api","audit","authenticator"],"enabled":true}]}\'',
    cloudformation:
      'Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: api\n      - Type: audit\n      - Type: authenticator',
    terraform:
      'resource "aws_eks_cluster" "this" {\n  # ...\n  enabled_cluster_log_types = ["api", "audit", "authenticator"]\n}',
  },
  controls: ['aws-fsbp:EKS.8'],
  params: z.object({
    types: z
      .array(z.enum(TYPES))
      .default(['api', 'audit', 'authenticator'])
      .describe('Control plane log types that must be enabled (EKS.8 asks for audit).'),
  }),
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html'],
  evaluate(cluster, ctx) {
    const who = `EKS cluster ${label(cluster)}`;
    const enabled = (cluster.props.Logging as { ClusterLogging?: { EnabledTypes?: unknown } } | undefined)
      ?.ClusterLogging?.EnabledTypes;
    if (isUnresolved(enabled))
      return error(`${who}: ${describeUnresolved('Logging.ClusterLogging.EnabledTypes', enabled)}.`);
    const on = new Set(
      (Array.isArray(enabled) ? enabled : [])
        .map((t) => (t as { Type?: unknown } | null)?.Type)
        .filter((t): t is string => typeof t === 'string'),
    );
    const missing = ctx.params.types.filter((t) => !on.has(t));
    if (missing.length === ctx.params.types.length)
      return fail(`${who} sends none of the control plane logs ${ctx.params.types.join(', ')}.`);
    if (missing.length > 0)
      return fail(
        `${who} does not send the ${missing.join(', ')} control plane log${missing.length === 1 ? '' : 's'}.`,
      );
    return pass(
      () => `${who} sends the ${ctx.params.types.join(', ')} control plane logs to CloudWatch Logs.`,
    );
  },
});
