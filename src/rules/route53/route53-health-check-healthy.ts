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

const HEALTH_CHECK = 'AWS::Route53::HealthCheck';

interface Observation {
  Region?: unknown;
  StatusReport?: { Status?: unknown; CheckedTime?: unknown };
}

/** `us-east-1: Failure: Connection timed out` for each checker whose last report is a failure. */
function failing(observations: readonly Observation[]): string[] {
  return observations
    .filter((o) => typeof o.StatusReport?.Status === 'string' && o.StatusReport.Status.startsWith('Failure'))
    .map((o) => `${String(o.Region ?? '?')}: ${String(o.StatusReport!.Status)}`);
}

/**
 * Route 53 judges an endpoint from its checkers' reports: "If more than 18% of health checkers
 * report that an endpoint is healthy, Route 53 considers it healthy. If 18% or fewer of health
 * checkers report that an endpoint is healthy, Route 53 considers it unhealthy."
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 */
const HEALTHY_SHARE = 0.18;

/**
 * Compliant: the health check reports the endpoint healthy (observed `Status`, or more than 18% of
 * the checker regions reporting success in `HealthCheckObservations`, as Route 53 decides), and it
 * is not disabled (a disabled check is always healthy to Route 53, so failover never happens).
 */
export default defineRule({
  id: 'route53-health-check-healthy',
  title: 'Route 53 health check reports its endpoint healthy',
  category: 'health',
  severity: 'high',
  resourceTypes: [HEALTH_CHECK],
  rationale:
    'A failing health check is Route 53 telling you the endpoint is down from the internet’s point of view: the on-premises web server, the API behind a failover record. If it drives a failover record, traffic has already moved to the secondary site; if not, users see the outage. A disabled health check is worse: Route 53 treats it as healthy, so failover never happens.',
  remediation: {
    text: 'Check the endpoint from the failing regions (the status report names the error), fix it or its firewall for the Route 53 checker ranges, and re-enable disabled health checks.',
    cli: 'aws route53 get-health-check-status --health-check-id <id>\naws route53 update-health-check --health-check-id <id> --no-disabled',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html',
    'https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHealthCheckStatus.html',
  ],
  evaluate(check) {
    const who = `Route 53 health check ${label(check)}`;
    if (asBoolean((check.props.HealthCheckConfig as { Disabled?: unknown } | undefined)?.Disabled) === true) {
      return fail(`${who} is disabled, so Route 53 treats its endpoint as healthy and never fails over.`);
    }
    const o = check.observed;
    if (!o) return notApplicable(() => `${who} has no observed status (known only in a live account).`);
    if (isUnresolved(o.HealthCheckObservations)) {
      return error(`${who}: ${describeUnresolved('its checkers’ reports', o.HealthCheckObservations)}.`);
    }
    const observations = Array.isArray(o.HealthCheckObservations)
      ? (o.HealthCheckObservations as Observation[])
      : [];
    const bad = failing(observations);
    const succeeding = observations.filter(
      (x) => typeof x.StatusReport?.Status === 'string' && x.StatusReport.Status.startsWith('Success'),
    ).length;
    const status = o.Status;
    const unhealthy =
      status === 'Unhealthy' ||
      (status === undefined && observations.length > 0 && succeeding <= HEALTHY_SHARE * observations.length);
    if (unhealthy) {
      const detail = bad.length > 0 ? `: ${bad.slice(0, 3).join('; ')}` : '';
      return fail(`${who} reports its endpoint unhealthy${detail}.`);
    }
    if (status === undefined && observations.length === 0)
      return notApplicable(() => `${who} has no observed status.`);
    const note =
      bad.length > 0 ? ` (failing from ${bad.length} of ${observations.length} checker regions)` : '';
    return pass(() => `${who} reports its endpoint healthy${note}.`);
  },
});
