import { isUnresolved } from '../../model/index.js';
import { expressionTarget } from '../cloudwatch/references.js';
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
import { RECORD_SET, RECORD_SET_GROUP, recordsOf } from './records.js';

const HEALTH_CHECK = 'AWS::Route53::HealthCheck';

/**
 * Compliant: every PRIMARY failover record has a health check (`HealthCheckId`), or is an alias
 * with `EvaluateTargetHealth: true`. Without one, Route 53 always considers the primary healthy
 * and never answers with the secondary. Records without failover routing are not applicable.
 */
export default defineRule({
  id: 'route53-record-failover-primary-has-health-check',
  title: 'Route 53 primary failover record is health checked',
  category: 'reliability',
  severity: 'high',
  resourceTypes: [RECORD_SET, RECORD_SET_GROUP],
  rationale:
    'Failover routing answers with the secondary record only when the primary is unhealthy, and Route 53 knows that only from a health check (or, for an alias, from the target’s health). A primary without one is always healthy to Route 53: when the on-premises server goes down, users keep being sent to it and the static site in S3 is never used.',
  remediation: {
    text: 'Create a health check for the primary endpoint and attach it to the PRIMARY record (for an alias to an AWS resource, set EvaluateTargetHealth to true instead).',
    cli: 'aws route53 create-health-check --caller-reference $(date +%s) --health-check-config Type=HTTPS,IPAddress=<ip>,Port=443,ResourcePath=/health,RequestInterval=30,FailureThreshold=3\naws route53 change-resource-record-sets --hosted-zone-id <zone> --change-batch file://primary-with-health-check.json',
    cloudformation:
      'PrimaryRecord:\n  Type: AWS::Route53::RecordSet\n  Properties:\n    HostedZoneId: !Ref Zone\n    Name: portal.example.com.\n    Type: A\n    SetIdentifier: portal-onprem\n    Failover: PRIMARY\n    TTL: "60"\n    ResourceRecords: [203.0.113.81]\n    HealthCheckId: !Ref PortalHealthCheck',
    terraform:
      'resource "aws_route53_record" "primary" {\n  # ...\n  set_identifier  = "portal-onprem"\n  health_check_id = aws_route53_health_check.portal.id\n  failover_routing_policy {\n    type = "PRIMARY"\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html',
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html',
  ],
  evaluate(resource, ctx) {
    const who =
      resource.type === RECORD_SET
        ? `Route 53 record ${label(resource)}`
        : `Route 53 record set group ${label(resource)}`;
    const records = recordsOf(resource);
    const primaries = records.filter((r) => r.props.Failover === 'PRIMARY');
    const unknownFailover = records.find((r) => isUnresolved(r.props.Failover));
    if (primaries.length === 0) {
      if (unknownFailover)
        return error(`${who}: ${describeUnresolved('Failover', unknownFailover.props.Failover as never)}.`);
      return notApplicable(() => `${who} has no PRIMARY failover record.`);
    }
    const unchecked: string[] = [];
    const unknown: string[] = [];
    const how: string[] = [];
    for (const r of primaries) {
      const id = r.props.HealthCheckId;
      const alias = r.props.AliasTarget as { EvaluateTargetHealth?: unknown } | undefined;
      if (typeof id === 'string' && id !== '') {
        const check = ctx.graph.resolve(id, HEALTH_CHECK, resource);
        how.push(`health check ${check ? label(check) : id}`);
      } else if (isUnresolved(id)) {
        const target = expressionTarget(id.expression);
        const check = target === undefined ? undefined : ctx.graph.get(target, HEALTH_CHECK, resource);
        if (check) how.push(`health check ${label(check)}`);
        else unknown.push(`${r.name}: ${describeUnresolved('HealthCheckId', id)}`);
      } else if (alias && asBoolean(alias.EvaluateTargetHealth) === true) {
        how.push('the alias target’s health');
      } else {
        unchecked.push(r.name);
      }
    }
    if (unchecked.length > 0) {
      return fail(
        `${who}: PRIMARY failover record ${unchecked.join(', ')} has no health check, so Route 53 never fails over to the secondary.`,
      );
    }
    if (unknown.length > 0) return error(`${who}: ${unknown.join('; ')}.`);
    return pass(() => `${who}: the PRIMARY failover record is judged by ${[...new Set(how)].join(' and ')}.`);
  },
});
