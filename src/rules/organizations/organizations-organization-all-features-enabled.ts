import { defineRule, error, fail, label, pass, prop } from '../rule.js';

/**
 * Compliant: the organisation has all features enabled (`FeatureSet: ALL`, CloudFormation's and
 * Organizations' default), not consolidated billing only.
 */
export default defineRule({
  id: 'organizations-organization-all-features-enabled',
  title: 'Organisation has all features enabled',
  category: 'compliance',
  severity: 'high',
  resourceTypes: ['AWS::Organizations::Organization'],
  rationale:
    'An organisation with consolidated billing only cannot use service control policies, resource control policies, tag policies, delegated administrators or organisation-wide trails and analyzers: the management account pays the bills but governs nothing. All features is what makes central guardrails possible.',
  remediation: {
    text: 'From the management account, start the enable-all-features handshake and have every member account accept it.',
    cli: 'aws organizations enable-all-features',
    cloudformation: 'FeatureSet: ALL',
    terraform: 'feature_set = "ALL"',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html',
  ],
  evaluate(org) {
    const who = `Organisation ${label(org)}`;
    const features = prop(org.props, 'FeatureSet');
    if (!features.known) return error(`${who}: ${features.reason}.`);
    if (features.value === undefined || features.value === 'ALL') {
      return pass(
        () => `${who} has all features enabled${features.value === undefined ? ' (the default)' : ''}.`,
      );
    }
    return fail(
      `${who} has feature set ${String(features.value)}: no SCPs or other organisation policies can apply.`,
    );
  },
});
