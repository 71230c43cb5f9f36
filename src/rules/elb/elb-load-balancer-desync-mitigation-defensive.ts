import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';
import {
  CLASSIC,
  describeLoadBalancer,
  LOAD_BALANCER,
  lbAttribute,
  loadBalancerType,
} from './load-balancer.js';

const SAFE = new Set(['defensive', 'strictest']);

/** The classic load balancer attribute, from describe-load-balancer-attributes' `AdditionalAttributes`. */
function classicMode(observed: Record<string, unknown> | undefined): string | undefined {
  const attributes =
    (observed?.LoadBalancerAttributes as { AdditionalAttributes?: unknown } | undefined)
      ?.AdditionalAttributes ?? observed?.AdditionalAttributes;
  if (!Array.isArray(attributes)) return undefined;
  const entry = (attributes as Array<{ Key?: unknown; Value?: unknown } | null>).find(
    (a) => a?.Key === 'elb.http.desyncmitigationmode',
  );
  return typeof entry?.Value === 'string' ? entry.Value : undefined;
}

/**
 * Compliant: the Application or Classic Load Balancer handles HTTP desync in `defensive` (the
 * default) or `strictest` mode, not `monitor`. Network and Gateway Load Balancers do not parse
 * HTTP and are not applicable.
 */
export default defineRule({
  id: 'elb-load-balancer-desync-mitigation-defensive',
  title: 'Load balancer mitigates HTTP desync in defensive or strictest mode',
  category: 'security',
  severity: 'medium',
  resourceTypes: [LOAD_BALANCER, CLASSIC],
  rationale:
    "HTTP desync (request smuggling) exploits disagreements between the load balancer and the target about where one request ends and the next begins, letting an attacker prepend content to other users' requests, poison caches or bypass front-end rules. Defensive mode blocks requests classified as severe while keeping compatibility; monitor mode only records the classification in the access logs and forwards everything.",
  remediation: {
    text: 'Set the desync mitigation mode to defensive (or strictest when every client is known to be RFC 7230 compliant).',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=routing.http.desync_mitigation_mode,Value=defensive',
    cloudformation:
      'LoadBalancerAttributes:\n  - Key: routing.http.desync_mitigation_mode\n    Value: defensive',
    terraform: 'resource "aws_lb" "this" {\n  desync_mitigation_mode = "defensive"\n}',
  },
  controls: ['aws-fsbp:ELB.12', 'aws-fsbp:ELB.14'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-desync-mitigation-mode.html',
  ],
  evaluate(lb) {
    const type = loadBalancerType(lb);
    if (typeof type !== 'string') return error(`Load balancer ${label(lb)}: ${type.unknown}.`);
    const who = describeLoadBalancer(lb, type, label(lb));
    if (type === 'network' || type === 'gateway') return notApplicable(() => `${who} does not parse HTTP.`);
    let mode: string | undefined;
    if (type === 'classic') {
      // Attributes that could not be read say nothing about the mode: not the default.
      const read = lb.observed?.LoadBalancerAttributes;
      if (isUnresolved(read)) return error(`${who}: ${describeUnresolved('LoadBalancerAttributes', read)}.`);
      mode = classicMode(lb.observed);
    } else {
      const a = lbAttribute(lb, 'routing.http.desync_mitigation_mode');
      if (a.unknown) return error(`${who}: ${a.unknown}.`);
      mode = a.value;
    }
    if (mode === undefined) return pass(() => `${who} uses the default desync mitigation mode, defensive.`);
    if (SAFE.has(mode)) return pass(() => `${who} uses desync mitigation mode ${mode}.`);
    return fail(
      `${who} uses desync mitigation mode ${mode}, which forwards requests classified as desync attacks.`,
    );
  },
});
