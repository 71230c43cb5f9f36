import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, notApplicable, pass, type GraphView } from '../rule.js';
import { isAwsManagedPolicy, ownPolicies, policyHolderLabel, type CarriedPolicy } from './grants.js';
import { PRINCIPAL_TYPES } from './principals.js';
import { conditionsOn, coversAction, type ConditionEntry, type Statement } from './policy.js';

const MANAGED = 'AWS::IAM::ManagedPolicy';
/** The Lambda actions that carry the VPC condition keys. */
const VPC_ACTIONS = ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'];
const KEY = 'lambda:VpcIds';

/** `vpc-0abc (dev-vpc)` when the VPC is in the snapshot. */
function vpcNames(values: readonly string[], graph: GraphView, near: Resource): string {
  return values
    .map((v) => {
      const vpc = graph.get(v, 'AWS::EC2::VPC', near);
      return vpc?.name ? `${v} (${vpc.name})` : v;
    })
    .join(', ');
}

/** A policy read in full without a `Deny` statement. */
function deniesNothing(policy: CarriedPolicy): boolean {
  return policy.read.known && !policy.read.statements.some(isDeny);
}

function isDeny(statement: Statement): boolean {
  return statement.effect === 'Deny';
}

/**
 * How one condition on lambda:VpcIds in a Deny statement shapes the guardrail. lambda:VpcIds is
 * single-valued, and a function outside any VPC has no lambda:VpcIds in its request.
 * - `StringNotEquals` (and `...IfExists`, `ForAllValues:`, which are also true when the key is
 *   missing): denies every VPC outside the list and functions outside any VPC: an allow-list.
 * - `ForAnyValue:StringNotEquals`: a set operator on a single-valued key; ForAnyValue is false when
 *   the key is missing, so functions outside any VPC are not denied: an allow-list only with a
 *   separate Deny on `Null` `lambda:VpcIds` `true`.
 * - `StringEquals`, `ForAnyValue:StringEquals`...: denies only the VPCs listed: a deny-list.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
function kind(entry: ConditionEntry): 'allow-list' | 'vpc-only-allow-list' | 'deny-list' | 'other' {
  if (entry.base === 'null') return 'other';
  if (!/^string/.test(entry.base)) return 'other';
  if (!entry.negated) return 'deny-list';
  return entry.qualifier === 'foranyvalue' && !entry.ifExists ? 'vpc-only-allow-list' : 'allow-list';
}

/** Does the Deny statement deny functions outside any VPC (`Null` `lambda:VpcIds` `true`, and no other condition)? */
function deniesNoVpc(s: Statement): boolean {
  return (
    s.conditions.length === 1 &&
    s.unknown.length === 0 &&
    s.conditions[0]!.base === 'null' &&
    !s.conditions[0]!.qualifier &&
    s.conditions[0]!.key === KEY.toLowerCase() &&
    s.conditions[0]!.values.values.length > 0 &&
    s.conditions[0]!.values.values.every((v) => v.toLowerCase() === 'true')
  );
}

/**
 * Compliant: every `Deny` statement on lambda:CreateFunction / UpdateFunctionConfiguration that is
 * conditioned on `lambda:VpcIds` uses a negated operator without `ForAnyValue` (`StringNotEquals`,
 * `StringNotLike`, or their `IfExists` forms), so it denies every VPC except the listed ones and
 * functions outside any VPC (no `lambda:VpcIds` in the request, which a negated operator treats as
 * true). A `Deny` with `StringEquals` on the VPCs meant to be allowed blocks exactly those and
 * leaves every other VPC, and functions outside any VPC, allowed. `ForAnyValue:StringNotEquals`
 * (a set operator on the single-valued lambda:VpcIds) is false when the key is missing, so it
 * leaves functions outside any VPC allowed; it passes only with a separate `Deny` on `Null`
 * `lambda:VpcIds` `true` in the same principal's or policy's statements.
 * Policies without such a statement are not applicable.
 */
export default defineRule({
  id: 'iam-policy-lambda-vpc-guardrail-allow-list',
  title: 'Lambda VPC guardrail denies every VPC outside its list',
  category: 'security',
  severity: 'medium',
  resourceTypes: [MANAGED, ...PRINCIPAL_TYPES],
  rationale:
    'A guardrail that keeps a team’s Lambda functions in the test VPCs must deny every other VPC: Deny with StringNotEquals on lambda:VpcIds. Written the other way round (Deny with StringEquals on the test VPCs), it blocks the VPCs the team should use and lets functions be attached to production VPCs, or to no VPC at all, which is the opposite of the intent. New VPCs are also open by default under a deny-list. If the statement really is meant to block specific VPCs, suppress the finding with that reason.',
  remediation: {
    text: 'Change the operator of the Deny to StringNotEquals on lambda:VpcIds (single-valued), and add ForAnyValue:StringNotEquals on lambda:SubnetIds and lambda:SecurityGroupIds (multivalued) where subnets and groups are restricted too.',
    cloudformation:
      'Statement:\n  - Sid: DenyLambdaOutsideTestVpcs\n    Effect: Deny\n    Action: [lambda:CreateFunction, lambda:UpdateFunctionConfiguration]\n    Resource: "*"\n    Condition:\n      StringNotEquals:\n        lambda:VpcIds: [vpc-1, vpc-2]',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-conditions',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  ],
  evaluate(resource, ctx) {
    if (resource.type === MANAGED && isAwsManagedPolicy(resource))
      return notApplicable(() => `${policyHolderLabel(resource)} is an AWS managed policy.`);
    const found = ownPolicies(resource);
    if (!found.known) return error(`${policyHolderLabel(resource)}: ${found.reason}.`);
    // Most policies deny nothing: nothing further to read.
    if (found.policies.every(deniesNothing)) {
      return notApplicable(
        () =>
          `${policyHolderLabel(resource)} has no Deny statement on Lambda functions conditioned on ${KEY}.`,
      );
    }
    const inverted: string[] = [];
    const guarded: string[] = [];
    /** Allow-lists that leave functions outside any VPC allowed unless a Null Deny covers them. */
    const vpcOnly: string[] = [];
    let noVpcDenied = false;
    const unknown: string[] = [];
    for (let i = 0; i < found.policies.length; i++) {
      const policy = found.policies[i]!;
      if (!policy.read.known) {
        unknown.push(policy.read.reason);
        continue;
      }
      const statements = policy.read.statements;
      for (let j = 0; j < statements.length; j++) {
        const s = statements[j]!;
        if (s.effect !== 'Deny') continue;
        const covers = VPC_ACTIONS.map((a) => coversAction(s, a));
        if (covers.every((c) => c === false)) continue;
        if (covers.every((c) => c === true) && deniesNoVpc(s)) noVpcDenied = true;
        for (const entry of conditionsOn(s, KEY)) {
          const k = kind(entry);
          if (k === 'deny-list') inverted.push(describe(s, entry, ctx.graph, resource));
          else if (k === 'allow-list') guarded.push(s.label);
          else if (k === 'vpc-only-allow-list') vpcOnly.push(`${s.label} (${entry.operator})`);
        }
        if (covers.some((c) => c === undefined)) unknown.push(...s.action.unknown, ...s.notAction.unknown);
      }
    }
    if (inverted.length > 0) {
      return fail(
        `${policyHolderLabel(resource)} has a Lambda VPC guardrail that denies only the VPCs it lists: ${inverted.join('; ')}. Every other VPC, and functions outside any VPC, stay allowed; to allow only these VPCs use StringNotEquals.`,
      );
    }
    if (vpcOnly.length > 0 && !noVpcDenied) {
      return fail(
        `${policyHolderLabel(resource)} has a Lambda VPC guardrail with a ForAnyValue operator on the single-valued ${KEY}: ${vpcOnly.join('; ')}. ForAnyValue is false when the key is missing, so functions outside any VPC stay allowed; use StringNotEquals, or add a Deny on Null ${KEY} true.`,
      );
    }
    guarded.push(...vpcOnly);
    if (guarded.length > 0) {
      return pass(
        () =>
          `${policyHolderLabel(resource)} denies Lambda functions in every VPC outside its list (${guarded.join(', ')}).`,
      );
    }
    if (unknown.length > 0) return error(`${policyHolderLabel(resource)}: ${unknown.join('; ')}.`);
    return notApplicable(
      () => `${policyHolderLabel(resource)} has no Deny statement on Lambda functions conditioned on ${KEY}.`,
    );
  },
});

function describe(s: Statement, entry: ConditionEntry, graph: GraphView, near: Resource): string {
  const values =
    entry.values.values.length > 0 ? vpcNames(entry.values.values, graph, near) : 'unresolved values';
  return `${s.label} denies when ${entry.operator} ${entry.keyAsWritten} is one of [${values}]`;
}
