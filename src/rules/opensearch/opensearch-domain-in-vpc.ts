import { defineRule, error, fail, pass, prop } from '../rule.js';
import { describeDomain, DOMAIN_TYPES } from './domain.js';

/** Compliant: the domain is placed in a VPC (VPCOptions.SubnetIds), not on a public endpoint. */
export default defineRule({
  id: 'opensearch-domain-in-vpc',
  title: 'OpenSearch domain is reachable only from a VPC',
  category: 'security',
  severity: 'high',
  resourceTypes: DOMAIN_TYPES,
  rationale:
    'A domain outside a VPC has a public endpoint whose only protection is its access policy (and fine-grained access control); one over-broad policy statement exposes every index to the internet, and exposed search clusters are a classic source of data leaks. A VPC domain is reachable only through its subnets and security groups.',
  remediation: {
    text: 'Create a new domain in private subnets with a security group that allows only the clients, restore a snapshot into it and switch the clients (a public domain cannot be moved into a VPC).',
    cli: 'aws opensearch create-domain --domain-name <domain> --vpc-options SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg> ...',
    cloudformation:
      'VPCOptions:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref SearchSecurityGroup]',
    terraform:
      'resource "aws_opensearch_domain" "this" {\n  # ...\n  vpc_options {\n    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n    security_group_ids = [aws_security_group.search.id]\n  }\n}',
  },
  controls: ['aws-fsbp:Opensearch.2', 'aws-fsbp:ES.2', 'pci-dss-v4.0:1.4.4'],
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html'],
  evaluate(domain) {
    const who = describeDomain(domain);
    const subnets = prop(domain.props, 'VPCOptions.SubnetIds');
    if (!subnets.known) return error(`${who}: ${subnets.reason}.`);
    if (!Array.isArray(subnets.value) || subnets.value.length === 0) {
      return fail(`${who} has a public endpoint: it is not placed in a VPC (no VPCOptions.SubnetIds).`);
    }
    // A subnet id known only after deploy is still a subnet: the domain is in a VPC.
    const ids = subnets.value.filter((s): s is string => typeof s === 'string');
    return pass(() => `${who} is in a VPC${ids.length > 0 ? ` (subnets ${ids.join(', ')})` : ''}.`);
  },
});
