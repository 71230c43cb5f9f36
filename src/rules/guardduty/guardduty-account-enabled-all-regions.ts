import { listText, memberRegions, ORG_ACCOUNT } from '../config/accounts.js';
import { defineRule, error, fail, pass } from '../rule.js';
import { unreadReason } from '../unread.js';
import { DETECTOR, detectorEnabled } from './detectors.js';

/**
 * Compliant: every region where the snapshot holds resources of the member account has an
 * enabled GuardDuty detector of that account.
 */
export default defineRule({
  id: 'guardduty-account-enabled-all-regions',
  title: 'Account has GuardDuty enabled in every region it uses',
  category: 'security',
  severity: 'high',
  resourceTypes: [ORG_ACCOUNT],
  rationale:
    'GuardDuty is regional: a detector in us-east-1 says nothing about instances, credentials or S3 data used from ap-southeast-1. A region the account uses without a detector is where compromised keys can mine crypto or exfiltrate data unnoticed.',
  remediation: {
    text: 'From the GuardDuty delegated administrator, enable GuardDuty for all member accounts in every region (auto-enable for the organisation), and enable it in the regions of standalone accounts.',
    cli: 'aws guardduty create-detector --region <region> --enable\naws guardduty update-organization-configuration --region <region> --detector-id <admin-detector-id> --auto-enable-organization-members ALL',
    cloudformation:
      '# StackSet to every account and region\nType: AWS::GuardDuty::Detector\nProperties:\n  Enable: true',
    terraform:
      'resource "aws_guardduty_organization_configuration" "this" {\n  detector_id                      = aws_guardduty_detector.admin.id\n  auto_enable_organization_members = "ALL"\n}',
  },
  controls: ['aws-fsbp:GuardDuty.1'],
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_regions.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html',
  ],
  evaluate(account, ctx) {
    const member = memberRegions(account, ctx.graph);
    if (!('id' in member)) return member;
    const { id, who, regions } = member;
    const detectors = ctx.graph.inAccount(DETECTOR, id);
    const missing: string[] = [];
    const suspended: string[] = [];
    const unknown: string[] = [];
    for (const region of regions) {
      const here = detectors.filter((d) => d.region === region).map(detectorEnabled);
      if (here.some((e) => e.known && e.value)) continue;
      // A region whose detector listing failed may have an enabled detector: not known, not missing.
      const unread = here.length === 0 ? unreadReason(ctx.graph, DETECTOR, id, region) : undefined;
      if (unread) unknown.push(`${region} (${unread})`);
      else if (here.length === 0) missing.push(region);
      else if (here.every((e) => e.known)) suspended.push(region);
      else unknown.push(region);
    }
    const gaps = [
      ...(missing.length > 0 ? [`no detector in ${listText(missing)}`] : []),
      ...(suspended.length > 0 ? [`the detector is suspended in ${listText(suspended)}`] : []),
    ];
    if (gaps.length > 0)
      return fail(`${who} is not watched by GuardDuty everywhere it has resources: ${gaps.join('; ')}.`);
    if (unknown.length > 0)
      return error(`${who}: whether GuardDuty is enabled in ${listText(unknown)} is not known.`);
    return pass(() => `${who} has GuardDuty enabled in ${listText(regions)}.`);
  },
});
