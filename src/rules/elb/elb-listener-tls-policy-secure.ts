import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
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
import { CLASSIC, LISTENER } from './load-balancer.js';

/**
 * The policy ELB applies when a listener names none: "Other methods (the AWS CLI, AWS
 * CloudFormation, the AWS CDK): the default security policy is ELBSecurityPolicy-2016-08."
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 */
const DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** Policies that allow TLS 1.0 and whose names do not say so. */
const TLS10_POLICIES = new Set([
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-2015-03',
  'ELBSecurityPolicy-2015-02',
  'ELBSecurityPolicy-2014-10',
  'ELBSecurityPolicy-2014-01',
  'ELBSecurityPolicy-2011-08',
  'ELBSecurityPolicy-FS-2018-06',
]);

/**
 * The lowest TLS version a predefined policy accepts, from its name
 * (`ELBSecurityPolicy-TLS13-1-2-2021-06` → 1.2, `ELBSecurityPolicy-FS-1-1-2019-08` → 1.1), or
 * `undefined` for a name this table does not know.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export function minimumTls(policy: string): number | undefined {
  const m = /^ELBSecurityPolicy-(?:TLS13-|TLS-|FS-)1-([0-3])-/.exec(policy);
  if (m) return 1 + Number(m[1]) / 10;
  if (TLS10_POLICIES.has(policy)) return 1.0;
  return undefined;
}

const VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;

/** The lowest TLS version a classic load balancer listener accepts, from its negotiation policy. */
function classicMinimum(
  lb: Resource,
  policyNames: unknown,
): { min?: number; policy: string; unknown?: string } {
  const policies = Array.isArray(lb.props.Policies)
    ? (lb.props.Policies as Array<Record<string, unknown> | null>)
    : [];
  const names = Array.isArray(policyNames) ? policyNames : [];
  const negotiation = policies.find(
    (p) => p?.PolicyType === 'SSLNegotiationPolicyType' && names.includes(p.PolicyName),
  );
  if (!negotiation) return { min: minimumTls(DEFAULT_POLICY), policy: `${DEFAULT_POLICY} (the default)` };
  const attributes = Array.isArray(negotiation.Attributes)
    ? (negotiation.Attributes as Array<Record<string, unknown> | null>)
    : [];
  const reference = attributes.find((a) => a?.Name === 'Reference-Security-Policy')?.Value;
  if (typeof reference === 'string') {
    const min = minimumTls(reference);
    return min === undefined
      ? { policy: reference, unknown: `policy ${reference} is not a known predefined policy` }
      : { min, policy: reference };
  }
  // A custom policy lists the protocols it enables: Protocol-TLSv1, Protocol-TLSv1.1, Protocol-TLSv1.2.
  const enabled = (name: string) => asBoolean(attributes.find((a) => a?.Name === name)?.Value) === true;
  const min = enabled('Protocol-SSLv3')
    ? 0.3
    : enabled('Protocol-TLSv1')
      ? 1.0
      : enabled('Protocol-TLSv1.1')
        ? 1.1
        : 1.2;
  return { min, policy: `custom policy ${String(negotiation.PolicyName)}` };
}

function version(v: number): string {
  return v < 1 ? 'SSL 3.0' : `TLS ${v.toFixed(1)}`;
}

/**
 * Compliant: every TLS-terminating listener (HTTPS or TLS on an Application or Network Load
 * Balancer, HTTPS or SSL on a Classic Load Balancer) uses a security policy whose lowest protocol
 * is at least `minTlsVersion` (TLS 1.2). A listener without a policy gets ELBSecurityPolicy-2016-08,
 * which allows TLS 1.0. Plain HTTP and TCP listeners are not applicable.
 */
export default defineRule({
  id: 'elb-listener-tls-policy-secure',
  title: 'Load balancer TLS listeners accept only TLS 1.2 or later',
  category: 'security',
  severity: 'medium',
  resourceTypes: [LISTENER, CLASSIC],
  rationale:
    "The security policy of a TLS listener decides which protocol versions and ciphers clients may negotiate. TLS 1.0 and 1.1 are deprecated (RFC 8996) and rely on weak constructions; PCI DSS and most security baselines require TLS 1.2 or later. The default policy applied when a template or CLI call names none, ELBSecurityPolicy-2016-08, still accepts TLS 1.0, so listeners created without choosing a policy are weaker than the console's current default.",
  remediation: {
    text: "Set the listener's security policy to a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06 (ELBSecurityPolicy-TLS-1-2-2017-01 for Classic Load Balancers).",
    cli: 'aws elbv2 modify-listener --listener-arn <listener-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06',
    cloudformation:
      'HttpsListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    Protocol: HTTPS\n    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06',
    terraform:
      'resource "aws_lb_listener" "https" {\n  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n}',
  },
  controls: ['aws-fsbp:ELB.17', 'aws-fsbp:ELB.8', 'pci-dss-v4.0:4.2.1'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17',
  ],
  params: z.object({
    minTlsVersion: z.enum(VERSIONS).default('1.2').describe('Lowest TLS version a listener may accept.'),
  }),
  evaluate(resource, ctx) {
    const floor = Number(ctx.params.minTlsVersion);
    if (resource.type === LISTENER) {
      const who = `Listener ${label(resource)}`;
      const protocol = resource.props.Protocol;
      if (isUnresolved(protocol)) return error(`${who}: ${describeUnresolved('Protocol', protocol)}.`);
      if (protocol !== 'HTTPS' && protocol !== 'TLS')
        return notApplicable(() => `${who} does not terminate TLS.`);
      const policy = resource.props.SslPolicy;
      if (isUnresolved(policy)) return error(`${who}: ${describeUnresolved('SslPolicy', policy)}.`);
      const name = typeof policy === 'string' ? policy : DEFAULT_POLICY;
      const shown = typeof policy === 'string' ? policy : `${DEFAULT_POLICY} (the default)`;
      const min = minimumTls(name);
      if (min === undefined)
        return error(`${who} uses ${name}, whose lowest TLS version this rule does not know.`);
      if (min < floor)
        return fail(`${who} (${String(protocol)}) uses ${shown}, which accepts ${version(min)}.`);
      return pass(() => `${who} (${String(protocol)}) uses ${shown}, ${version(min)} or later.`);
    }
    const who = `Classic load balancer ${label(resource)}`;
    const listeners = resource.props.Listeners;
    if (isUnresolved(listeners)) return error(`${who}: ${describeUnresolved('Listeners', listeners)}.`);
    const secure = (
      Array.isArray(listeners) ? (listeners as Array<Record<string, unknown> | null>) : []
    ).filter((l) => {
      const p = typeof l?.Protocol === 'string' ? l.Protocol.toUpperCase() : '';
      return p === 'HTTPS' || p === 'SSL';
    });
    if (secure.length === 0) return notApplicable(() => `${who} has no HTTPS or SSL listener.`);
    // Policies that could not be read are not "no policy", which would mean the default one.
    const policies = resource.props.Policies;
    if (isUnresolved(policies)) return error(`${who}: ${describeUnresolved('Policies', policies)}.`);
    const weak: string[] = [];
    let unknown: string | undefined;
    for (const l of secure) {
      const r = classicMinimum(resource, l?.PolicyNames);
      const port = String(l?.LoadBalancerPort ?? '?');
      if (r.unknown) unknown ??= `listener ${port}: ${r.unknown}`;
      else if ((r.min as number) < floor)
        weak.push(`listener ${port} uses ${r.policy}, which accepts ${version(r.min as number)}`);
    }
    if (weak.length > 0) return fail(`${who}: ${weak.join('; ')}.`);
    if (unknown) return error(`${who}: ${unknown}.`);
    return pass(
      () =>
        `${who} accepts only TLS ${ctx.params.minTlsVersion} or later on its ${secure.length} secure listener(s).`,
    );
  },
});
