import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';
import { describeTraffic } from './ingress.js';
import { aclEntries, DEFAULT_RULE_NUMBER, entryCovers, type AclEntry } from './network-acl.js';

function describe(entry: AclEntry): string {
  return `rule ${entry.ruleNumber} (${entry.allow ? 'allow' : 'deny'} ${describeTraffic(entry.traffic)} ${entry.egress ? 'to' : 'from'} ${entry.cidrText})`;
}

/**
 * Compliant: every deny entry of the network ACL can match something, because no allow entry
 * with a lower rule number already matches all of its traffic. ACLs with no deny entries besides
 * the final `*` rule are not applicable.
 */
export default defineRule({
  id: 'ec2-network-acl-deny-rule-effective',
  title: 'Network ACL deny rules are not shadowed by earlier allow rules',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::NetworkAcl'],
  rationale:
    'Network ACL rules are evaluated in order of rule number and the first match decides. A deny rule meant to block an address ("/32 is the way to target a specific IP address") does nothing when a lower-numbered allow rule already matches the same traffic, for example a deny at 200 after an allow-all at 100: the address the team believes blocked still gets in. Deny rules must come first.',
  remediation: {
    text: 'Renumber the deny rule below every allow rule that covers it (for example 90 before an allow at 100).',
    cli: 'aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 90 --protocol -1 --rule-action deny --cidr-block 192.0.2.66/32\naws ec2 delete-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 200',
    cloudformation:
      'BlockScanner:\n  Type: AWS::EC2::NetworkAclEntry\n  Properties:\n    NetworkAclId: !Ref PublicAcl\n    RuleNumber: 90  # before the allow rules\n    Protocol: -1\n    RuleAction: deny\n    CidrBlock: 192.0.2.66/32',
    terraform:
      'resource "aws_network_acl_rule" "block_scanner" {\n  network_acl_id = aws_network_acl.public.id\n  rule_number    = 90\n  protocol       = "-1"\n  rule_action    = "deny"\n  cidr_block     = "192.0.2.66/32"\n}',
  },
  controls: [],
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html'],
  evaluate(acl) {
    const who = `Network ACL ${label(acl)}`;
    const parsed = aclEntries(acl);
    if ('unknown' in parsed) return error(`${who}: ${parsed.unknown}.`);
    if ('malformed' in parsed) return error(`${who}: ${parsed.malformed}.`);
    const denies = parsed.entries.filter((e) => !e.allow && e.ruleNumber < DEFAULT_RULE_NUMBER);
    if (denies.length === 0) return notApplicable(() => `${who} has no deny rules besides the default one.`);
    const shadowed: string[] = [];
    for (const deny of denies) {
      const earlier = parsed.entries.find(
        (e) => e.allow && e.ruleNumber < deny.ruleNumber && entryCovers(e, deny),
      );
      if (earlier) shadowed.push(`${describe(deny)} never matches: ${describe(earlier)} is evaluated first`);
    }
    if (shadowed.length > 0) return fail(`${who} has shadowed deny rules: ${shadowed.join('; ')}.`);
    return pass(
      () => `${who} evaluates each of its ${denies.length} deny rules before any allow rule that covers it.`,
    );
  },
});
