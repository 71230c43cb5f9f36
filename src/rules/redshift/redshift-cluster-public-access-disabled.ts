import { defineRule, error, fail, pass } from '../rule.js';
import { flag } from '../rds/values.js';
import { CLUSTER, describeCluster } from './cluster.js';

/** Compliant: the cluster is not publicly accessible (PubliclyAccessible false, the default). */
export default defineRule({
  id: 'redshift-cluster-public-access-disabled',
  title: 'Redshift cluster is not publicly accessible',
  category: 'security',
  severity: 'critical',
  resourceTypes: [CLUSTER],
  rationale:
    'A publicly accessible cluster gets a public IP address and a DNS name that resolves to it, so the data warehouse, usually the most complete copy of the business data, is one security-group rule away from the internet. Analysts and tools should reach it privately (VPN, Direct Connect, a bastion, or the Redshift Data API).',
  remediation: {
    text: 'Turn off public accessibility and connect through private networking.',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --no-publicly-accessible',
    cloudformation: 'PubliclyAccessible: false',
    terraform: 'resource "aws_redshift_cluster" "this" {\n  # ...\n  publicly_accessible = false\n}',
  },
  controls: ['aws-fsbp:Redshift.1', 'pci-dss-v4.0:1.4.4'],
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html'],
  evaluate(cluster) {
    const who = describeCluster(cluster);
    const on = flag(cluster.props, 'PubliclyAccessible', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    return on.value
      ? fail(`${who} is publicly accessible: its endpoint resolves to a public IP address.`)
      : pass(() => `${who} is not publicly accessible${on.defaulted ? ' (the default)' : ''}.`);
  },
});
