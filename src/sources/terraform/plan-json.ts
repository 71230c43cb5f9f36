/**
 * The parts of `terraform show -json` output this source reads, and the checks that reject a file
 * that is not one. Format reference:
 * https://developer.hashicorp.com/terraform/internals/json-format
 */
import { InputError } from '../../model/index.js';
import { lineColumnAt } from './read.js';

/** A configuration expression: a constant, or the references it makes (no value when unknown). */
export interface JsonExpression {
  constant_value?: unknown;
  references?: string[];
}

/** Expressions of a resource or block: attribute → expression, or nested block → list of blocks. */
export type JsonExpressions = Record<string, JsonExpression | JsonExpressions[]>;

export interface JsonConfigResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  provider_config_key?: string;
  expressions?: JsonExpressions;
  count_expression?: JsonExpression;
  for_each_expression?: JsonExpression;
}

export interface JsonModuleCall {
  source?: string;
  expressions?: Record<string, JsonExpression>;
  count_expression?: JsonExpression;
  for_each_expression?: JsonExpression;
  module?: JsonConfigModule;
}

export interface JsonConfigModule {
  resources?: JsonConfigResource[];
  module_calls?: Record<string, JsonModuleCall>;
  outputs?: Record<string, { expression?: JsonExpression }>;
  variables?: Record<string, { default?: unknown }>;
}

export interface JsonProviderConfig {
  name?: string;
  alias?: string;
  module_address?: string;
  expressions?: Record<string, JsonExpression | JsonExpressions[]>;
}

export interface JsonConfiguration {
  provider_config?: Record<string, JsonProviderConfig>;
  root_module?: JsonConfigModule;
}

/** A resource in `planned_values` or state `values`. */
export interface JsonResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: string | number;
  provider_name?: string;
  values?: Record<string, unknown>;
  sensitive_values?: unknown;
}

export interface JsonModule {
  address?: string;
  resources?: JsonResource[];
  child_modules?: JsonModule[];
}

export interface JsonChange {
  address: string;
  module_address?: string;
  mode: string;
  type: string;
  name: string;
  index?: string | number;
  provider_name?: string;
  change: {
    actions: string[];
    after?: unknown;
    after_unknown?: unknown;
    after_sensitive?: unknown;
  };
}

/** A plan (`planned_values`/`resource_changes`) or a state (`values`), as `terraform show -json` writes it. */
export interface JsonDocument {
  kind: 'plan' | 'state';
  format_version?: string;
  terraform_version?: string;
  variables?: Record<string, { value?: unknown }>;
  planned_values?: { root_module?: JsonModule };
  values?: { root_module?: JsonModule };
  resource_changes?: JsonChange[];
  configuration?: JsonConfiguration;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a check failed: the JSON path, and the line of a string that marks the place when one is known. */
function fail(message: string, file: string, text: string, path: string, marker?: string): never {
  const at = marker === undefined ? -1 : text.indexOf(marker);
  const where = at >= 0 ? lineColumnAt(text, at) : {};
  throw new InputError(message, { file, path, ...where });
}

function keyMarker(key: string): string {
  return `"${key}"`;
}

function versionParts(version: string): number[] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/**
 * Checks that a parsed JSON value is a `terraform show -json` plan or state and returns it typed.
 * Only what this source reads is checked; unknown keys are allowed (the format grows by adding keys).
 */
export function checkDocument(raw: unknown, file: string, text: string): JsonDocument {
  if (!isObject(raw)) {
    fail('not a Terraform plan or state: the JSON document is not an object', file, text, '$');
  }
  const isPlan = 'planned_values' in raw || 'resource_changes' in raw;
  const isState = !isPlan && 'values' in raw;
  if (!isPlan && !isState) {
    const keys = Object.keys(raw).slice(0, 6).join(', ');
    fail(
      `not a Terraform plan or state: expected the output of 'terraform show -json' (with planned_values, resource_changes or values), found keys ${keys || '(none)'}`,
      file,
      text,
      '$',
    );
  }

  const format = raw.format_version;
  if (format !== undefined && (typeof format !== 'string' || !/^\d+\.\d+$/.test(format))) {
    fail(
      `format_version must be a "major.minor" string, found ${JSON.stringify(format)}`,
      file,
      text,
      'format_version',
      keyMarker('format_version'),
    );
  }
  const formatParts = typeof format === 'string' ? versionParts(format) : undefined;
  if (formatParts && (formatParts[0] ?? 0) > 1) {
    fail(
      `unsupported format_version ${String(format)} (this reader knows formats 0.x and 1.x)`,
      file,
      text,
      'format_version',
      keyMarker('format_version'),
    );
  }
  const tfVersion = raw.terraform_version;
  if (tfVersion !== undefined && typeof tfVersion !== 'string') {
    fail(
      `terraform_version must be a string, found ${JSON.stringify(tfVersion)}`,
      file,
      text,
      'terraform_version',
      keyMarker('terraform_version'),
    );
  }
  const tfParts = typeof tfVersion === 'string' ? versionParts(tfVersion) : undefined;
  // Terraform writes JSON format 0.x up to 1.0 and 1.x from 1.1 on; a file claiming format 1.x from
  // Terraform 0.x cannot come from `terraform show` and has been damaged or edited.
  // https://developer.hashicorp.com/terraform/internals/json-format#format-summary
  if (formatParts && tfParts && (formatParts[0] ?? 0) >= 1 && (tfParts[0] ?? 0) < 1) {
    fail(
      `corrupted or hand-edited file: format_version ${String(format)} cannot have been written by Terraform ${String(tfVersion)} (Terraform before 1.0 writes format 0.x)`,
      file,
      text,
      'format_version',
      keyMarker('format_version'),
    );
  }

  const doc: JsonDocument = { kind: isPlan ? 'plan' : 'state' };
  if (typeof format === 'string') doc.format_version = format;
  if (typeof tfVersion === 'string') doc.terraform_version = tfVersion;

  if (isPlan) {
    if (raw.planned_values !== undefined) {
      if (!isObject(raw.planned_values))
        fail('planned_values must be an object', file, text, 'planned_values', keyMarker('planned_values'));
      doc.planned_values = {
        root_module: checkModule(raw.planned_values.root_module, 'planned_values.root_module', file, text),
      };
    }
    if (raw.resource_changes !== undefined) {
      if (!Array.isArray(raw.resource_changes)) {
        fail(
          'resource_changes must be an array',
          file,
          text,
          'resource_changes',
          keyMarker('resource_changes'),
        );
      }
      doc.resource_changes = raw.resource_changes.map((c, i) =>
        checkChange(c, `resource_changes[${i}]`, file, text),
      );
    }
  } else {
    if (!isObject(raw.values)) fail('values must be an object', file, text, 'values', keyMarker('values'));
    doc.values = { root_module: checkModule(raw.values.root_module, 'values.root_module', file, text) };
  }
  if (isObject(raw.variables)) doc.variables = raw.variables as JsonDocument['variables'];
  if (raw.configuration !== undefined) {
    if (!isObject(raw.configuration))
      fail('configuration must be an object', file, text, 'configuration', keyMarker('configuration'));
    doc.configuration = raw.configuration as JsonConfiguration;
  }
  return doc;
}

function checkModule(raw: unknown, path: string, file: string, text: string): JsonModule | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) fail(`${path} must be an object`, file, text, path);
  const module: JsonModule = {};
  if (typeof raw.address === 'string') module.address = raw.address;
  if (raw.resources !== undefined) {
    if (!Array.isArray(raw.resources))
      fail(`${path}.resources must be an array`, file, text, `${path}.resources`);
    module.resources = raw.resources.map((r, i) => checkResource(r, `${path}.resources[${i}]`, file, text));
  }
  if (raw.child_modules !== undefined) {
    if (!Array.isArray(raw.child_modules))
      fail(`${path}.child_modules must be an array`, file, text, `${path}.child_modules`);
    module.child_modules = raw.child_modules.map(
      (m, i) => checkModule(m, `${path}.child_modules[${i}]`, file, text) ?? {},
    );
  }
  return module;
}

function checkIdentity(raw: Json, path: string, file: string, text: string): void {
  for (const key of ['address', 'type', 'name'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '') {
      const marker = typeof raw.address === 'string' ? JSON.stringify(raw.address) : undefined;
      fail(`${path}.${key} must be a non-empty string`, file, text, `${path}.${key}`, marker);
    }
  }
  const index = raw.index;
  if (index !== undefined && typeof index !== 'string' && typeof index !== 'number') {
    fail(
      `${path}.index must be a string or a number`,
      file,
      text,
      `${path}.index`,
      JSON.stringify(raw.address),
    );
  }
}

function checkResource(raw: unknown, path: string, file: string, text: string): JsonResource {
  if (!isObject(raw)) fail(`${path} must be an object`, file, text, path);
  checkIdentity(raw, path, file, text);
  if (raw.values !== undefined && raw.values !== null && !isObject(raw.values)) {
    fail(`${path}.values must be an object`, file, text, `${path}.values`, JSON.stringify(raw.address));
  }
  return raw as unknown as JsonResource;
}

function checkChange(raw: unknown, path: string, file: string, text: string): JsonChange {
  if (!isObject(raw)) fail(`${path} must be an object`, file, text, path);
  checkIdentity(raw, path, file, text);
  const change = raw.change;
  if (
    !isObject(change) ||
    !Array.isArray(change.actions) ||
    !change.actions.every((a) => typeof a === 'string')
  ) {
    fail(
      `${path}.change.actions must be an array of strings`,
      file,
      text,
      `${path}.change.actions`,
      JSON.stringify(raw.address),
    );
  }
  return raw as unknown as JsonChange;
}
