import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import {
  describeTraffic,
  groupOfStandalone,
  reachesPort,
  SECURITY_GROUP,
  STANDALONE_INGRESS,
  worldIngress,
} from './ingress.js';

/**
 * The high-risk ports of Security Hub control EC2.19, except SSH (22) and RDP (3389), which
 * ec2-security-group-admin-ports-restricted reports, so that one open port gives one finding.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
 */
const TCP_UDP = ['tcp', 'udp'];

const EC2_19_PORTS = [
  20, 21, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888,
  9200, 9300,
];

/** How reasons name the group, or a standalone ingress rule with the group it modifies. */
function who(group: Resource): string {
  return group.type === STANDALONE_INGRESS
    ? `Ingress rule ${label(group)} of ${groupOfStandalone(group)}`
    : `Security group ${label(group)}`;
}

/**
 * Compliant: no inbound rule admits TCP or UDP from 0.0.0.0/0 or ::/0 to one of the high-risk
 * ports (FTP, Telnet, SMTP, POP3, IMAP, RPC, SMB, SQL Server, MySQL, PostgreSQL, Kibana,
 * Elasticsearch, common development servers; see the parameter). Protocol -1 and port ranges that
 * include a listed port count.
 */
export default defineRule({
  id: 'ec2-security-group-high-risk-ports-restricted',
  title: 'Security group does not open high-risk ports to the internet',
  category: 'security',
  severity: 'high',
  resourceTypes: [SECURITY_GROUP, STANDALONE_INGRESS],
  rationale:
    'Databases, file shares, mail and remote-procedure services, search clusters and development servers are built for trusted networks: they are scanned from the whole internet continuously, carry a long history of pre-authentication vulnerabilities, and often run with default or no credentials. Opening their ports to 0.0.0.0/0 or ::/0 exposes the data behind them directly. SSH and RDP, also on the Security Hub list, are checked by ec2-security-group-admin-ports-restricted.',
  remediation: {
    text: 'Remove the rule or narrow its source to the networks or security groups that need the service; put databases in private subnets and reach them through the application tier or a bastion.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port 3306 --cidr 0.0.0.0/0',
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 3306\n    ToPort: 3306\n    SourceSecurityGroupId: !Ref AppSecurityGroup',
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "mysql" {\n  security_group_id            = aws_security_group.db.id\n  ip_protocol                  = "tcp"\n  from_port                    = 3306\n  to_port                      = 3306\n  referenced_security_group_id = aws_security_group.app.id\n}',
  },
  controls: ['aws-fsbp:EC2.19', 'pci-dss-v4.0:1.3.1', 'pci-dss-v4.0:1.4.2'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html',
  ],
  params: z.object({
    ports: z
      .array(z.number().int().min(0).max(65535))
      .default(EC2_19_PORTS)
      .describe(
        'Ports (TCP or UDP) that must not be open to anywhere; Security Hub EC2.19 without 22 and 3389.',
      ),
  }),
  evaluate(group, ctx) {
    const scan = worldIngress(group);
    if ('malformed' in scan) return error(`${who(group)} has ${scan.malformed}.`);
    const open: string[] = [];
    for (const entry of scan.open) {
      const hit = ctx.params.ports.filter((p) => reachesPort(entry.traffic, p, TCP_UDP));
      if (hit.length === 0) continue;
      const ports =
        hit.length > 6 ? `${hit.slice(0, 6).join(', ')} and ${hit.length - 6} more` : hit.join(', ');
      open.push(`${entry.at}: ${describeTraffic(entry.traffic)} from ${entry.source} reaches port ${ports}`);
    }
    if (open.length > 0) return fail(`${who(group)} opens high-risk ports to anywhere: ${open.join('; ')}.`);
    if (scan.unknown) return error(`${who(group)}: ${scan.unknown}.`);
    return pass(
      () => `${who(group)} opens none of the ${ctx.params.ports.length} high-risk ports to anywhere.`,
    );
  },
});
