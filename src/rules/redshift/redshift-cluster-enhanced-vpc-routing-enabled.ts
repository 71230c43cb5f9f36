import { defineRule, error, fail, pass } from '../rule.js';
import { flag } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/** Compliant: the cluster uses Enhanced VPC Routing (EnhancedVpcRouting true). */
export default defineRule({
  id: 'redshift-cluster-enhanced-vpc-routing-enabled',
  title: 'Redshift cluster routes COPY and UNLOAD traffic through its VPC',
  category: 'security',
  severity: 'high',
  resourceTypes: [CLUSTER],
  rationale:
    "Without Enhanced VPC Routing, Redshift sends COPY and UNLOAD traffic to S3 and other services over the internet, outside the VPC, where security groups, network ACLs, VPC endpoint policies and VPC Flow Logs do not see it. With it, the traffic goes through the VPC, so it can be kept private through a gateway endpoint and restricted and logged like everything else. This is the Redshift-only way to say 'data may move only via the VPC'.",
  remediation: {
    text: 'Turn on Enhanced VPC Routing (the cluster restarts) and make sure its subnets reach S3 through a gateway endpoint or a NAT gateway.',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --enhanced-vpc-routing',
    cloudformation: 'EnhancedVpcRouting: true',
    terraform: 'resource "aws_redshift_cluster" "this" {\n  # ...\n  enhanced_vpc_routing = true\n}',
  },
  controls: ['aws-fsbp:Redshift.7'],
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html'],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    // EnhancedVpcRouting defaults to false.
    const on = flag(cluster.props, 'EnhancedVpcRouting', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? pass(() => `${who} has Enhanced VPC Routing: COPY and UNLOAD traffic stays in the VPC.`)
      : fail(
          `${who} has Enhanced VPC Routing ${on.defaulted ? 'not configured (off by default)' : 'off'}: COPY and UNLOAD traffic leaves the VPC.`,
        );
  },
});
