import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { corpusPath } from '../corpora.js';

/** One AWS managed policy as the iam-managed-policies corpus records it. */
export interface ManagedPolicyRecord {
  name: string;
  arn: string;
  version: string;
  deprecated?: boolean;
  document: PolicyDocumentJson;
  malformed?: boolean;
  /** The upstream's expansion of every Allow action pattern (conditions ignored). */
  effective_actions: string[];
}

export interface StatementJson {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocumentJson {
  Version?: string;
  Statement: StatementJson | StatementJson[];
}

export const managedPoliciesFile = corpusPath('iam-managed-policies', 'managed-policies.json.gz');
/** The upstream snapshot's date (iann0036/iam-dataset @2073fa5), from the corpora README. */
export const MANAGED_CORPUS_DATE = '2026-08-22';

let cache: ManagedPolicyRecord[] | undefined;

/** Reads the managed-policy corpus once per test file. */
export function loadManagedPolicies(): ManagedPolicyRecord[] {
  if (!cache) {
    if (!existsSync(managedPoliciesFile)) throw new Error(`corpus missing: ${managedPoliciesFile}`);
    cache = JSON.parse(
      gunzipSync(readFileSync(managedPoliciesFile)).toString('utf8'),
    ) as ManagedPolicyRecord[];
  }
  return cache;
}

export function statementsOf(doc: PolicyDocumentJson): StatementJson[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

export function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
