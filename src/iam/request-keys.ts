/**
 * The request's condition keys: those the caller gave, and the global keys AWS derives from the
 * principal and the resource where the caller did not give them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { arnParts } from './match.js';
import type { EvaluateOptions, RequestContext } from './types.js';

const PRINCIPAL_TYPE: Record<string, string> = {
  user: 'User',
  role: 'AssumedRole',
  'assumed-role': 'AssumedRole',
  root: 'Account',
  'federated-user': 'FederatedUser',
  anonymous: 'Anonymous',
};

/** The derived keys other than principal tags, in the order `requestContext` lists them. */
const DERIVED_KEYS = [
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:resourceaccount',
  'aws:requestedregion',
] as const;

const TAG_PREFIX = 'aws:principaltag/';

/** The account owning the resource: given, or from the ARN (S3 ARNs name none). */
export function resourceAccountOf(request: RequestContext): string | undefined {
  if (request.resourceAccount) return request.resourceAccount;
  return resourceAccountFrom(request, arnParts(request.resource));
}

/** `resourceAccountOf` with the resource ARN already split by `arnParts`. */
export function resourceAccountFrom(request: RequestContext, parts: readonly string[]): string | undefined {
  if (request.resourceAccount) return request.resourceAccount;
  return parts.length === 6 && /^\d{12}$/.test(parts[4]!) ? parts[4] : undefined;
}

/** Principals that have an identity in an account (not anonymous callers, services or web / SAML identities). */
function hasIdentity(type: string): boolean {
  return type !== 'anonymous' && type !== 'service' && type !== 'federated';
}

/**
 * The value AWS derives for a global key (lower-case), or undefined when it derives none. One
 * definition serves both `requestContext` (every key) and `RequestKeys` (one key at a time).
 * `parts` is the resource ARN split by `arnParts`.
 */
function derivedKey(
  request: RequestContext,
  key: string,
  parts: readonly string[],
): string | string[] | undefined {
  const p = request.principal;
  const identity = hasIdentity(p.type);
  switch (key) {
    case 'aws:principalisawsservice':
      return p.type === 'service' ? 'true' : 'false';
    case 'aws:principalservicename':
      return p.type === 'service' ? p.arn : undefined;
    case 'aws:principalarn':
      if (!identity) return undefined;
      return p.type === 'assumed-role' ? (p.roleArn ?? p.arn) : p.arn;
    case 'aws:principalaccount':
      return identity ? p.account || undefined : undefined;
    case 'aws:principaltype':
      if (identity) return PRINCIPAL_TYPE[p.type];
      return p.type === 'anonymous' ? 'Anonymous' : undefined;
    case 'aws:userid':
      return identity ? (p.userId ?? (p.type === 'root' ? p.account : undefined)) : undefined;
    case 'aws:username':
      if (!identity || p.type !== 'user') return undefined;
      return p.username ?? p.arn.slice(p.arn.lastIndexOf('/') + 1);
    case 'aws:principalorgid':
      return identity ? p.orgId : undefined;
    case 'aws:principalorgpaths':
      return identity ? p.orgPaths : undefined;
    case 'aws:resourceaccount':
      return resourceAccountFrom(request, parts);
    case 'aws:requestedregion':
      // The request goes to the resource's region.
      return parts.length === 6 && parts[3] ? parts[3] : undefined;
  }
  if (identity && key.startsWith(TAG_PREFIX) && p.tags) {
    // Tag keys are case-insensitive; of two spellings of one key, the first wins.
    const name = key.slice(TAG_PREFIX.length);
    for (const [k, v] of Object.entries(p.tags)) if (v !== undefined && k.toLowerCase() === name) return v;
  }
  return undefined;
}

/** The keys the caller gave, by lower-case key (a later spelling of a key wins). */
function givenKeys(request: RequestContext): Map<string, string | string[]> {
  const ctx = new Map<string, string | string[]>();
  for (const [k, v] of Object.entries(request.context)) ctx.set(k.toLowerCase(), v);
  return ctx;
}

/**
 * The request's condition keys by lower-case key, with the global keys AWS derives from the
 * principal and the resource added where the caller did not give them.
 */
export function requestContext(
  request: RequestContext,
  options: EvaluateOptions = {},
): Map<string, string | string[]> {
  const ctx = givenKeys(request);
  if (options.rawContext) return ctx;
  const parts = arnParts(request.resource);
  const add = (k: string) => {
    const v = derivedKey(request, k, parts);
    if (v !== undefined && !ctx.has(k)) ctx.set(k, v);
  };
  for (const k of DERIVED_KEYS) {
    add(k);
    // The map keeps the order it has always had: principal tags after aws:username.
    if (k === 'aws:username' && hasIdentity(request.principal.type))
      for (const tag of Object.keys(request.principal.tags ?? {})) add(`${TAG_PREFIX}${tag.toLowerCase()}`);
  }
  return ctx;
}

/**
 * One request's condition keys, looked up one at a time. Evaluating a request usually reads two
 * or three keys, so the derived keys are computed when read rather than all built into a map
 * first (that map was a tenth of the evaluation time); the answers are those of `requestContext`.
 */
export class RequestKeys {
  /** The given keys as written, and lower-cased at the same positions (filled on first use). */
  private given: string[] | undefined;
  private lower: string[] | undefined;

  constructor(
    private readonly request: RequestContext,
    private readonly options: EvaluateOptions,
    /** The resource ARN split by `arnParts` (the evaluator has it already). */
    private readonly resourceParts: readonly string[],
  ) {}

  /** The value of a key, by its lower-case name. */
  get(key: string): string | string[] | undefined {
    if (this.given === undefined) {
      // A handful of keys, searched directly: cheaper than building a map of them per request.
      this.given = Object.keys(this.request.context);
      this.lower = this.given.map((k) => k.toLowerCase());
    }
    // The last spelling of a key wins, as in `givenKeys`; a key the caller gave wins over the
    // derived one, even when its value is undefined.
    const i = this.lower!.lastIndexOf(key);
    if (i >= 0) return this.request.context[this.given[i]!];
    return this.options.rawContext ? undefined : derivedKey(this.request, key, this.resourceParts);
  }
}
