/**
 * AWS global condition context keys, lower-case, with whether they are multivalued. Keys with a
 * tag or name suffix (`aws:PrincipalTag/team`) are listed by prefix.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */

/** Single-valued global keys. */
const SINGLE = [
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:currenttime',
  'aws:epochtime',
  'aws:ec2instancesourceprivateipv4',
  'aws:ec2instancesourcevpc',
  'aws:federatedprovider',
  'aws:multifactorauthage',
  'aws:multifactorauthpresent',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalisawsservice',
  'aws:principalorgid',
  'aws:principalservicename',
  'aws:principaltype',
  'aws:referer',
  'aws:requestedregion',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:securetransport',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceidentity',
  'aws:sourceip',
  'aws:sourceorgid',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourcevpcarn',
  'aws:tokenissuetime',
  'aws:useragent',
  'aws:userid',
  'aws:username',
  'aws:viaawsservice',
  'aws:vpcsourceip',
  'aws:assumedroot',
  'aws:chatbotsourcearn',
].map((k) => k.toLowerCase());

/** Multivalued global keys: use them with `ForAllValues` / `ForAnyValue`. */
const MULTI = [
  'aws:calledvia',
  'aws:principalorgpaths',
  'aws:principalservicenameslist',
  'aws:resourceorgpaths',
  'aws:sourceorgpaths',
  'aws:tagkeys',
];

/** Prefixes of global keys with a suffix; all single-valued. */
const PREFIXES = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'];

const SINGLE_SET = new Set(SINGLE);
const MULTI_SET = new Set(MULTI);

/** Whether a key (any case) is a known global key; `undefined` when it is not a global (`aws:`) key. */
export function isKnownGlobalKey(key: string): boolean | undefined {
  const k = key.toLowerCase();
  if (!k.startsWith('aws:')) return undefined;
  return (
    SINGLE_SET.has(k) || MULTI_SET.has(k) || PREFIXES.some((p) => k.startsWith(p) && k.length > p.length)
  );
}

/** Whether a global key is known to be single-valued (`false` for multivalued, `undefined` when not known). */
export function isSingleValuedGlobalKey(key: string): boolean | undefined {
  const k = key.toLowerCase();
  if (SINGLE_SET.has(k) || PREFIXES.some((p) => k.startsWith(p))) return true;
  if (MULTI_SET.has(k)) return false;
  return undefined;
}
