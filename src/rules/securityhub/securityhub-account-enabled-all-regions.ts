import { listText, memberRegions, ORG_ACCOUNT } from '../config/accounts.js';
import { defineRule, error, fail, pass } from '../rule.js';
import { unreadReason } from '../unread.js';

const HUB = 'AWS::SecurityHub::Hub';

/**
 * Compliant: every region where the snapshot holds resources of the member account has Security
 * Hub enabled for that account (an `AWS::SecurityHub::Hub`, which exists only while the hub is on).
 */
export default defineRule({
  id: 'securityhub-account-enabled-all-regions',
  title: 'Account has Security Hub enabled in every region it uses',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [ORG_ACCOUNT],
  rationale:
    'Security Hub runs the FSBP and CIS checks and gathers GuardDuty, Inspector and Config findings in one place per region. A region without it has no control checks and no aggregated findings, so "fix what Security Hub reported" never reaches it, and cross-region aggregation has nothing to collect there.',
  remediation: {
    text: 'Enable Security Hub in every region of every account (from the delegated administrator with central configuration), with the FSBP and CIS standards, and aggregate findings into one home region.',
    cli: 'aws securityhub enable-security-hub --region <region> --enable-default-standards\naws securityhub create-finding-aggregator --region <home-region> --region-linking-mode ALL_REGIONS',
    cloudformation:
      '# StackSet to every account and region\nType: AWS::SecurityHub::Hub\nProperties:\n  EnableDefaultStandards: true',
    terraform: 'resource "aws_securityhub_account" "this" {\n  enable_default_standards = true\n}',
  },
  controls: ['cis-aws-v5.0:4.16'],
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html',
  ],
  evaluate(account, ctx) {
    const member = memberRegions(account, ctx.graph);
    if (!('id' in member)) return member;
    const { id, who, regions } = member;
    const hubRegions = new Set(ctx.graph.inAccount(HUB, id).map((h) => h.region));
    const absent = regions.filter((r) => !hubRegions.has(r));
    // A region whose hub could not be read may have Security Hub on: not known, not missing.
    const unknown = absent.flatMap((r) => {
      const unread = unreadReason(ctx.graph, HUB, id, r);
      return unread ? [`${r} (${unread})`] : [];
    });
    const missing = absent.filter((r) => unreadReason(ctx.graph, HUB, id, r) === undefined);
    if (missing.length > 0 && unknown.length > 0) {
      return fail(
        `${who} has no Security Hub in ${listText(missing)}; whether it has one in ${listText(unknown)} is not known.`,
      );
    }
    if (unknown.length > 0)
      return error(`${who}: whether Security Hub is enabled in ${listText(unknown)} is not known.`);
    if (missing.length === regions.length) {
      return fail(`${who} has Security Hub in none of the regions it uses (${listText(regions)}).`);
    }
    if (missing.length > 0) return fail(`${who} has no Security Hub in ${listText(missing)}.`);
    return pass(() => `${who} has Security Hub enabled in ${listText(regions)}.`);
  },
});
