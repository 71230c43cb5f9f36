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
 * Evaluates one condition (one key under one operator). `variables` is set when the policy's
 * Version allows policy variables.
 */
export function evaluateCondition(
  condition: Condition,
  lookup: ContextLookup,
  variables: VariableResolver | undefined,
): ConditionResult {
  const raw = lookup(condition.key);
  const unresolvedVariables: string[] = [];
  const keyMissing = raw === undefined;
  const result = (holds: boolean): ConditionResult => ({ holds, keyMissing, unresolvedVariables });

  // Null: "true" holds when the key is absent, "false" when it is present.
  if (condition.base === 'null') {
    return result(condition.values.some((v) => (parseBool(v) === true ? keyMissing : !keyMissing)));
  }
  const requestValues = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const negated = NEGATED.has(condition.base);
  const positive = (negated ? POSITIVE_OF[condition.base] : condition.base)!;
  const vars = TAKES_VARIABLES.has(condition.base) ? variables : undefined;
  // One request value against the operator: positive operators need one policy value to match,
  // negated ones need none to match.
  const single = (value: string): boolean => {
    const any = condition.values.some((pv) => {
      const m = matchValue(positive, pv, value, vars);
      unresolvedVariables.push(...m.unresolved);
      return m.matches;
    });
    return negated ? !any : any;
  };

  if (condition.qualifier === 'ForAllValues') {
    // True when every request value matches, and when the key is missing or empty.
    if (requestValues.length === 0) return result(true);
    return result(requestValues.every(single));
  }
  if (condition.qualifier === 'ForAnyValue') {
    // False when the key is missing or empty (unless IfExists).
    if (requestValues.length === 0) return result(condition.ifExists);
    return result(requestValues.some(single));
  }
  if (keyMissing) {
    // IfExists: absent key ⇒ the condition holds. Otherwise negated operators hold on a missing key
    // and the others do not.
    return result(condition.ifExists || negated);
  }
  // A plain operator against a multivalued request value does not match: set operators are
  // required for multivalued keys. A one-element list is a single value.
  if (requestValues.length !== 1) return result(false);
  return result(single(requestValues[0]!));
}

interface ValueMatch {
  matches: boolean;
  unresolved: string[];
}

const NO: ValueMatch = { matches: false, unresolved: [] };
const yes = (b: boolean): ValueMatch => ({ matches: b, unresolved: [] });

function compare(base: BaseOperator, a: number, b: number): boolean {
  if (base.endsWith('lessthanequals')) return a <= b;
  if (base.endsWith('lessthan')) return a < b;
  if (base.endsWith('greaterthanequals')) return a >= b;
  if (base.endsWith('greaterthan')) return a > b;
  return a === b;
}

/** Whether a request value matches one policy value under a positive operator. */
export function matchValue(
  base: BaseOperator,
  policyValue: string,
  requestValue: string,
  variables?: VariableResolver,
): ValueMatch {
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
    case 'numericequals':
    case 'numericlessthan':
    case 'numericlessthanequals':
    case 'numericgreaterthan':
    case 'numericgreaterthanequals': {
      const a = parseNumber(requestValue);
      const b = parseNumber(policyValue);
      return a === undefined || b === undefined ? NO : yes(compare(base, a, b));
    }
    case 'dateequals':
    case 'datelessthan':
    case 'datelessthanequals':
    case 'dategreaterthan':
    case 'dategreaterthanequals': {
      const a = parseDate(requestValue);
      const b = parseDate(policyValue);
      return a === undefined || b === undefined ? NO : yes(compare(base, a, b));
    }
    case 'bool': {
      const c = compile(policyValue, { wildcards: false, ignoreCase: true, variables });
      return { matches: c.regex?.test(requestValue.trim()) ?? false, unresolved: c.unresolved };
    }
    case 'binaryequals': {
      const a = parseBase64(requestValue);
      const b = parseBase64(policyValue);
      return yes(a !== undefined && b !== undefined ? a.equals(b) : requestValue === policyValue);
    }
    case 'ipaddress': {
      const range = parseCidr(policyValue.trim(), { allowBareIp: true });
      const ip = parseIp(requestValue.trim());
      if (ip.ok && range.ok) return yes(cidrContainsIp(range.value, ip.value));
      // A request value given as a CIDR (rare): contained when its network address is.
      const asCidr = parseCidr(requestValue.trim());
      if (asCidr.ok && range.ok) {
        return yes(cidrContains(range.value, asCidr.value));
      }
      return NO;
    }
    case 'arnequals':
    case 'arnlike':
      return arnLike(policyValue, requestValue, variables);
    default:
      return NO;
  }
}
