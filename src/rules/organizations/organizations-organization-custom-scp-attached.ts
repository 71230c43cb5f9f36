import { isUnresolved } from '../../model/index.js';
import { defineRule, error, fail, label, pass, prop } from '../rule.js';
import { isAwsManagedScp, isScp, policiesUnread, SCP_TYPE } from './scps.js';

const IAC = new Set(['cloudformation', 'terraform']);

/**
 * Compliant: the organisation has the SCP policy type enabled (`observed.EnabledPolicyTypes` of
 * the root; a template that attaches an SCP needs it enabled to deploy) and at least one customer
 * SCP, not the AWS managed FullAWSAccess, is attached to the root, an OU or an account. SCPs a
 * live collection could not read give `error`, not a failure.
 */
export default defineRule({
  id: 'organizations-organization-custom-scp-attached',
  title: 'Organisation enforces at least one custom service control policy',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: ['AWS::Organizations::Organization'],
  rationale:
    'FullAWSAccess, attached everywhere by default, allows everything: an organisation whose only SCP it is has no guardrail that account administrators cannot remove. A custom SCP (deny leaving the organisation, deny disabling CloudTrail, GuardDuty and Config, restrict regions) is the start of preventive control across accounts.',
  remediation: {
    text: 'Enable the SCP policy type on the root, write a guardrail SCP and attach it to the root or the OUs of workload accounts.',
    cli: 'aws organizations enable-policy-type --root-id <r-xxxx> --policy-type SERVICE_CONTROL_POLICY\naws organizations create-policy --type SERVICE_CONTROL_POLICY --name guardrails --description "Baseline guardrails" --content file://scp.json\naws organizations attach-policy --policy-id <p-xxxx> --target-id <ou-or-root-id>',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html',
  ],
  evaluate(org, ctx) {
    const who = `Organisation ${label(org)}`;
    const features = prop(org.props, 'FeatureSet');
    if (features.known && features.value !== undefined && features.value !== 'ALL') {
      return fail(`${who} has feature set ${String(features.value)}, so it cannot use SCPs.`);
    }
    const custom = ctx.graph
      .byType('AWS::Organizations::Policy')
      .filter((p) => p.account === org.account && isScp(p) && !isAwsManagedScp(p));
    const attached = custom.filter((p) => {
      const targets = p.props.TargetIds;
      return Array.isArray(targets) && targets.length > 0;
    });
    const unknownTargets = custom.filter((p) => isUnresolved(p.props.TargetIds));
    const types = org.observed?.EnabledPolicyTypes;
    if (Array.isArray(types) && !types.includes(SCP_TYPE)) {
      return fail(`${who} does not have the SCP policy type enabled on its root.`);
    }
    if (!Array.isArray(types) && !IAC.has(org.origin.source)) {
      return error(`${who}: the snapshot does not say which policy types are enabled.`);
    }
    if (attached.length > 0) {
      return pass(() => `${who} enforces custom SCPs: ${attached.map((p) => label(p)).join(', ')}.`);
    }
    const unread = policiesUnread(org);
    if (unread) return error(`${who}: ${unread}.`);
    if (unknownTargets.length > 0) {
      return error(`${who}: the targets of ${unknownTargets.map((p) => label(p)).join(', ')} are not known.`);
    }
    return fail(
      custom.length > 0
        ? `${who} has custom SCPs (${custom.map((p) => label(p)).join(', ')}) but none is attached.`
        : `${who} has no custom SCP: only FullAWSAccess applies.`,
    );
  },
});
