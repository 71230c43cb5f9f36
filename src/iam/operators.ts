/**
 * Condition operator names: splitting `ForAnyValue:StringNotEqualsIfExists` into its parts.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import type { BaseOperator } from './types.js';

/** Canonical spelling of each base operator, by lower-case name. */
export const OPERATORS: Readonly<Record<BaseOperator, string>> = {
  stringequals: 'StringEquals',
  stringnotequals: 'StringNotEquals',
  stringequalsignorecase: 'StringEqualsIgnoreCase',
  stringnotequalsignorecase: 'StringNotEqualsIgnoreCase',
  stringlike: 'StringLike',
  stringnotlike: 'StringNotLike',
  numericequals: 'NumericEquals',
  numericnotequals: 'NumericNotEquals',
  numericlessthan: 'NumericLessThan',
  numericlessthanequals: 'NumericLessThanEquals',
  numericgreaterthan: 'NumericGreaterThan',
  numericgreaterthanequals: 'NumericGreaterThanEquals',
  dateequals: 'DateEquals',
  datenotequals: 'DateNotEquals',
  datelessthan: 'DateLessThan',
  datelessthanequals: 'DateLessThanEquals',
  dategreaterthan: 'DateGreaterThan',
  dategreaterthanequals: 'DateGreaterThanEquals',
  bool: 'Bool',
  binaryequals: 'BinaryEquals',
  ipaddress: 'IpAddress',
  notipaddress: 'NotIpAddress',
  arnequals: 'ArnEquals',
  arnlike: 'ArnLike',
  arnnotequals: 'ArnNotEquals',
  arnnotlike: 'ArnNotLike',
  null: 'Null',
};

/**
 * Operators that hold when the key matches none of the values. With several values they behave as
 * AND ("the value must not match any"), and on a missing key they hold.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 */
export const NEGATED: ReadonlySet<BaseOperator> = new Set<BaseOperator>([
  'stringnotequals',
  'stringnotequalsignorecase',
  'stringnotlike',
  'numericnotequals',
  'datenotequals',
  'arnnotequals',
  'arnnotlike',
  'notipaddress',
]);

/** The positive operator a negated one inverts. */
export const POSITIVE_OF: Readonly<Partial<Record<BaseOperator, BaseOperator>>> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  notipaddress: 'ipaddress',
};

/** Operators whose values may hold policy variables (`${aws:username}`). */
export const TAKES_VARIABLES: ReadonlySet<BaseOperator> = new Set<BaseOperator>([
  'stringequals',
  'stringnotequals',
  'stringequalsignorecase',
  'stringnotequalsignorecase',
  'stringlike',
  'stringnotlike',
  'arnequals',
  'arnlike',
  'arnnotequals',
  'arnnotlike',
  'bool',
]);

export interface ParsedOperator {
  base: BaseOperator;
  qualifier?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
}

/** Splits an operator as written; undefined when it is not a known operator. Operators are case-sensitive in AWS, matched here case-insensitively and flagged by the validator. */
export function parseOperator(operator: string): ParsedOperator | undefined {
  let rest = operator.trim();
  let qualifier: ParsedOperator['qualifier'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') qualifier = 'ForAllValues';
    else if (q === 'foranyvalue') qualifier = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let lower = rest.toLowerCase();
  const ifExists = lower.endsWith('ifexists');
  if (ifExists) lower = lower.slice(0, -'ifexists'.length);
  if (!(lower in OPERATORS)) return undefined;
  return { base: lower as BaseOperator, ...(qualifier ? { qualifier } : {}), ifExists };
}

/** `ForAnyValue:StringNotEqualsIfExists` in canonical spelling. */
export function operatorName(op: ParsedOperator): string {
  return `${op.qualifier ? `${op.qualifier}:` : ''}${OPERATORS[op.base]}${op.ifExists ? 'IfExists' : ''}`;
}
