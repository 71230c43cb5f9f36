import { asBoolean, defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { describeLoadBalancer, LOAD_BALANCER, lbAttribute, loadBalancerType } from './load-balancer.js';

/**
 * Compliant: the Application Load Balancer drops HTTP headers with invalid names
 * (`routing.http.drop_invalid_header_fields.enabled` true; the default is false). Other load
 * balancer types do not parse HTTP and are not applicable.
 */
export default defineRule({
  id: 'elb-load-balancer-drops-invalid-headers',
  title: 'Application Load Balancer drops invalid HTTP headers',
  category: 'security',
  severity: 'medium',
  resourceTypes: [LOAD_BALANCER],
  rationale:
    'Header names that do not conform to the HTTP specification (underscores, odd characters) are interpreted differently by different servers and proxies, which is the basis of request smuggling and header-injection attacks against the targets behind the load balancer. Dropping them at the edge means the application only ever sees well-formed headers.',
  remediation: {
    text: 'Enable routing.http.drop_invalid_header_fields.enabled after checking that clients do not rely on such headers.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true',
    cloudformation:
      'LoadBalancerAttributes:\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: "true"',
    terraform: 'resource "aws_lb" "this" {\n  drop_invalid_header_fields = true\n}',
  },
  controls: ['aws-fsbp:ELB.4'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4',
  ],
  evaluate(lb) {
    const type = loadBalancerType(lb);
    if (typeof type !== 'string') return error(`Load balancer ${label(lb)}: ${type.unknown}.`);
    const who = describeLoadBalancer(lb, type, label(lb));
    if (type !== 'application') return notApplicable(() => `${who} does not parse HTTP headers.`);
    const a = lbAttribute(lb, 'routing.http.drop_invalid_header_fields.enabled');
    if (a.unknown) return error(`${who}: ${a.unknown}.`);
    if (a.value !== undefined && asBoolean(a.value)) return pass(() => `${who} drops invalid header fields.`);
    return fail(
      `${who} passes invalid header fields to its targets${a.value === undefined ? ' (the default)' : ''}.`,
    );
  },
});
