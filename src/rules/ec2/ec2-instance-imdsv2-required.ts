import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable } from '../rule.js';
import { launchTemplateOf } from './launch-template.js';
import { judgeMetadataOptions } from './metadata-options.js';

/** States in which an instance no longer runs and cannot be changed. */
const GONE = new Set(['terminated', 'shutting-down']);

/** How reasons name the instance: `EC2 instance <id>`. */
function who(instance: Resource): string {
  return `EC2 instance ${label(instance)}`;
}

/**
 * Compliant: the instance requires IMDSv2 (`MetadataOptions.HttpTokens: required`), on the
 * instance or in the launch template it is launched from, or has the metadata endpoint disabled.
 * A template that sets neither fails: the default then depends on the AMI and the account.
 */
export default defineRule({
  id: 'ec2-instance-imdsv2-required',
  title: 'EC2 instance requires IMDSv2',
  category: 'security',
  severity: 'high',
  resourceTypes: ['AWS::EC2::Instance'],
  rationale:
    "IMDSv1 answers any HTTP GET, so a server-side request forgery in an application, an open reverse proxy or a misconfigured firewall on the instance is enough to read the instance role's temporary credentials from 169.254.169.254. IMDSv2 requires a session token obtained with a PUT and a hop limit, which these attacks cannot produce. Without an explicit setting, whether an instance requires IMDSv2 depends on its AMI (ImdsSupport) and the account's default metadata settings, not on what the template says.",
  remediation: {
    text: 'Set HttpTokens to required on the instance (or in its launch template) after checking that its software uses IMDSv2-aware SDKs.',
    cli: 'aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled',
    cloudformation: 'MetadataOptions:\n  HttpTokens: required\n  HttpEndpoint: enabled',
    terraform:
      'resource "aws_instance" "this" {\n  metadata_options {\n    http_tokens   = "required"\n    http_endpoint = "enabled"\n  }\n}',
  },
  controls: ['cis-aws-v5.0:5.7', 'aws-fsbp:EC2.8'],
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
  ],
  evaluate(instance, ctx) {
    const state = instance.observed?.State;
    if (typeof state === 'string' && GONE.has(state))
      return notApplicable(() => `${who(instance)} is ${state}.`);
    const own = judgeMetadataOptions(instance.props.MetadataOptions, instance, who, '');
    if (own) return own;
    const lt = launchTemplateOf(instance.props.LaunchTemplate, 'LaunchTemplate', ctx.graph, instance);
    if ('unknown' in lt)
      return error(`${who(instance)} sets no MetadataOptions of its own and ${lt.unknown}.`);
    if ('template' in lt) {
      const fromTemplate = judgeMetadataOptions(
        lt.data.MetadataOptions,
        instance,
        who,
        `launch template ${label(lt.template)} `,
      );
      if (fromTemplate) return fromTemplate;
    }
    return fail(
      `${who(instance)} does not require IMDSv2: no MetadataOptions.HttpTokens is set, so IMDSv1 stays available unless the AMI or the account default requires tokens.`,
    );
  },
});
