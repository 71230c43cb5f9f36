import { defineRule, error, fail, label, pass } from '../rule.js';
import {
  coveringTrail,
  coveringTrailUnread,
  logging,
  managementEvents,
  managementText,
  multiRegion,
  TRAIL,
  type ManagementEvents,
} from './trails.js';

/**
 * Compliant: the trail is multi-region, logging, and records read and write management events.
 * A multi-region trail of data events only passes when another trail records the account's
 * management events in every region (a second copy of management events is billed).
 */
export default defineRule({
  id: 'cloudtrail-trail-multi-region-enabled',
  title: 'CloudTrail trail records management events in every region',
  category: 'compliance',
  severity: 'high',
  resourceTypes: [TRAIL],
  rationale:
    'A single-region trail misses API activity in every other region: an attacker who launches instances in an unused region, or a change made in the DR region, leaves no record. Root-cause analysis after an outage ("who changed this?") needs read and write management events from every region, and a multi-region trail also records the global services (IAM, STS, CloudFront) once.',
  remediation: {
    text: 'Make the trail multi-region and let it record all management events (or use one organisation trail that does, and delete per-account single-region trails).',
    cli: 'aws cloudtrail update-trail --name <trail> --is-multi-region-trail --include-global-service-events\naws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'\naws cloudtrail start-logging --name <trail>',
    cloudformation:
      'IsLogging: true\nIsMultiRegionTrail: true\nIncludeGlobalServiceEvents: true\nEventSelectors:\n  - ReadWriteType: All\n    IncludeManagementEvents: true',
    terraform:
      'resource "aws_cloudtrail" "this" {\n  # ...\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n  }\n}',
  },
  controls: ['cis-aws-v5.0:3.1', 'aws-fsbp:CloudTrail.1', 'pci-dss-v4.0:10.2.1'],
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
  ],
  evaluate(trail, ctx) {
    const who = `CloudTrail trail ${label(trail)}`;
    const multi = multiRegion(trail);
    if (!multi.known) return error(`${who}: ${multi.reason}.`);
    const other = coveringTrail(trail.account, ctx.graph, trail, trail);
    const otherNote = other
      ? ` ${label(other)} records the account's management events in every region; make this trail multi-region or remove it.`
      : '';
    if (!multi.value) {
      const home = typeof trail.observed?.HomeRegion === 'string' ? trail.observed.HomeRegion : trail.region;
      const where = home === 'unknown' ? 'its home region' : `its home region ${home}`;
      return fail(`${who} records only ${where} (IsMultiRegionTrail is not true).${otherNote}`);
    }
    const on = logging(trail);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    if (!on.value) return fail(`${who} is multi-region but not logging, so it records nothing.${otherNote}`);
    const events = managementEvents(trail);
    if (!events.known) return error(`${who}: ${events.reason}.`);
    if (events.value === 'all') return pass(() => `${who} records ${managementText('all')} in every region.`);
    return partial(
      who,
      events.value,
      other ? label(other) : undefined,
      other ? undefined : coveringTrailUnread(trail.account, ctx.graph),
    );
  },
});

function partial(
  who: string,
  events: ManagementEvents,
  other: string | undefined,
  unread: string | undefined,
) {
  const what = `${who} is multi-region but records ${managementText(events)}`;
  if (other) return pass(() => `${what}; ${other} records the account's management events in every region.`);
  // Another trail, never listed, may record the rest.
  if (unread) return error(`${what}, and whether another trail records the rest is not known: ${unread}.`);
  return fail(`${what}, and no other trail in the snapshot records all management events of the account.`);
}
