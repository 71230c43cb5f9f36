import { z } from 'zod';
import { isUnresolved } from '../../model/index.js';
import { asBoolean, defineRule, describeUnresolved, error, fail, label, pass } from '../rule.js';

const CLUSTER = 'AWS::EKS::Cluster';
const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * Compliant: the cluster's API server endpoint is private only (`EndpointPublicAccess: false`).
 * The public endpoint is on by default; with `allowRestrictedCidrs`, a public endpoint limited
 * to `PublicAccessCidrs` that exclude 0.0.0.0/0 passes too.
 */
export default defineRule({
  id: 'eks-cluster-endpoint-not-public',
  title: 'EKS cluster API endpoint is not publicly accessible',
  category: 'security',
  severity: 'high',
  resourceTypes: [CLUSTER],
  rationale:
    'The Kubernetes API server controls every workload and secret of the cluster. A public endpoint (the default, open to 0.0.0.0/0) is reachable by anyone who finds it: stolen kubeconfigs and tokens work from anywhere, and vulnerabilities of the API server are exposed to the internet. A private endpoint is reachable only from the VPC and connected networks.',
  remediation: {
    text: 'Enable the private endpoint and disable the public one (reach the cluster through a VPN, Direct Connect or a bastion); if the public endpoint must stay, restrict it to your egress CIDRs.',
    cli: 'aws eks update-cluster-config --name <cluster> --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true',
    cloudformation:
      'ResourcesVpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  EndpointPrivateAccess: true\n  EndpointPublicAccess: false',
    terraform:
      'vpc_config {\n  subnet_ids              = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n  endpoint_private_access = true\n  endpoint_public_access  = false\n}',
  },
  controls: ['aws-fsbp:EKS.1'],
  params: z.object({
    allowRestrictedCidrs: z
      .boolean()
      .default(false)
      .describe('Accept a public endpoint whose PublicAccessCidrs exclude 0.0.0.0/0 and ::/0.'),
  }),
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
  evaluate(cluster, ctx) {
    const who = `EKS cluster ${label(cluster)}`;
    const config = (cluster.props.ResourcesVpcConfig ?? {}) as Record<string, unknown>;
    if (isUnresolved(config)) return error(`${who}: ${describeUnresolved('ResourcesVpcConfig', config)}.`);
    const flag = config.EndpointPublicAccess;
    if (isUnresolved(flag))
      return error(`${who}: ${describeUnresolved('ResourcesVpcConfig.EndpointPublicAccess', flag)}.`);
    // EndpointPublicAccess defaults to true.
    if (asBoolean(flag) === false) return pass(() => `${who} has a private API endpoint only.`);
    const cidrs = config.PublicAccessCidrs;
    if (isUnresolved(cidrs))
      return error(`${who}: ${describeUnresolved('ResourcesVpcConfig.PublicAccessCidrs', cidrs)}.`);
    const list = Array.isArray(cidrs) && cidrs.length > 0 ? cidrs.map(String) : ['0.0.0.0/0'];
    const open = list.some((c) => ANYWHERE.has(c));
    if (open)
      return fail(
        `${who} has a public API endpoint open to ${list.filter((c) => ANYWHERE.has(c)).join(' and ')}.`,
      );
    if (ctx.params.allowRestrictedCidrs)
      return pass(() => `${who} has a public API endpoint limited to ${list.join(', ')}.`);
    return fail(`${who} has a public API endpoint (limited to ${list.join(', ')}).`);
  },
});
