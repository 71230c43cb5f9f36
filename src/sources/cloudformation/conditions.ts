import { isUnresolved, unresolved, type Unresolved } from '../../model/index.js';
import { resolve } from './intrinsics.js';
import { isPlainObject, type Scope } from './scope.js';

/** A condition is true, false, or not determined by the template (with the reason). */
export type Truth = boolean | Unresolved;

/**
 * The value of a named condition from the Conditions section, memoised.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
 */
export function conditionNamed(scope: Scope, name: string, path: string): Truth {
  const cached = scope.conditionValues.get(name);
  if (cached === 'pending') return unresolved({ Condition: name }, `condition ${name} refers to itself`);
  if (cached !== undefined) return cached;
  if (!(name in scope.conditions)) {
    scope.gap('missing-reference', `Condition "${name}" is not defined in the Conditions section`, path);
    return unresolved({ Condition: name }, `condition ${name} is not defined`);
  }
  scope.conditionValues.set(name, 'pending');
  const value = evaluateCondition(scope.conditions[name], scope, `Conditions.${name}`);
  scope.conditionValues.set(name, value);
  return value;
}

/** Evaluates `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` and `{Condition: name}`. */
export function evaluateCondition(expr: unknown, scope: Scope, path: string): Truth {
  if (typeof expr === 'boolean') return expr;
  if (typeof expr === 'string') return conditionNamed(scope, expr, path);
  if (!isPlainObject(expr) || Object.keys(expr).length !== 1) {
    return unresolved(expr, 'not a condition expression');
  }
  const [fn, arg] = Object.entries(expr)[0] as [string, unknown];
  const args = Array.isArray(arg) ? arg : [];
  switch (fn) {
    case 'Condition':
      return typeof arg === 'string'
        ? conditionNamed(scope, arg, path)
        : unresolved(expr, 'malformed Condition');
    case 'Fn::Equals': {
      if (args.length !== 2) return unresolved(expr, 'malformed: Fn::Equals needs two values');
      const [a, b] = args.map((v, i) => resolve(v, scope, `${path}.Fn::Equals[${i}]`, 'string'));
      if (isUnresolved(a)) return unresolved(expr, a.reason);
      if (isUnresolved(b)) return unresolved(expr, b.reason);
      return canonical(a) === canonical(b);
    }
    case 'Fn::Not': {
      const inner = evaluateCondition(args[0], scope, path);
      return isUnresolved(inner) ? unresolved(expr, inner.reason) : !inner;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      // A decisive operand (false for And, true for Or) settles it even when others are unknown.
      const decisive = fn === 'Fn::Or';
      let unknown: Unresolved | undefined;
      for (const operand of args) {
        const value = evaluateCondition(operand, scope, path);
        if (value === decisive) return decisive;
        if (isUnresolved(value)) unknown ??= value;
      }
      return unknown ? unresolved(expr, unknown.reason) : !decisive;
    }
    default:
      return unresolved(expr, `${fn} is not a condition function`);
  }
}

/** CloudFormation compares values as strings: `!Equals [1, "1"]` is true. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(canonical));
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Whether a resource is created: its `Condition`, or true when it has none. */
export function resourceIsCreated(scope: Scope, logicalId: string): Truth {
  const raw = scope.resources.get(logicalId);
  if (raw?.condition === undefined) return true;
  if (typeof raw.condition !== 'string')
    return unresolved(raw.condition, 'malformed: Condition must be a name');
  return conditionNamed(scope, raw.condition, `Resources.${logicalId}.Condition`);
}
