import type { Resource } from '../../model/index.js';
import { memberInScope, ORG_ACCOUNT, regionsInUse } from '../config/accounts.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import {
  coversAccount,
  coveringTrail,
  coveringTrailUnread,
  logging,
  managementEvents,
  managementText,
  multiRegion,
  TRAIL,
} from './trails.js';

/**
 * Compliant: some trail records the member account's read and write management events in every
 * region: a multi-region trail of the account, or the organisation trail of the management account.
 */
export default defineRule({
  id: 'cloudtrail-account-multi-region-trail-present',
  title: 'Account is covered by a multi-region CloudTrail trail of management events',
  category: 'compliance',
  severity: 'high',
  resourceTypes: [ORG_ACCOUNT],
  rationale:
    'CloudTrail event history keeps 90 days of management events per region and is easy to lose track of; only a trail keeps them, in one place, for as long as the audit needs. An account of the organisation that no trail covers leaves a hole exactly where nobody is looking, and "who changed this?" has no answer there.',
  remediation: {
    text: 'Create one organisation trail in the management (or delegated administrator) account that is multi-region and records all management events, or a multi-region trail in the account itself.',
    cli: 'aws cloudtrail create-trail --name org-trail --s3-bucket-name <log-archive-bucket> --is-multi-region-trail --is-organization-trail --enable-log-file-validation\naws cloudtrail start-logging --name org-trail',
    cloudformation:
      'Type: AWS::CloudTrail::Trail\nProperties:\n  IsLogging: true\n  IsMultiRegionTrail: true\n  IsOrganizationTrail: true\n  EnableLogFileValidation: true\n  S3BucketName: !Ref LogArchiveBucket',
    terraform:
      'resource "aws_cloudtrail" "org" {\n  name                       = "org-trail"\n  s3_bucket_name             = aws_s3_bucket.log_archive.id\n  is_multi_region_trail      = true\n  is_organization_trail      = true\n  enable_log_file_validation = true\n}',
  },
  controls: ['cis-aws-v5.0:3.1', 'aws-fsbp:CloudTrail.1'],
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html',
  ],
  evaluate(account, ctx) {
    const member = memberInScope(account);
    if (!('id' in member)) return member;
    const { id, who } = member;
    const covering = coveringTrail(id, ctx.graph);
    if (covering) {
      const how = covering.account === id ? 'its trail' : 'the organisation trail';
      return pass(() => `${who} is recorded in every region by ${how} ${label(covering)}.`);
    }
    // A trail that was never listed may be the one that covers the account.
    const unread = coveringTrailUnread(id, ctx.graph);
    if (unread) {
      return error(
        `${who}: whether a trail records all its management events in every region is not known: ${unread}.`,
      );
    }
    const trails = ctx.graph.filter(TRAIL, (t) => coversAccount(t, id, ctx.graph));
    if (trails.length === 0 && regionsInUse(ctx.graph, id).length === 0) {
      return error(
        `${who}: none of its resources or trails are in the snapshot, so its trails cannot be checked.`,
      );
    }
    if (trails.length === 0)
      return fail(`${who} has no CloudTrail trail in the snapshot, and no organisation trail covers it.`);
    const shortfalls = trails.map(shortfall);
    const unknown = shortfalls.filter((x) => !x.known);
    // A trail whose facts were not read might be the one that covers the account.
    if (unknown.length > 0) {
      return error(
        `${who}: whether a trail records all its management events in every region is not known: ${unknown.map((x) => x.text).join('; ')}.`,
      );
    }
    return fail(
      `${who} has no trail that records all management events in every region: ${shortfalls.map((x) => x.text).join('; ')}.`,
    );
  },
});

/** Why one trail does not count, and whether that is known. */
function shortfall(trail: Resource): { known: boolean; text: string } {
  const multi = multiRegion(trail);
  if (!multi.known) return { known: false, text: `${label(trail)} (${multi.reason})` };
  if (!multi.value) return { known: true, text: `${label(trail)} is single-region` };
  const on = logging(trail);
  if (!on.known) return { known: false, text: `${label(trail)} (${on.reason})` };
  if (!on.value) return { known: true, text: `${label(trail)} is not logging` };
  const events = managementEvents(trail);
  return events.known
    ? { known: true, text: `${label(trail)} records ${managementText(events.value)}` }
    : { known: false, text: `${label(trail)} (${events.reason})` };
}
