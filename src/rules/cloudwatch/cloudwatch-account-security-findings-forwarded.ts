import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { listText, memberInScope, ORG_ACCOUNT, regionsInUse } from '../config/accounts.js';
import { asString, defineRule, error, fail, label, pass } from '../rule.js';
import { unreadReason } from '../unread.js';

const EVENT_RULE = 'AWS::Events::Rule';
const DETECTOR = 'AWS::GuardDuty::Detector';

/** The event each service emits for a finding, on the default bus of the account and region. */
const FINDING_EVENTS: Readonly<Record<string, readonly string[]>> = {
  // https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
  'aws.guardduty': ['GuardDuty Finding'],
  // https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-integration-types.html
  'aws.securityhub': ['Security Hub Findings - Imported'],
};

function patternOf(rule: Resource): Record<string, unknown> | undefined {
  const p = rule.props.EventPattern;
  if (typeof p === 'string') {
    try {
      const parsed: unknown = JSON.parse(p);
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return p !== null && typeof p === 'object' ? (p as Record<string, unknown>) : undefined;
}

/** Whether a pattern field admits `value`: absent, an exact entry, or a `{ prefix }` matcher. */
function admits(field: unknown, value: string): boolean {
  if (field === undefined) return true;
  const list = Array.isArray(field) ? field : [field];
  return list.some((m) => {
    if (m === value) return true;
    const prefix = (m as { prefix?: unknown } | null)?.prefix;
    return typeof prefix === 'string' && value.startsWith(prefix);
  });
}

/**
 * The finding sources (`aws.guardduty`, ...) an enabled rule on the default bus forwards to a target;
 * with `targetsUnknown`, those it would forward if its targets (which could not be read) exist.
 */
function forwards(rule: Resource, targetsUnknown = false): string[] {
  if ((asString(rule.props.State) ?? 'ENABLED') !== 'ENABLED') return [];
  // AWS services send their events to the account's default bus alone, so a rule on a custom bus
  // never sees a finding (unless a default-bus rule forwards it there, which then counts itself).
  // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_EventBus.html
  const bus = asString(rule.props.EventBusName) ?? 'default';
  if (bus !== 'default' && !bus.endsWith(':event-bus/default')) return [];
  if (targetsUnknown) {
    if (!isUnresolved(rule.props.Targets)) return [];
  } else if (!Array.isArray(rule.props.Targets) || rule.props.Targets.length === 0) return [];
  const pattern = patternOf(rule);
  if (!pattern || pattern.source === undefined) return [];
  return Object.entries(FINDING_EVENTS)
    .filter(
      ([source, types]) =>
        admits(pattern.source, source) && types.some((t) => admits(pattern['detail-type'], t)),
    )
    .map(([source]) => source);
}

/**
 * Compliant: the member account itself has an enabled EventBridge (CloudWatch Events) rule on its
 * default event bus that matches the finding events of each required service (GuardDuty and
 * Security Hub by default) and has a target, such as the central security bus or an SNS topic.
 * With `everyDetectorRegion`, every region with an enabled GuardDuty detector needs such a rule.
 */
export default defineRule({
  id: 'cloudwatch-account-security-findings-forwarded',
  title: 'Account forwards its security findings with an EventBridge rule of its own',
  category: 'security',
  severity: 'medium',
  resourceTypes: [ORG_ACCOUNT],
  rationale:
    'GuardDuty and Security Hub emit findings as events on the default bus of the account and region where they arise. Only a rule in that account can forward them: EventBridge rules belong to accounts, not to organisational units, so an account that was never set up stays silent while the others notify. A critical finding in such an account reaches nobody.',
  remediation: {
    text: 'Deploy the forwarding rule to every account (a CloudFormation StackSet targeting the organisation, with automatic deployment for new accounts) and send the events to the central security bus or topic.',
    cli: 'aws events put-rule --name forward-security-findings --event-pattern \'{"source":["aws.guardduty","aws.securityhub"],"detail-type":["GuardDuty Finding","Security Hub Findings - Imported"]}\'\naws events put-targets --rule forward-security-findings --targets Id=security-central,Arn=<central-bus-arn>,RoleArn=<role-arn>',
    cloudformation:
      'ForwardSecurityFindings:\n  Type: AWS::Events::Rule\n  Properties:\n    State: ENABLED\n    EventPattern:\n      source: [aws.guardduty, aws.securityhub]\n      detail-type: [GuardDuty Finding, Security Hub Findings - Imported]\n    Targets:\n      - Id: security-central\n        Arn: !Ref CentralSecurityBusArn\n        RoleArn: !GetAtt ForwardRole.Arn',
    terraform:
      'resource "aws_cloudwatch_event_rule" "forward_findings" {\n  name = "forward-security-findings"\n  event_pattern = jsonencode({\n    source      = ["aws.guardduty", "aws.securityhub"]\n    detail-type = ["GuardDuty Finding", "Security Hub Findings - Imported"]\n  })\n}\n\nresource "aws_cloudwatch_event_target" "central" {\n  rule     = aws_cloudwatch_event_rule.forward_findings.name\n  arn      = var.central_security_bus_arn\n  role_arn = aws_iam_role.forward.arn\n}',
  },
  controls: [],
  params: z.object({
    sources: z
      .array(z.string())
      .default(['aws.guardduty', 'aws.securityhub'])
      .describe('Event sources whose findings every account must forward (aws.guardduty, aws.securityhub).'),
    everyDetectorRegion: z
      .boolean()
      .default(false)
      .describe(
        'Require a forwarding rule in every region with an enabled GuardDuty detector, not just one region.',
      ),
  }),
  references: [
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-integration-types.html',
  ],
  evaluate(account, ctx) {
    const member = memberInScope(account);
    if (!('id' in member)) return member;
    const { id, who } = member;
    const required = ctx.params.sources;
    const byRegion = new Map<string, Set<string>>();
    const rules: string[] = [];
    for (const rule of ctx.graph.inAccount(EVENT_RULE, id)) {
      const sources = forwards(rule);
      if (sources.length === 0) continue;
      rules.push(label(rule));
      const set = byRegion.get(rule.region) ?? new Set<string>();
      for (const s of sources) set.add(s);
      byRegion.set(rule.region, set);
    }
    const covered = new Set([...byRegion.values()].flatMap((s) => [...s]));
    const missing = required.filter((s) => !covered.has(s));
    // Rules that were never listed, in any region of the account, may forward what is missing (a
    // custom bus whose rules were not read is a gap naming the bus, which `unread` leaves out: its
    // rules see no findings). A matching rule whose targets could not be read may forward what is missing.
    const targetsUnread = ctx.graph
      .inAccount(EVENT_RULE, id)
      .filter((r) => forwards(r, true).some((s) => missing.includes(s)))
      .map((r) => `the targets of ${label(r)} could not be read`);
    const rulesUnread =
      missing.length > 0 ? (unreadReason(ctx.graph, EVENT_RULE, id) ?? targetsUnread[0]) : undefined;
    if (rulesUnread) {
      return error(
        `${who}: whether an EventBridge rule of its own forwards ${listText(missing)} findings is not known: ${rulesUnread}.`,
      );
    }
    if (missing.length === required.length) {
      return fail(
        `${who} has no EventBridge rule of its own forwarding ${listText(required)} findings, so its findings reach nobody.`,
      );
    }
    if (missing.length > 0)
      return fail(`${who} forwards findings (${listText(rules)}) but not those of ${listText(missing)}.`);
    const regions = [...byRegion.keys()].sort();
    if (ctx.params.everyDetectorRegion) {
      const detectorRegions = new Set(
        ctx.graph
          .inAccount(DETECTOR, id)
          .filter((d) => d.observed?.Status !== 'DISABLED')
          .map((d) => d.region),
      );
      const forwarding = (r: string) => byRegion.get(r)?.has('aws.guardduty') === true;
      const silent = [...detectorRegions].filter((r) => !forwarding(r)).sort();
      // Where the rules were not listed, a silent region may forward after all; where the detectors
      // were not listed, GuardDuty may run in a region that forwards nothing.
      const unknown: string[] = [];
      for (const r of silent) {
        const unread = unreadReason(ctx.graph, EVENT_RULE, id, r);
        if (unread) unknown.push(`${r} (${unread})`);
      }
      for (const r of regionsInUse(ctx.graph, id)) {
        if (detectorRegions.has(r) || forwarding(r)) continue;
        const unread = unreadReason(ctx.graph, DETECTOR, id, r);
        if (unread) unknown.push(`${r} (${unread})`);
      }
      const certain = silent.filter((r) => unreadReason(ctx.graph, EVENT_RULE, id, r) === undefined);
      if (certain.length > 0)
        return fail(
          `${who} forwards findings in ${listText(regions)} but not from ${listText(certain)}, where GuardDuty runs.`,
        );
      if (unknown.length > 0)
        return error(
          `${who}: whether GuardDuty findings are forwarded from ${listText(unknown)} is not known.`,
        );
    }
    return pass(
      () => `${who} forwards ${listText(required)} findings with ${listText(rules)} (${listText(regions)}).`,
    );
  },
});
