import { z } from 'zod';
import { isAnyAddress, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { reachesPort } from './ingress.js';
import { aclEntries, type AclEntry } from './network-acl.js';

const TCP = ['tcp'];
const FAMILIES = [4, 6] as const;

/**
 * The first inbound entry, in evaluation order, for the whole address space of `family` that
 * matches TCP to `port`: it decides; entries for narrower sources do not speak for "anywhere".
 */
function firstFromAnywhere(entries: readonly AclEntry[], family: 4 | 6, port: number): AclEntry | undefined {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (!e.egress && e.cidr.version === family && isAnyAddress(e.cidr) && reachesPort(e.traffic, port, TCP))
      return e;
  }
  return undefined;
}

/** How reasons name the network ACL: `Network ACL <id>`. */
function who(acl: Resource): string {
  return `Network ACL ${label(acl)}`;
}

/**
 * Compliant: for each administration port (22 and 3389 by default), the first inbound entry from
 * 0.0.0.0/0 (and, separately, from ::/0) that matches TCP to the port is a deny, or there is none
 * and the final `*` rule denies. Entries for narrower sources do not open the port to everyone and
 * are not considered.
 */
export default defineRule({
  id: 'ec2-network-acl-admin-ports-restricted',
  title: 'Network ACL does not allow administration ports from the internet',
  category: 'security',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::NetworkAcl'],
  rationale:
    'Network ACLs are the subnet-wide, stateless layer in front of security groups. An ACL that admits SSH or RDP from 0.0.0.0/0 leaves a single security group mistake between every instance of its subnets and the brute-force traffic that finds open administration ports within minutes. Restricting these ports at the ACL adds a second layer that a wrong security group cannot undo. The default network ACL allows all inbound traffic, so it fails until it is tightened.',
  remediation: {
    text: "Add a deny entry for TCP 22 and 3389 from 0.0.0.0/0 (and ::/0) before the allow entries, or narrow the allow entries to the administrators' network; prefer Session Manager, which needs no inbound port.",
    cli: 'aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 50 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny',
    cloudformation:
      'DenySshFromInternet:\n  Type: AWS::EC2::NetworkAclEntry\n  Properties:\n    NetworkAclId: !Ref PublicAcl\n    RuleNumber: 50\n    Protocol: 6\n    RuleAction: deny\n    CidrBlock: 0.0.0.0/0\n    PortRange: { From: 22, To: 22 }',
    terraform:
      'resource "aws_network_acl_rule" "deny_ssh" {\n  network_acl_id = aws_network_acl.public.id\n  rule_number    = 50\n  protocol       = "tcp"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}',
  },
  controls: ['cis-aws-v5.0:5.2', 'aws-fsbp:EC2.21', 'pci-dss-v4.0:1.3.1', 'pci-dss-v4.0:1.4.2'],
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21',
  ],
  params: z.object({
    ports: z
      .array(z.number().int().min(0).max(65535))
      .default([22, 3389])
      .describe('TCP ports that must not be allowed from 0.0.0.0/0 or ::/0.'),
  }),
  evaluate(acl, ctx) {
    const parsed = aclEntries(acl);
    if ('unknown' in parsed) return error(`${who(acl)}: ${parsed.unknown}.`);
    if ('malformed' in parsed) return error(`${who(acl)}: ${parsed.malformed}.`);
    const open: string[] = [];
    for (const port of ctx.params.ports) {
      for (const family of FAMILIES) {
        const first = firstFromAnywhere(parsed.entries, family, port);
        if (first?.allow) open.push(`tcp ${port} from ${first.cidrText} (rule ${first.ruleNumber})`);
      }
    }
    if (open.length > 0)
      return fail(`${who(acl)} allows administration ports from anywhere: ${open.join('; ')}.`);
    return pass(() => `${who(acl)} does not allow ports ${ctx.params.ports.join(', ')} from anywhere.`);
  },
});
