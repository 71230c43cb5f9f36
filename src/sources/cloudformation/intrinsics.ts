import { isUnresolved, unresolved, type Unresolved } from '../../model/index.js';
import {
  buildArn,
  ID_ATTRIBUTES,
  isArnAttribute,
  PROPERTY_ATTRIBUTES,
  REF_IS_ARN,
  REF_NAME_PROPERTY,
} from './attributes.js';
import { cidrSubnets } from './cidr.js';
import { conditionNamed, evaluateCondition, resourceIsCreated } from './conditions.js';
import {
  isPlainObject,
  isPreprocessorKey,
  NO_VALUE,
  splitList,
  type LoadedChild,
  type Mode,
  type PlainObject,
  type Scope,
} from './scope.js';

/**
 * Evaluates the intrinsic functions in `node`. Values the template determines are returned as
 * plain data; the rest become {@link Unresolved} with the reason. `path` names the position
 * (`Resources.Web.Properties.ImageId`) for coverage gaps.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export function resolve(node: unknown, scope: Scope, path: string, mode: Mode = 'value'): unknown {
  if (node === null || typeof node !== 'object' || isUnresolved(node)) return node;
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    node.forEach((item, i) => {
      const value = resolve(item, scope, `${path}[${i}]`, mode);
      if (value !== NO_VALUE) out.push(value);
    });
    return out;
  }
  const record = node as PlainObject;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    const key = keys[0] as string;
    if (key === 'Ref' || key.startsWith('Fn::') || isPreprocessorKey(key)) {
      return intrinsic(key, record[key], record, scope, path, mode);
    }
  }
  const out: PlainObject = {};
  for (const key of keys) {
    const value = resolve(record[key], scope, `${path}.${key}`, mode);
    if (value !== NO_VALUE) out[key] = value;
  }
  return out;
}

type Handler = (arg: unknown, expr: PlainObject, scope: Scope, path: string, mode: Mode) => unknown;

const HANDLERS: Readonly<Record<string, Handler>> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': fnIf,
  'Fn::FindInMap': findInMap,
  'Fn::GetAZs': getAZs,
  'Fn::ImportValue': (arg, expr, scope, path) => {
    const name = resolve(arg, scope, path, 'string');
    const shown = typeof name === 'string' ? name : JSON.stringify(arg);
    return unresolved(expr, `Fn::ImportValue of ${shown}: exported by another stack`);
  },
  'Fn::Base64': (arg, expr, scope, path) => {
    const text = resolve(arg, scope, path, 'string');
    if (isUnresolved(text)) return unresolved(expr, text.reason);
    if (!isScalar(text)) return malformed(expr, 'Fn::Base64 needs a string');
    return Buffer.from(String(text), 'utf8').toString('base64');
  },
  'Fn::Cidr': cidr,
  'Fn::Length': (arg, expr, scope, path) => {
    const list = resolve(arg, scope, path);
    if (isUnresolved(list)) return unresolved(expr, list.reason);
    return Array.isArray(list) ? list.length : malformed(expr, 'Fn::Length needs a list');
  },
  'Fn::ToJsonString': (arg, expr, scope, path) => {
    const value = resolve(arg, scope, path, 'string');
    const inner = firstUnresolved(value);
    return inner ? unresolved(expr, inner.reason) : JSON.stringify(value);
  },
  'Fn::Transform': (arg, expr, scope, path) => {
    const name = isPlainObject(arg) && typeof arg.Name === 'string' ? arg.Name : '?';
    scope.gap('unexpanded', `Fn::Transform (macro ${name}) is not expanded`, propertyPath(path));
    return unresolved(expr, `Fn::Transform (macro ${name}) is expanded by CloudFormation at deploy`);
  },
  'Fn::Equals': conditionValue,
  'Fn::And': conditionValue,
  'Fn::Or': conditionValue,
  'Fn::Not': conditionValue,
};

function intrinsic(
  key: string,
  arg: unknown,
  expr: PlainObject,
  scope: Scope,
  path: string,
  mode: Mode,
): unknown {
  const handler = HANDLERS[key];
  if (handler) return handler(arg, expr, scope, path, mode);
  if (isPreprocessorKey(key)) {
    scope.gap('unexpanded', `${key} (a preprocessor directive) is not expanded`, propertyPath(path));
    return unresolved(expr, `${key} is expanded by a tool before deploy`);
  }
  return unresolved(expr, `${key} is not a function this loader evaluates`);
}

/** `Resources.X.Properties.Tags[3].Value` → `Resources.X.Properties.Tags`: one gap per property. */
function propertyPath(path: string): string {
  return /^Resources\.[^.[]+\.Properties\.[^.[]+/.exec(path)?.[0] ?? path;
}

function malformed(expr: unknown, reason: string): Unresolved {
  return unresolved(expr, `malformed: ${reason}`);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The first unresolved value inside `value`, if any. */
export function firstUnresolved(value: unknown): Unresolved | undefined {
  if (isUnresolved(value)) return value;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = firstUnresolved(v);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const found = firstUnresolved(v);
      if (found) return found;
    }
  }
  return undefined;
}

// ---- Ref and parameters -------------------------------------------------------------------------

function ref(arg: unknown, expr: PlainObject, scope: Scope, path: string, mode: Mode): unknown {
  const name = typeof arg === 'string' ? arg : resolve(arg, scope, path, 'string');
  if (typeof name !== 'string') return malformed(expr, 'Ref needs a name');
  return refByName(name, expr, scope, path, mode);
}

function refByName(name: string, expr: unknown, scope: Scope, path: string, mode: Mode): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name.startsWith('AWS::')) {
    const value = scope.pseudo(name);
    if (value !== undefined) return value;
    scope.gap('missing-reference', `Ref to unknown pseudo parameter ${name}`, path);
    return unresolved(expr, `${name} is not a pseudo parameter`);
  }
  if (name in scope.parameters) return parameterValue(scope, name);
  if (scope.resources.has(name)) return refResource(scope, name, mode);
  scope.gap(
    'missing-reference',
    `Ref to "${name}", which is not a parameter or resource of the template`,
    path,
  );
  return unresolved(expr, `no parameter or resource named ${name}`);
}

/**
 * A parameter's value: `--param` (or the parent stack), else `Default`. List types become arrays;
 * SSM parameter types hold the name of an SSM parameter, whose value is read at deploy.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
export function parameterValue(scope: Scope, name: string): unknown {
  const cached = scope.parameterValues.get(name);
  if (cached !== undefined) return cached;
  const def = scope.parameters[name];
  const type = isPlainObject(def) && typeof def.Type === 'string' ? def.Type : 'String';
  const given = scope.override(name);
  const raw = given !== undefined ? given : isPlainObject(def) ? def.Default : undefined;
  let value: unknown;
  if (isUnresolved(raw)) {
    value = unresolved({ Ref: name }, `parameter ${name} comes from the parent stack: ${raw.reason}`);
  } else if (raw === undefined || raw === null) {
    value = unresolved({ Ref: name }, `parameter ${name} has no Default (pass --param ${name}=...)`);
  } else if (type.startsWith('AWS::SSM::Parameter::Value<')) {
    value = unresolved(
      { Ref: name },
      `parameter ${name} is read from SSM parameter ${String(raw)} at deploy`,
    );
  } else if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
    value = Array.isArray(raw) ? raw.map((v) => (isUnresolved(v) ? v : String(v))) : splitList(String(raw));
  } else {
    // CloudFormation hands every scalar parameter to the template as a string, Number included.
    value = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  }
  scope.parameterValues.set(name, value);
  return value;
}

function refResource(scope: Scope, logicalId: string, mode: Mode): unknown {
  const id = scope.idOf(logicalId);
  if (resourceIsCreated(scope, logicalId) === false) {
    return unresolved({ Ref: id }, `resource ${logicalId} is not created (its condition is false)`);
  }
  if (mode === 'value') return id;
  const raw = scope.resources.get(logicalId);
  const type = typeof raw?.type === 'string' ? raw.type : '';
  if (REF_IS_ARN.has(type)) return arnOf(scope, logicalId, type, { Ref: id });
  const nameProp = REF_NAME_PROPERTY[type];
  if (nameProp) {
    const value = literalProperty(scope, logicalId, nameProp);
    if (typeof value === 'string') return value;
  }
  return unresolved({ Ref: id }, `the physical name of ${logicalId} is generated at deploy`);
}

// ---- GetAtt -------------------------------------------------------------------------------------

function getAtt(arg: unknown, expr: PlainObject, scope: Scope, path: string, mode: Mode): unknown {
  let parts: unknown[];
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    parts = dot < 0 ? [arg] : [arg.slice(0, dot), arg.slice(dot + 1)];
  } else {
    parts = Array.isArray(arg) ? arg : [];
  }
  if (parts.length !== 2) return malformed(expr, 'Fn::GetAtt needs [logicalId, attribute]');
  const logicalId = resolve(parts[0], scope, path, 'string');
  const attribute = resolve(parts[1], scope, path, 'string');
  if (typeof logicalId !== 'string' || typeof attribute !== 'string') {
    return unresolved(expr, 'Fn::GetAtt of a computed name');
  }
  return attributeOf(scope, logicalId, attribute, expr, path, mode);
}

function attributeOf(
  scope: Scope,
  logicalId: string,
  attribute: string,
  written: unknown,
  path: string,
  mode: Mode,
): unknown {
  const raw = scope.resources.get(logicalId);
  if (!raw) {
    scope.gap(
      'missing-reference',
      `Fn::GetAtt of "${logicalId}", which is not a resource of the template`,
      path,
    );
    return unresolved(written, `no resource named ${logicalId}`);
  }
  const id = scope.idOf(logicalId);
  const expr = { 'Fn::GetAtt': [id, attribute] };
  if (resourceIsCreated(scope, logicalId) === false) {
    return unresolved(expr, `resource ${logicalId} is not created (its condition is false)`);
  }
  const type = typeof raw.type === 'string' ? raw.type : '';
  if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
    const child = childOf(scope, logicalId);
    return child
      ? child.output(attribute.slice('Outputs.'.length), mode)
      : unresolved(expr, `output of nested stack ${logicalId}, whose template is not loaded`);
  }
  if (ID_ATTRIBUTES[type]?.includes(attribute)) {
    return mode === 'value' ? id : unresolved(expr, `the physical id of ${logicalId} is assigned at deploy`);
  }
  const prop = PROPERTY_ATTRIBUTES[type]?.[attribute];
  if (prop) {
    const value =
      mode === 'value' ? resourceProps(scope, logicalId)[prop] : literalProperty(scope, logicalId, prop);
    if (value !== undefined) return value;
  }
  if (isArnAttribute(type, attribute)) {
    const arn = arnOf(scope, logicalId, type, expr);
    // CloudWatch Logs returns the log group ARN with a trailing `:*`.
    return type === 'AWS::Logs::LogGroup' && typeof arn === 'string' ? `${arn}:*` : arn;
  }
  return unresolved(expr, `${attribute} of ${logicalId} is known only after deploy`);
}

/** The loaded nested stack of an `AWS::CloudFormation::Stack` resource, loaded on first use. */
export function childOf(scope: Scope, logicalId: string): LoadedChild | undefined {
  if (!scope.children.has(logicalId)) {
    scope.children.set(logicalId, undefined); // guards against a stack reaching itself
    scope.children.set(logicalId, scope.settings.loadChild?.(scope, logicalId));
  }
  return scope.children.get(logicalId);
}

/** The ARN of a template resource, when its name and the partition/region/account are known. */
export function arnOf(scope: Scope, logicalId: string, type: string, expr: unknown): unknown {
  const props = resourceProps(scope, logicalId);
  const named = buildArn(type, literalOnly(scope, logicalId, props), {
    partition: scope.partitionName(),
    region: scope.regionName(),
    account: scope.accountId(),
  });
  return 'arn' in named
    ? named.arn
    : unresolved(expr, `the ARN of ${logicalId} is not determined: ${named.reason}`);
}

/** The resource's properties with values that came from another resource's id removed. */
export function literalOnly(scope: Scope, logicalId: string, props: PlainObject): PlainObject {
  const raw = scope.resources.get(logicalId)?.properties;
  if (!isPlainObject(raw)) return props;
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(props)) if (!refersToResource(raw[key], scope)) out[key] = value;
  return out;
}

/** A property's value usable inside a string: not a link to another resource, and resolved. */
function literalProperty(scope: Scope, logicalId: string, prop: string): unknown {
  const raw = scope.resources.get(logicalId)?.properties;
  if (!isPlainObject(raw) || refersToResource(raw[prop], scope)) return undefined;
  const value = resourceProps(scope, logicalId)[prop];
  return isScalar(value) ? value : undefined;
}

function refersToResource(node: unknown, scope: Scope): boolean {
  if (Array.isArray(node)) return node.some((n) => refersToResource(n, scope));
  if (!isPlainObject(node)) return false;
  if ('Fn::GetAtt' in node) return true;
  if (typeof node.Ref === 'string' && scope.resources.has(node.Ref)) return true;
  return Object.values(node).some((n) => refersToResource(n, scope));
}

/** The evaluated properties of a resource, memoised; a cycle yields `{}` for the inner lookup. */
export function resourceProps(scope: Scope, logicalId: string): PlainObject {
  const cached = scope.resolvedProps.get(logicalId);
  if (cached === 'pending') return {};
  if (cached) return cached;
  scope.resolvedProps.set(logicalId, 'pending');
  const raw = scope.resources.get(logicalId);
  const value = resolve(raw?.properties ?? {}, scope, `Resources.${logicalId}.Properties`);
  const props: PlainObject = isPlainObject(value) ? value : {};
  if (value !== undefined && value !== NO_VALUE && !isPlainObject(value)) {
    scope.gap(
      'unresolved-value',
      `Properties of ${logicalId} are not determined: ${isUnresolved(value) ? value.reason : 'not a map'}`,
      `Resources.${logicalId}.Properties`,
    );
  }
  scope.resolvedProps.set(logicalId, props);
  return props;
}

// ---- Sub ----------------------------------------------------------------------------------------

/**
 * `Fn::Sub`: `${Param}`, `${Resource}`, `${Resource.Attr}`, `${AWS::Region}`, variables from the
 * second form, and `${!Literal}` for a literal `${Literal}`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
 */
function sub(arg: unknown, expr: PlainObject, scope: Scope, path: string, mode: Mode): unknown {
  let text: unknown = arg;
  let vars: PlainObject = {};
  if (Array.isArray(arg)) {
    text = arg[0];
    if (isPlainObject(arg[1])) vars = arg[1];
  }
  if (typeof text !== 'string') text = resolve(text, scope, path, 'string');
  if (isUnresolved(text)) return unresolved(expr, text.reason);
  if (typeof text !== 'string') return malformed(expr, 'Fn::Sub needs a string');

  const cache = new Map<string, unknown>();
  const lookup = (name: string, as: Mode): unknown => {
    if (name in vars) {
      if (!cache.has(name)) cache.set(name, resolve(vars[name], scope, `${path}.${name}`, 'string'));
      return cache.get(name);
    }
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      const written = { 'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)] };
      return attributeOf(scope, name.slice(0, dot), name.slice(dot + 1), written, path, as);
    }
    return refByName(name, { Ref: name }, scope, path, as);
  };

  // `!Sub '${Vpc}'` is a whole value, so it keeps the link semantics of a plain Ref.
  const whole = /^\$\{([^!}][^}]*)\}$/.exec(text);
  if (whole && mode === 'value') {
    const value = lookup((whole[1] as string).trim(), 'value');
    return isUnresolved(value) ? unresolved(expr, value.reason) : value;
  }

  let reason: string | undefined;
  const out = text.replace(/\$\{([^}]*)\}/g, (match, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const value = lookup(inner.trim(), 'string');
    if (isUnresolved(value)) reason ??= value.reason;
    else if (value === NO_VALUE) reason ??= 'AWS::NoValue inside Fn::Sub';
    else if (isScalar(value)) return String(value);
    else reason ??= `\${${inner}} is not a string`;
    return match;
  });
  return reason === undefined ? out : unresolved(expr, reason);
}

// ---- Lists --------------------------------------------------------------------------------------

function join(arg: unknown, expr: PlainObject, scope: Scope, path: string): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) return malformed(expr, 'Fn::Join needs [delimiter, list]');
  const delimiter = resolve(arg[0], scope, path, 'string');
  const list = resolve(arg[1], scope, path, 'string');
  if (isUnresolved(delimiter)) return unresolved(expr, delimiter.reason);
  if (isUnresolved(list)) return unresolved(expr, list.reason);
  if (typeof delimiter !== 'string' || !Array.isArray(list))
    return malformed(expr, 'Fn::Join needs [delimiter, list]');
  const parts: string[] = [];
  for (const item of list) {
    if (isUnresolved(item)) return unresolved(expr, item.reason);
    if (!isScalar(item)) return malformed(expr, 'Fn::Join list items must be strings');
    parts.push(String(item));
  }
  return parts.join(delimiter);
}

function select(arg: unknown, expr: PlainObject, scope: Scope, path: string, mode: Mode): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) return malformed(expr, 'Fn::Select needs [index, list]');
  const index = resolve(arg[0], scope, path, 'string');
  if (isUnresolved(index)) return unresolved(expr, index.reason);
  const list = resolve(arg[1], scope, path, mode);
  if (isUnresolved(list)) return unresolved(expr, list.reason);
  const i = Number(index);
  if (!Array.isArray(list) || !Number.isInteger(i)) return malformed(expr, 'Fn::Select needs [index, list]');
  if (i < 0 || i >= list.length) return unresolved(expr, `index ${i} is outside the list of ${list.length}`);
  return list[i];
}

function split(arg: unknown, expr: PlainObject, scope: Scope, path: string): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) return malformed(expr, 'Fn::Split needs [delimiter, string]');
  const delimiter = resolve(arg[0], scope, path, 'string');
  const source = resolve(arg[1], scope, path, 'string');
  if (isUnresolved(delimiter)) return unresolved(expr, delimiter.reason);
  if (isUnresolved(source)) return unresolved(expr, source.reason);
  if (typeof delimiter !== 'string' || !isScalar(source))
    return malformed(expr, 'Fn::Split needs [delimiter, string]');
  return String(source).split(delimiter);
}

/**
 * `Fn::GetAZs`: the real list depends on the account. When the region is known this returns a
 * deterministic stand-in, `<region>a`, `<region>b`, ... (six in us-east-1, four in us-west-2,
 * three elsewhere), so that `Fn::Select [0, !GetAZs '']` gives a plausible zone.
 */
function getAZs(arg: unknown, expr: PlainObject, scope: Scope, path: string): unknown {
  let region = resolve(arg ?? '', scope, path, 'string');
  if (region === '') region = scope.pseudo('AWS::Region');
  if (isUnresolved(region)) return unresolved(expr, region.reason);
  if (typeof region !== 'string') return malformed(expr, 'Fn::GetAZs needs a region');
  const count = region === 'us-east-1' ? 6 : region === 'us-west-2' ? 4 : 3;
  return 'abcdef'
    .slice(0, count)
    .split('')
    .map((letter) => `${region}${letter}`);
}

function cidr(arg: unknown, expr: PlainObject, scope: Scope, path: string): unknown {
  if (!Array.isArray(arg) || arg.length !== 3)
    return malformed(expr, 'Fn::Cidr needs [ipBlock, count, cidrBits]');
  const values = arg.map((a) => resolve(a, scope, path, 'string'));
  const blocked = values.find(isUnresolved);
  if (blocked) return unresolved(expr, blocked.reason);
  const [block, count, bits] = values;
  if (typeof block !== 'string') return malformed(expr, 'Fn::Cidr needs an IP block');
  const result = cidrSubnets(block, Number(count), Number(bits));
  return Array.isArray(result) ? result : malformed(expr, result.error);
}

// ---- Conditions and mappings --------------------------------------------------------------------

function fnIf(arg: unknown, expr: PlainObject, scope: Scope, path: string, mode: Mode): unknown {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
    return malformed(expr, 'Fn::If needs [condition, ifTrue, ifFalse]');
  }
  const truth = conditionNamed(scope, arg[0], path);
  if (isUnresolved(truth)) return unresolved(expr, `condition ${arg[0]} is not determined: ${truth.reason}`);
  return truth ? resolve(arg[1], scope, `${path}[1]`, mode) : resolve(arg[2], scope, `${path}[2]`, mode);
}

function conditionValue(_arg: unknown, expr: PlainObject, scope: Scope, path: string): unknown {
  return evaluateCondition(expr, scope, path);
}

/**
 * `Fn::FindInMap [Map, TopKey, SecondKey]`, with the `AWS::LanguageExtensions` fourth argument
 * `{ DefaultValue }` used when a key is missing.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html
 */
function findInMap(arg: unknown, expr: PlainObject, scope: Scope, path: string, mode: Mode): unknown {
  if (!Array.isArray(arg) || arg.length < 3) return malformed(expr, 'Fn::FindInMap needs [map, key, key]');
  const keys = arg.slice(0, 3).map((a) => resolve(a, scope, path, 'string'));
  const options = arg[3];
  const hasDefault = isPlainObject(options) && 'DefaultValue' in options;
  const fallback = () => resolve((options as PlainObject).DefaultValue, scope, path, mode);
  const blocked = keys.find(isUnresolved);
  if (blocked) return unresolved(expr, blocked.reason);
  const [mapName, top, second] = keys.map(String) as [string, string, string];
  const map = scope.mappings[mapName];
  const row = isPlainObject(map) ? map[top] : undefined;
  const value = isPlainObject(row) ? row[second] : undefined;
  if (value !== undefined) return value;
  if (hasDefault) return fallback();
  const what = !isPlainObject(map) ? `mapping ${mapName}` : `key ${top}.${second} in mapping ${mapName}`;
  scope.gap('missing-reference', `Fn::FindInMap of ${what}, which does not exist`, path);
  return unresolved(expr, `${what} does not exist`);
}
