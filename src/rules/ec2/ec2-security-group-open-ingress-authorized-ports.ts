import { z } from 'zod';
import { portRangeToString, subtractPortRanges, type PortRange, type Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { groupOfStandalone, SECURITY_GROUP, STANDALONE_INGRESS, worldIngress } from './ingress.js';

function asRanges(ports: readonly number[]): PortRange[] {
  return ports.map((p) => ({ from: p, to: p }));
}

/** How reasons name the group, or a standalone ingress rule with the group it modifies. */
function who(group: Resource): string {
  return group.type === STANDALONE_INGRESS
    ? `Ingress rule ${label(group)} of ${groupOfStandalone(group)}`
    : `Security group ${label(group)}`;
}

/**
 * Compliant: every inbound rule open to 0.0.0.0/0 or ::/0 admits only authorized ports: TCP 80
 * and 443 by default, no UDP (see the parameters). Protocol -1 is never authorized. ICMP and
 * protocols other than TCP and UDP are outside the control, as in Security Hub EC2.18.
 */
export default defineRule({
  id: 'ec2-security-group-open-ingress-authorized-ports',
  title: 'Security group opens only authorized ports to the internet',
  category: 'security',
  severity: 'high',
  resourceTypes: [SECURITY_GROUP, STANDALONE_INGRESS],
  rationale:
    'Anything a security group opens to the whole internet is found by scanners within minutes. Keeping unrestricted inbound rules to a short, reviewed list of ports (HTTP and HTTPS for web front ends) means a new service, a debugging port or a wide range opened "temporarily" cannot become reachable from anywhere without someone changing that list on purpose. This complements the port-specific checks: it fails any port that is not authorized, not only the known dangerous ones.',
  remediation: {
    text: 'Narrow the source of the rule to the networks that need it, or add the port to the authorized list if it is meant to be public; put services behind a load balancer that listens on 80/443.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port <port> --cidr 0.0.0.0/0',
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0  # only authorized ports are open to anywhere',
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "https" {\n  security_group_id = aws_security_group.web.id\n  ip_protocol       = "tcp"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = "0.0.0.0/0"\n}',
  },
  controls: ['aws-fsbp:EC2.18', 'pci-dss-v4.0:1.2.5', 'pci-dss-v4.0:1.4.2'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18',
    'https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html',
  ],
  params: z.object({
    authorizedTcpPorts: z
      .array(z.number().int().min(0).max(65535))
      .default([80, 443])
      .describe('TCP ports that may be open to 0.0.0.0/0 or ::/0.'),
    authorizedUdpPorts: z
      .array(z.number().int().min(0).max(65535))
      .default([])
      .describe('UDP ports that may be open to 0.0.0.0/0 or ::/0.'),
  }),
  evaluate(group, ctx) {
    const scan = worldIngress(group);
    if ('malformed' in scan) return error(`${who(group)} has ${scan.malformed}.`);
    const unauthorized: string[] = [];
    for (const entry of scan.open) {
      const t = entry.traffic;
      if (t.protocol === 'all') {
        unauthorized.push(`${entry.at}: all traffic from ${entry.source}`);
        continue;
      }
      if (t.protocol !== 'tcp' && t.protocol !== 'udp') continue;
      const authorized = t.protocol === 'tcp' ? ctx.params.authorizedTcpPorts : ctx.params.authorizedUdpPorts;
      const extra = subtractPortRanges([t.ports], asRanges(authorized));
      if (extra.length === 0) continue;
      const shown = extra.slice(0, 4).map(portRangeToString).join(', ') + (extra.length > 4 ? ', ...' : '');
      unauthorized.push(`${entry.at}: ${t.protocol} ${shown} from ${entry.source}`);
    }
    if (unauthorized.length > 0) {
      return fail(`${who(group)} opens unauthorized ports to anywhere: ${unauthorized.join('; ')}.`);
    }
    if (scan.unknown) return error(`${who(group)}: ${scan.unknown}.`);
    const open = scan.open.length;
    return pass(() =>
      open === 0
        ? `${who(group)} opens nothing to anywhere.`
        : `${who(group)} opens only authorized ports to anywhere (${open} rule${open === 1 ? '' : 's'}).`,
    );
  },
});
