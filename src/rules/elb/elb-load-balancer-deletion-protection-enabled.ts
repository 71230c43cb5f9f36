import { asBoolean, defineRule, error, fail, label, pass } from '../rule.js';
import { describeLoadBalancer, LOAD_BALANCER, lbAttribute, loadBalancerType } from './load-balancer.js';

/** Compliant: the Application, Network or Gateway Load Balancer has `deletion_protection.enabled` true. */
export default defineRule({
  id: 'elb-load-balancer-deletion-protection-enabled',
  title: 'Load balancer has deletion protection enabled',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [LOAD_BALANCER],
  rationale:
    'Deleting a load balancer takes the application it fronts offline at once, and the replacement gets a new DNS name that every alias, CNAME and partner configuration must be pointed at again. Deletion protection makes the delete call fail until someone turns it off on purpose, which stops a stray script, a wrong stack update or a cleanup run from taking production down.',
  remediation: {
    text: 'Turn on deletion protection; turn it off deliberately when the load balancer really has to go.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=deletion_protection.enabled,Value=true',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: deletion_protection.enabled\n    Value: "true"',
    terraform: 'resource "aws_lb" "this" {\n  enable_deletion_protection = true\n}',
  },
  controls: ['aws-fsbp:ELB.6'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-6',
  ],
  evaluate(lb) {
    const type = loadBalancerType(lb);
    if (typeof type !== 'string') return error(`Load balancer ${label(lb)}: ${type.unknown}.`);
    const who = describeLoadBalancer(lb, type, label(lb));
    const a = lbAttribute(lb, 'deletion_protection.enabled');
    if (a.unknown) return error(`${who}: ${a.unknown}.`);
    if (a.value !== undefined && asBoolean(a.value))
      return pass(() => `${who} has deletion protection enabled.`);
    return fail(`${who} has deletion protection ${a.value === undefined ? 'off (the default)' : 'off'}.`);
  },
});
