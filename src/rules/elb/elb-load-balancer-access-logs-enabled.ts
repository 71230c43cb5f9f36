import { isUnresolved } from '../../model/index.js';
import {
  asBoolean,
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
} from '../rule.js';
import {
  CLASSIC,
  describeLoadBalancer,
  LOAD_BALANCER,
  lbAttribute,
  loadBalancerType,
} from './load-balancer.js';

/**
 * Compliant: an Application or Classic Load Balancer writes access logs to S3
 * (`access_logs.s3.enabled` true, or the classic `AccessLoggingPolicy.Enabled`). Network and
 * Gateway Load Balancers are not applicable (Security Hub ELB.5 covers the other two).
 */
export default defineRule({
  id: 'elb-load-balancer-access-logs-enabled',
  title: 'Load balancer writes access logs',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [LOAD_BALANCER, CLASSIC],
  rationale:
    'Access logs record every request the load balancer receives: client address, time, request line, status codes of the load balancer and the target, latencies, TLS cipher and the target that answered. They are the record of who called what when an incident, an abuse report or an audit asks, and the way to "capture all traffic flowing between client and web server". They are off by default. Note what they do not contain: the load balancer\'s own health checks are not logged, and logging is best effort, so they complement rather than replace application logs and VPC flow logs.',
  remediation: {
    text: 'Enable access logs to an S3 bucket in the same region whose policy lets the Elastic Load Balancing service write to it, with a prefix per load balancer.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket> Key=access_logs.s3.prefix,Value=<prefix>',
    cloudformation:
      'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref AlbLogBucket\n  - Key: access_logs.s3.prefix\n    Value: web-alb',
    terraform:
      'resource "aws_lb" "this" {\n  access_logs {\n    bucket  = aws_s3_bucket.alb_logs.id\n    prefix  = "web-alb"\n    enabled = true\n  }\n}',
  },
  controls: ['aws-fsbp:ELB.5', 'pci-dss-v4.0:10.2.1'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5',
  ],
  evaluate(lb) {
    const type = loadBalancerType(lb);
    if (typeof type !== 'string') return error(`Load balancer ${label(lb)}: ${type.unknown}.`);
    const who = describeLoadBalancer(lb, type, label(lb));
    if (type === 'network' || type === 'gateway')
      return notApplicable(() => `${who} is not an Application or Classic Load Balancer.`);
    let enabled: boolean | undefined;
    if (type === 'classic') {
      const policy = lb.props.AccessLoggingPolicy as Record<string, unknown> | undefined;
      if (isUnresolved(policy)) return error(`${who}: ${describeUnresolved('AccessLoggingPolicy', policy)}.`);
      if (isUnresolved(policy?.Enabled))
        return error(`${who}: ${describeUnresolved('AccessLoggingPolicy.Enabled', policy?.Enabled)}.`);
      enabled = policy === undefined ? false : asBoolean(policy.Enabled);
    } else {
      const a = lbAttribute(lb, 'access_logs.s3.enabled');
      if (a.unknown) return error(`${who}: ${a.unknown}.`);
      enabled = a.value === undefined ? false : asBoolean(a.value);
    }
    if (enabled) {
      const bucket =
        type === 'classic'
          ? (lb.props.AccessLoggingPolicy as Record<string, unknown>).S3BucketName
          : lbAttribute(lb, 'access_logs.s3.bucket').value;
      return pass(() => `${who} writes access logs${typeof bucket === 'string' ? ` to ${bucket}` : ''}.`);
    }
    return fail(`${who} does not write access logs.`);
  },
});
