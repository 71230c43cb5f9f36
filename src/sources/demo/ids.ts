import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers and clock for the demo organisation. Every id is derived from a
 * readable key (`prod/us-east-1/prod-vpc`) by hashing, so ids look like AWS's and never change
 * between builds, and adding a resource does not renumber the others.
 */

/** The moment the demo organisation was "read". Every date is relative to it. */
export const TAKEN_AT = '2026-11-22T06:00:00Z';
const TAKEN_AT_MS = Date.parse(TAKEN_AT);
const HOUR_MS = 3_600_000;

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

function hex(key: string, length: number): string {
  return digest(key).toString('hex').slice(0, length);
}

/** An EC2-style physical id: `vpc-0` + 16 hex digits (the 17-character form AWS uses since 2018). */
export function physicalId(prefix: string, key: string): string {
  return `${prefix}-0${hex(`${prefix}|${key}`, 16)}`;
}

/** Plain lowercase hex of a given length (ARN suffixes of load balancers, detector ids). */
export function hexOf(key: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += hex(`${key}#${i}`, 64);
  return out.slice(0, length);
}

/** Characters from an alphabet, picked by the key's hash. */
export function charsOf(key: string, length: number, alphabet: string): string {
  const bytes = Buffer.concat([digest(key), digest(`${key}#2`)]);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An access key id of the documented form (`AKIA` + 16 characters); not a real key. */
export function accessKeyId(key: string): string {
  return `AKIA${charsOf(`akia|${key}`, 16, KEY_ALPHABET)}`;
}

/** A UUID-shaped id (KMS key ids, Backup plan ids, Route 53 health check ids). */
export function uuidOf(key: string): string {
  const h = hex(`uuid|${key}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Upper-case alphanumeric id with a prefix (Route 53 zone `Z…`, CloudFront `E…`). */
export function upperId(prefix: string, key: string, length: number): string {
  return prefix + charsOf(`${prefix}|${key}`, length, UPPER_ALNUM);
}

/** Lower-case alphanumeric id (Organizations `o-…`, `ou-…-…`, `r-…`, `p-…`). */
export function lowerId(key: string, length: number): string {
  return charsOf(`lower|${key}`, length, LOWER_ALNUM);
}

/** ISO time `days` (fractional allowed) before {@link TAKEN_AT}, in the form AWS APIs return. */
export function daysAgo(days: number): string {
  return new Date(TAKEN_AT_MS - Math.round(days * 24) * HOUR_MS).toISOString();
}

/**
 * A small deterministic PRNG (mulberry32) seeded from a key, for metric series that should look
 * measured rather than constant.
 */
export function seededRandom(key: string): () => number {
  let state = digest(`rng|${key}`).readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
