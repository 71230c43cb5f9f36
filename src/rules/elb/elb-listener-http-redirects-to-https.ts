import { isUnresolved, type Resource } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import { forwardTargets, LISTENER, LISTENER_RULE, LOAD_BALANCER, loadBalancerType } from './load-balancer.js';

type Verdict = { readonly problem: string } | { readonly unknown: string } | undefined;

/** Does an action list answer every request with a redirect to HTTPS (or a fixed response)? */
function check(actions: unknown, where: string): Verdict {
  if (isUnresolved(actions)) return { unknown: describeUnresolved(where, actions) };
  const problem = problemOf(actions, where);
  return typeof problem === 'string' ? { problem } : problem;
}

function problemOf(
  actions: unknown[] | unknown,
  where: string,
): string | { readonly unknown: string } | undefined {
  if (!Array.isArray(actions) || actions.length === 0) return `${where} has no actions`;
  for (const a of actions as Array<Record<string, unknown> | null>) {
    const type = a?.Type;
    if (type === 'redirect') {
      const protocol = (a?.RedirectConfig as { Protocol?: unknown } | undefined)?.Protocol;
      if (isUnresolved(protocol))
        return { unknown: describeUnresolved(`${where} RedirectConfig.Protocol`, protocol) };
      // "#{protocol}" (the default) keeps the request's own protocol: HTTP stays HTTP.
      if (protocol !== 'HTTPS')
        return `${where} redirects to ${protocol === undefined ? '#{protocol}' : String(protocol)}, not HTTPS`;
      continue;
    }
    if (type === 'fixed-response') continue;
    if (forwardTargets([a]).length > 0 || type === 'forward')
      return `${where} forwards plain HTTP to targets`;
    if (typeof type === 'string' && type.startsWith('authenticate'))
      return `${where} authenticates over plain HTTP`;
  }
  return undefined;
}

/**
 * Compliant: an HTTP listener of an Application Load Balancer redirects every request to HTTPS:
 * its default action and every listener rule redirect with protocol HTTPS (or return a fixed
 * response). Listeners on other protocols are not applicable. A live listener whose rules could not
 * be read (`observed.ListenerRules` unresolved) gives an error unless its default action already fails.
 */
export default defineRule({
  id: 'elb-listener-http-redirects-to-https',
  title: 'Application Load Balancer HTTP listener redirects to HTTPS',
  category: 'security',
  severity: 'medium',
  resourceTypes: [LISTENER],
  rationale:
    'An HTTP listener that forwards requests serves the application in clear text: session cookies, credentials and personal data cross the internet readable and modifiable by anyone on the path. Keeping port 80 open is right for users who type the bare domain, but only to answer with a permanent redirect to HTTPS, so that every real request is encrypted.',
  remediation: {
    text: 'Make the default action of the HTTP listener a redirect to HTTPS on port 443 with status 301, and remove rules that forward on it.',
    cli: "aws elbv2 modify-listener --listener-arn <listener-arn> --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'",
    cloudformation:
      'HttpListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    LoadBalancerArn: !Ref LoadBalancer\n    Port: 80\n    Protocol: HTTP\n    DefaultActions:\n      - Type: redirect\n        RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 }',
    terraform:
      'resource "aws_lb_listener" "http" {\n  load_balancer_arn = aws_lb.this.arn\n  port              = 80\n  protocol          = "HTTP"\n  default_action {\n    type = "redirect"\n    redirect {\n      protocol    = "HTTPS"\n      port        = "443"\n      status_code = "HTTP_301"\n    }\n  }\n}',
  },
  controls: ['aws-fsbp:ELB.1', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1',
  ],
  evaluate(listener, ctx) {
    const who = `Listener ${label(listener)}`;
    const protocol = listener.props.Protocol;
    if (isUnresolved(protocol)) return error(`${who}: ${describeUnresolved('Protocol', protocol)}.`);
    if (protocol !== 'HTTP') return notApplicable(() => `${who} is not an HTTP listener.`);
    const lbId = listener.props.LoadBalancerArn;
    const lb: Resource | undefined =
      typeof lbId === 'string' ? ctx.graph.get(lbId, LOAD_BALANCER, listener) : undefined;
    if (lb) {
      const type = loadBalancerType(lb);
      if (typeof type === 'string' && type !== 'application')
        return notApplicable(() => `${who} belongs to a ${type} load balancer.`);
    }
    const verdicts: Verdict[] = [check(listener.props.DefaultActions, 'the default action')];
    const rulesRead = listener.observed?.ListenerRules;
    if (isUnresolved(rulesRead)) verdicts.push({ unknown: describeUnresolved('ListenerRules', rulesRead) });
    for (const rule of ctx.graph.referencing(listener)) {
      if (rule.type !== LISTENER_RULE || rule.props.ListenerArn !== listener.id) continue;
      verdicts.push(check(rule.props.Actions, `rule ${label(rule)}`));
    }
    const real = verdicts.flatMap((v) => (v && 'problem' in v ? [v.problem] : []));
    const unknown = verdicts.find((v) => v !== undefined && 'unknown' in v);
    const port =
      typeof listener.props.Port === 'number' || typeof listener.props.Port === 'string'
        ? ` on port ${listener.props.Port}`
        : '';
    if (real.length > 0)
      return fail(`${who} (HTTP${port}) does not redirect every request to HTTPS: ${real.join('; ')}.`);
    if (unknown && 'unknown' in unknown) return error(`${who}: ${unknown.unknown}.`);
    return pass(() => `${who} (HTTP${port}) redirects every request to HTTPS.`);
  },
});
