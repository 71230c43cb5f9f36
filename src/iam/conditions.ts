/**
 * Condition evaluation: every operator, `IfExists`, `ForAllValues` / `ForAnyValue`, missing keys.
 * Keys are AND'ed (by the caller), values of one key OR'ed; negated operators hold when the request
 * value matches none of the values.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { cidrContains, cidrContainsIp, parseCidr, parseIp } from '../model/index.js';
import { arnLike, compile, type VariableResolver } from './match.js';
import { NEGATED, POSITIVE_OF, TAKES_VARIABLES } from './operators.js';
import type { BaseOperator, Condition } from './types.js';
import { parseBase64, parseBool, parseDate, parseNumber } from './values.js';

/** The request's condition keys, by lower-case key. */
export type ContextLookup = (key: string) => string | string[] | undefined;

export interface ConditionResult {
  holds: boolean;
  /** The key is absent from the request. */
  keyMissing: boolean;
  /** Policy variables in the values the request could not resolve. */
  unresolvedVariables: string[];
}

/**
 * One policy value under a positive operator, compiled once: the regular expression, the number,
 * the date, the address range are derived from the policy's text when the policy is first used
 * rather than on every request. Policy variables need the request, so a value holding one is
 * matched by `matchValue` when the policy allows variables.
 */
type ValueTest = (requestValue: string) => boolean;

/** A condition with its operator split and its values compiled. */
export class CompiledCondition {
  readonly negated: boolean;
  readonly positive: BaseOperator;
  readonly takesVariables: boolean;
  readonly values: readonly string[];
  readonly tests: readonly ValueTest[];
  /** Per value: it holds a `${...}` that a policy variable may replace. */
  readonly hasVariable: readonly boolean[];

  constructor(readonly condition: Condition) {
    this.negated = NEGATED.has(condition.base);
    this.positive = (this.negated ? POSITIVE_OF[condition.base] : condition.base)!;
    this.takesVariables = TAKES_VARIABLES.has(condition.base);
    this.values = condition.values;
    this.tests = condition.values.map((v) => valueTest(this.positive, v));
    this.hasVariable = condition.values.map((v) => v.includes('${'));
  }
}

const compiledConditions = new WeakMap<Condition, CompiledCondition>();

/** The condition compiled, built on first use. */
export function compileCondition(condition: Condition): CompiledCondition {
  let c = compiledConditions.get(condition);
  if (!c) {
    c = new CompiledCondition(condition);
    compiledConditions.set(condition, c);
  }
  return c;
}

/**
 * Evaluates one condition (one key under one operator). `variables` is set when the policy's
 * Version allows policy variables.
 */
export function evaluateCondition(
  condition: Condition,
  lookup: ContextLookup,
  variables: VariableResolver | undefined,
): ConditionResult {
  return evaluateCompiledCondition(compileCondition(condition), lookup, variables);
}

/** `evaluateCondition` on a condition compiled beforehand (the statement keeps it). */
export function evaluateCompiledCondition(
  c: CompiledCondition,
  lookup: ContextLookup,
  variables: VariableResolver | undefined,
): ConditionResult {
  const condition = c.condition;
  const raw = lookup(condition.key);
  const unresolvedVariables: string[] = [];
  const keyMissing = raw === undefined;
  const holds = conditionHolds(c, raw, variables, unresolvedVariables);
  return { holds, keyMissing, unresolvedVariables };
}

function conditionHolds(
  c: CompiledCondition,
  raw: string | string[] | undefined,
  variables: VariableResolver | undefined,
  unresolved: string[],
): boolean {
  const condition = c.condition;
  const keyMissing = raw === undefined;
  // Null: "true" holds when the key is absent, "false" when it is present.
  if (condition.base === 'null') {
    return condition.values.some((v) => (parseBool(v) === true ? keyMissing : !keyMissing));
  }
  const vars = c.takesVariables ? variables : undefined;
  if (condition.qualifier === 'ForAllValues' || condition.qualifier === 'ForAnyValue') {
    const requestValues = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    // One request value against the operator: positive operators need one policy value to match,
    // negated ones need none to match.
    const single = (value: string): boolean => matchesAny(c, value, vars, unresolved) !== c.negated;
    if (condition.qualifier === 'ForAllValues') {
      // True when every request value matches, and when the key is missing or empty.
      if (requestValues.length === 0) return true;
      return requestValues.every(single);
    }
    // ForAnyValue: false when the key is missing or empty (unless IfExists).
    if (requestValues.length === 0) return condition.ifExists;
    return requestValues.some(single);
  }
  if (keyMissing) {
    // IfExists: absent key ⇒ the condition holds. Otherwise negated operators hold on a missing key
    // and the others do not.
    return condition.ifExists || c.negated;
  }
  // A plain operator against a multivalued request value does not match: set operators are
  // required for multivalued keys. A one-element list is a single value.
  let value: string;
  if (Array.isArray(raw)) {
    if (raw.length !== 1) return false;
    value = raw[0]!;
  } else {
    value = raw;
  }
  return matchesAny(c, value, vars, unresolved) !== c.negated;
}

/**
 * Whether one request value matches any of the condition's values under its positive operator,
 * stopping at the first that does; the variables the request lacks go to `unresolved`.
 */
function matchesAny(
  c: CompiledCondition,
  value: string,
  vars: VariableResolver | undefined,
  unresolved: string[],
): boolean {
  for (let i = 0; i < c.values.length; i++) {
    if (vars !== undefined && c.hasVariable[i]) {
      const m = matchValue(c.positive, c.values[i]!, value, vars);
      unresolved.push(...m.unresolved);
      if (m.matches) return true;
    } else if (c.tests[i]!(value)) {
      return true;
    }
  }
  return false;
}

interface ValueMatch {
  matches: boolean;
  unresolved: string[];
}

function compare(base: BaseOperator, a: number, b: number): boolean {
  if (base.endsWith('lessthanequals')) return a <= b;
  if (base.endsWith('lessthan')) return a < b;
  if (base.endsWith('greaterthanequals')) return a >= b;
  if (base.endsWith('greaterthan')) return a > b;
  return a === b;
}

const never: ValueTest = () => false;

/** A policy value compiled for a positive operator, policy variables left as written. */
function valueTest(base: BaseOperator, policyValue: string): ValueTest {
  switch (base) {
    case 'stringequals':
    case 'stringequalsignorecase':
    case 'stringlike': {
      const { regex } = compile(policyValue, {
        wildcards: base === 'stringlike',
        ignoreCase: base === 'stringequalsignorecase',
      });
      return (requestValue) => regex!.test(requestValue);
    }
    case 'numericequals':
    case 'numericlessthan':
    case 'numericlessthanequals':
    case 'numericgreaterthan':
    case 'numericgreaterthanequals': {
      const b = parseNumber(policyValue);
      if (b === undefined) return never;
      return (requestValue) => {
        const a = parseNumber(requestValue);
        return a !== undefined && compare(base, a, b);
      };
    }
    case 'dateequals':
    case 'datelessthan':
    case 'datelessthanequals':
    case 'dategreaterthan':
    case 'dategreaterthanequals': {
      const b = parseDate(policyValue);
      if (b === undefined) return never;
      return (requestValue) => {
        const a = parseDate(requestValue);
        return a !== undefined && compare(base, a, b);
      };
    }
    case 'bool': {
      const { regex } = compile(policyValue, { wildcards: false, ignoreCase: true });
      return (requestValue) => regex!.test(requestValue.trim());
    }
    case 'binaryequals': {
      const b = parseBase64(policyValue);
      return (requestValue) => {
        const a = parseBase64(requestValue);
        return a !== undefined && b !== undefined ? a.equals(b) : requestValue === policyValue;
      };
    }
    case 'ipaddress': {
      const range = parseCidr(policyValue.trim(), { allowBareIp: true });
      if (!range.ok) return never;
      return (requestValue) => {
        const ip = parseIp(requestValue.trim());
        if (ip.ok) return cidrContainsIp(range.value, ip.value);
        // A request value given as a CIDR (rare): contained when its network address is.
        const asCidr = parseCidr(requestValue.trim());
        return asCidr.ok && cidrContains(range.value, asCidr.value);
      };
    }
    case 'arnequals':
    case 'arnlike':
      return (requestValue) => arnLike(policyValue, requestValue).matches;
    default:
      return never;
  }
}

/** Whether a request value matches one policy value under a positive operator. */
export function matchValue(
  base: BaseOperator,
  policyValue: string,
  requestValue: string,
  variables?: VariableResolver,
): ValueMatch {
  // Only string, Bool and ARN operators resolve variables, and only in values that hold one.
  if (variables !== undefined && policyValue.includes('${')) {
    switch (base) {
      case 'stringequals':
      case 'stringequalsignorecase':
      case 'stringlike': {
        const c = compile(policyValue, {
          wildcards: base === 'stringlike',
          ignoreCase: base === 'stringequalsignorecase',
          variables,
        });
        return { matches: c.regex?.test(requestValue) ?? false, unresolved: c.unresolved };
      }
      case 'bool': {
        const c = compile(policyValue, { wildcards: false, ignoreCase: true, variables });
        return { matches: c.regex?.test(requestValue.trim()) ?? false, unresolved: c.unresolved };
      }
      case 'arnequals':
      case 'arnlike':
        return arnLike(policyValue, requestValue, variables);
    }
  }
  return { matches: valueTest(base, policyValue)(requestValue), unresolved: [] };
}
