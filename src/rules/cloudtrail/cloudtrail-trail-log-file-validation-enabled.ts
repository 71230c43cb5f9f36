import { defineRule, error, fail, label, pass } from '../rule.js';
import { flag, TRAIL } from './trails.js';

/** Compliant: the trail has log file integrity validation on (`EnableLogFileValidation: true`). */
export default defineRule({
  id: 'cloudtrail-trail-log-file-validation-enabled',
  title: 'CloudTrail trail has log file validation enabled',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [TRAIL],
  rationale:
    'With validation on, CloudTrail writes a signed digest file every hour that chains the hashes of the log files it delivered. Without it nobody can prove that a log file used in a post-mortem or an investigation was not modified or deleted after delivery, which is exactly what an intruder covering their tracks would do.',
  remediation: {
    text: 'Turn on log file validation; validate the logs with `aws cloudtrail validate-logs` when they are used as evidence.',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
    cloudformation: 'EnableLogFileValidation: true',
    terraform: 'resource "aws_cloudtrail" "this" {\n  # ...\n  enable_log_file_validation = true\n}',
  },
  controls: ['cis-aws-v5.0:3.2', 'aws-fsbp:CloudTrail.4'],
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  ],
  evaluate(trail) {
    const who = `CloudTrail trail ${label(trail)}`;
    const setting = trail.props.EnableLogFileValidation;
    // CloudFormation and the API default to false.
    const on = flag(trail, 'EnableLogFileValidation', false);
    if (!on.known) return error(`${who}: ${on.reason}.`);
    if (on.value) return pass(() => `${who} has log file validation enabled.`);
    return fail(
      `${who} has log file validation ${setting === undefined ? 'not configured (off by default)' : 'disabled'}, so its log files cannot be proven untampered.`,
    );
  },
});
