import { defineFix } from '../fix.js';
import { refuseNotLive } from '../fix-support.js';
import { getTrail, restoreTrail, trailCall, trailName } from './fix-calls.js';

/**
 * Turns on log file validation: CloudTrail then delivers a signed digest file every hour, so a
 * changed or deleted log file can be detected. Reversible (UpdateTrail back to false).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html
 */
export default defineFix({
  rule: 'cloudtrail-trail-log-file-validation-enabled',
  title: 'Turn on log file validation of the trail',
  actions: ['cloudtrail:UpdateTrail'],
  plan(trail) {
    const refused = refuseNotLive(trail);
    if (refused) return refused;
    const Name = trailName(trail);
    return {
      steps: [
        {
          description: `Turn on log file validation of trail ${trail.name ?? trail.id}`,
          call: trailCall(trail, 'UpdateTrail', { Name, EnableLogFileValidation: true }),
          capture: getTrail(trail),
          undo: (captured) => ({
            call: restoreTrail(trail, captured, [['EnableLogFileValidation', 'LogFileValidationEnabled']])!,
          }),
        },
      ],
    };
  },
  template() {
    return { patches: [{ op: 'set', path: ['EnableLogFileValidation'], value: true }] };
  },
});
