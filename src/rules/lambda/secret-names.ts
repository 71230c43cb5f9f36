/**
 * Which environment variables hold a secret by name (Lambda `Environment.Variables`, ECS
 * `ContainerDefinitions[].Environment`). Reasons name the variables, never their values.
 */
import { isUnresolved } from '../../model/index.js';

/** Name tokens that mean a secret on their own. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASS',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'PRIVATEKEY',
]);
/** `KEY` is a secret unless a word before it says it is an object key, a table key or a public key. */
const NOT_SECRET_KEYS = new Set([
  'S3',
  'OBJECT',
  'PARTITION',
  'SORT',
  'HASH',
  'RANGE',
  'PRIMARY',
  'CACHE',
  'IDEMPOTENCY',
  'ROUTING',
  'LOOKUP',
  'FOREIGN',
  'SEARCH',
  'MAP',
  'PUBLIC',
  'KMS',
  'CMK',
  'BUCKET',
  'TABLE',
  'REDIS',
  'PREFIX',
]);
/** A last word that makes the variable a reference to a secret or a setting about it, not the secret. */
const REFERENCE_SUFFIXES = new Set([
  'ARN',
  'ID',
  'NAME',
  'PATH',
  'PARAM',
  'PARAMETER',
  'REF',
  'PREFIX',
  'BUCKET',
  'TABLE',
  'FILE',
  'REGION',
  'SIZE',
  'LENGTH',
  'TTL',
  'TIMEOUT',
  'HEADER',
  'FIELD',
  'TYPE',
  'ALIAS',
  'ENDPOINT',
  'HOST',
  'PORT',
  'USER',
  'USERNAME',
  'EXPIRY',
  'EXPIRATION',
  'ROTATION',
  'VERSION',
  'URL',
  'URI',
  'ENABLED',
  'DISABLED',
]);
/** Names that mean static credentials whatever the rules above say (ECS.8's list, and the session token). */
const ALWAYS = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'ECS_ENGINE_AUTH_DATA',
]);

const CAMEL_CASE = /([a-z0-9])([A-Z])/g;
const NOT_A_WORD = /[^A-Za-z0-9]+/;

/** `dbPassword`, `DB-PASSWORD`, `db.password` → `DB`, `PASSWORD`. */
function words(name: string): string[] {
  return name
    .replace(CAMEL_CASE, '$1_$2')
    .split(NOT_A_WORD)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/**
 * The answers for names already seen: the same few names (`LOG_LEVEL`, `TABLE_NAME`) recur across
 * thousands of functions and task definitions, and splitting a name into words allocates. Bounded,
 * as the pattern caches of the policy readers are.
 */
const secretNames = new Map<string, boolean>();

/** Whether a variable's name says it holds a secret. */
export function isSecretName(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    secret = nameSaysSecret(name);
    if (secretNames.size >= 10_000) secretNames.clear();
    secretNames.set(name, secret);
  }
  return secret;
}

function nameSaysSecret(name: string): boolean {
  if (ALWAYS.has(name.toUpperCase())) return true;
  const w = words(name);
  if (w.length === 0 || REFERENCE_SUFFIXES.has(w[w.length - 1]!)) return false;
  return w.some(
    (word, i) => SECRET_WORDS.has(word) || (word === 'KEY' && !NOT_SECRET_KEYS.has(w[i - 1] ?? '')),
  );
}

/** AWS access key ids (long-term AKIA, temporary ASIA) are credentials whatever the variable is called. */
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/** How a value holds the secret. */
export type SecretValue = 'literal' | 'dynamic-reference' | 'deploy-time' | 'none';

/**
 * `literal`: the text is in the configuration. `dynamic-reference`: a CloudFormation
 * `{{resolve:secretsmanager:...}}` / `{{resolve:ssm-secure:...}}`, which CloudFormation resolves
 * into the configuration in plain text. `deploy-time`: an unresolved value (a parameter) that will
 * be stored as given. `none`: a reference to where the secret lives (an ARN, a parameter path),
 * a flag or an empty value.
 */
export function secretValue(value: unknown): SecretValue {
  if (isUnresolved(value)) return 'deploy-time';
  if (typeof value === 'number') return 'literal';
  if (typeof value !== 'string') return 'none';
  const v = value.trim();
  if (v === '' || FLAG.test(v)) return 'none';
  if (v.startsWith('{{resolve:')) return 'dynamic-reference';
  if (v.startsWith('arn:') || PARAMETER_PATH.test(v) || PLACEHOLDER.test(v)) return 'none';
  return 'literal';
}

const FLAG = /^(true|false)$/i;
const PARAMETER_PATH = /^\/[\w\-./]+$/;
const PLACEHOLDER = /^\$\{[^}]+\}$/;

/** A variable found to hold a secret, by name only. */
export interface SecretVariable {
  readonly name: string;
  readonly how: Exclude<SecretValue, 'none'>;
}

/** The variables of `entries` (name → value) that hold a secret, by name or by an access key id value. */
export function secretVariables(entries: Iterable<readonly [string, unknown]>): SecretVariable[] {
  const out: SecretVariable[] = [];
  for (const [name, value] of entries) {
    const found = secretVariable(name, value);
    if (found) out.push(found);
  }
  return out;
}

/** {@link secretVariables} of a map of variables (Lambda's `Environment.Variables`), without its entries. */
export function secretVariablesIn(variables: Readonly<Record<string, unknown>>): SecretVariable[] {
  const out: SecretVariable[] = [];
  for (const name in variables) {
    const found = secretVariable(name, variables[name]);
    if (found) out.push(found);
  }
  return out;
}

function secretVariable(name: string, value: unknown): SecretVariable | undefined {
  const how = secretValue(value);
  if (how === 'none') return undefined;
  const keyId = typeof value === 'string' && ACCESS_KEY_ID.test(value.trim());
  return isSecretName(name) || keyId ? { name, how } : undefined;
}

/** `DB_PASSWORD, REPORT_API_KEY (a {{resolve:...}} reference)`: names only. */
export function describeSecrets(found: readonly SecretVariable[]): string {
  return found
    .map((v) =>
      v.how === 'literal'
        ? v.name
        : v.how === 'dynamic-reference'
          ? `${v.name} (a {{resolve:...}} reference)`
          : `${v.name} (set at deploy)`,
    )
    .join(', ');
}
