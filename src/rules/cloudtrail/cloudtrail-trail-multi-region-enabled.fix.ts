import { asBoolean } from '../rule.js';
import { defineFix, type FixStep, type TemplatePatch } from '../fix.js';
import { capturedAt, refuseNotLive } from '../fix-support.js';
import { getTrail, restoreTrail, trailCall, trailName } from './fix-calls.js';
import { managementEvents, managementText, multiRegion, stopped } from './trails.js';
import type { Resource } from '../../model/index.js';

/**
 * Why the fix would not close the finding: the trail records only part of the management events
 * (its event selectors are a choice this fix does not second-guess), or what it needs is unknown.
 */
function blocker(trail: Resource): string | undefined {
  const multi = multiRegion(trail);
  if (!multi.known) return multi.reason;
  const events = managementEvents(trail);
  if (!events.known) return events.reason;
  if (events.value !== 'all') {
    return `the trail records ${managementText(events.value)}; change its event selectors (PutEventSelectors) by hand, or rely on another trail`;
  }
  return undefined;
}

/** CloudTrail refuses a multi-region trail that leaves out global service events. */
function excludesGlobalEvents(trail: Resource): boolean {
  return asBoolean(trail.props.IncludeGlobalServiceEvents) === false;
}

/**
 * Makes the trail record every region (UpdateTrail IsMultiRegionTrail) and, when it is stopped,
 * starts its logging. Reversible: both are settings UpdateTrail and StopLogging put back; a trail
 * made single-region again loses the shadow trails of the other regions, not its logs.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
 */
export default defineFix({
  rule: 'cloudtrail-trail-multi-region-enabled',
  title: 'Make the trail record every region, and start it if stopped',
  actions: ['cloudtrail:UpdateTrail', 'cloudtrail:StartLogging', 'cloudtrail:StopLogging'],
  plan(trail) {
    const refused = refuseNotLive(trail);
    if (refused) return refused;
    const why = blocker(trail);
    if (why) return { cannot: why };
    const Name = trailName(trail);
    const who = trail.name ?? trail.id;
    const steps: FixStep[] = [];
    const multi = multiRegion(trail);
    if (multi.known && !multi.value) {
      steps.push({
        description: `Make trail ${who} record management events in every region`,
        call: trailCall(trail, 'UpdateTrail', {
          Name,
          IsMultiRegionTrail: true,
          ...(excludesGlobalEvents(trail) ? { IncludeGlobalServiceEvents: true } : {}),
        }),
        capture: getTrail(trail),
        undo: (captured) => ({
          call: restoreTrail(trail, captured, [
            ['IsMultiRegionTrail', 'IsMultiRegionTrail'],
            ...(excludesGlobalEvents(trail)
              ? [['IncludeGlobalServiceEvents', 'IncludeGlobalServiceEvents'] as const]
              : []),
          ])!,
        }),
      });
    }
    if (stopped(trail)) {
      steps.push({
        description: `Start logging of trail ${who}`,
        call: trailCall(trail, 'StartLogging', { Name }),
        capture: trailCall(trail, 'GetTrailStatus', { Name }),
        undo: (captured) => ({
          call: trailCall(
            trail,
            capturedAt(captured, 'IsLogging') === true ? 'StartLogging' : 'StopLogging',
            {
              Name,
            },
          ),
        }),
      });
    }
    if (steps.length === 0) return { cannot: `trail ${who} is already multi-region and logging` };
    return { steps };
  },
  template(trail) {
    const why = blocker(trail);
    if (why) return { cannot: why };
    const patches: TemplatePatch[] = [{ op: 'set', path: ['IsMultiRegionTrail'], value: true }];
    if (excludesGlobalEvents(trail))
      patches.push({ op: 'set', path: ['IncludeGlobalServiceEvents'], value: true });
    if (stopped(trail)) patches.push({ op: 'set', path: ['IsLogging'], value: true });
    return { patches };
  },
});
