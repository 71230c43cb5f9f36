import { defineRule, error, fail, label, pass } from '../rule.js';
import { DETECTOR, detectorEnabled } from './detectors.js';

/** Compliant: the GuardDuty detector is enabled (not suspended). */
export default defineRule({
  id: 'guardduty-detector-enabled',
  title: 'GuardDuty detector is enabled',
  category: 'security',
  severity: 'high',
  resourceTypes: [DETECTOR],
  rationale:
    'A suspended detector analyses nothing: no findings for crypto-mining instances, credential exfiltration, SSH brute force or calls from known-bad addresses in that region, while the console still shows GuardDuty as set up. Attackers favour regions nobody watches.',
  remediation: {
    text: 'Enable the detector (and, in an organisation, let the delegated administrator auto-enable GuardDuty for every account and region).',
    cli: 'aws guardduty update-detector --region <region> --detector-id <detector-id> --enable',
    cloudformation: 'Type: AWS::GuardDuty::Detector\nProperties:\n  Enable: true',
    terraform: 'resource "aws_guardduty_detector" "this" {\n  enable = true\n}',
  },
  controls: ['aws-fsbp:GuardDuty.1'],
  references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-suspend-disable.html'],
  evaluate(detector) {
    const who = `GuardDuty detector ${label(detector)}`;
    const on = detectorEnabled(detector);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    const where = detector.region === 'unknown' ? '' : ` in ${detector.region}`;
    return on.value
      ? pass(() => `${who} is enabled${where}.`)
      : fail(`${who} is suspended${where}, so GuardDuty analyses nothing there.`);
  },
});
