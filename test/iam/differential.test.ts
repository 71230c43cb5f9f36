/**
 * Differential test: the policy engine against @cloud-copilot/iam-simulate (AGPL, used here as a
 * test oracle only) on requests generated from the AWS managed policies that carry conditions.
 * Every disagreement is listed and classified in docs/iam-parity.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allowedContextKeysForRequest,
  runSimulation,
  runUnsafeSimulation,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../src/iam/index.js';
import type { DecisionValue, NamedPolicy } from '../../src/iam/index.js';
import { corporaPresent, projectRoot } from '../corpora.js';
import { renderDifferentialMarkdown } from './differential-doc.js';
import { writeSection } from './doc-sections.js';
import { asList, loadManagedPolicies, type PolicyDocumentJson, statementsOf } from './managed-corpus.js';
import { ACCOUNT, Gen, generateRequests, type GeneratedRequest } from './request-gen.js';

const DOC = join(projectRoot, 'docs', 'iam-parity.md');
const START = '<!-- differential:start -->';
const END = '<!-- differential:end -->';

const ORACLE: Record<string, DecisionValue> = {
  Allowed: 'Allowed',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

export interface Disagreement {
  policy: string;
  request: GeneratedRequest;
  ours: DecisionValue;
  oracle: DecisionValue | string;
  /** Id of the known cause (see CAUSES), when one explains it. */
  cause?: string;
}

export const REQUESTS_PER_POLICY = 14;

/**
 * KMS keys and IAM roles are only reachable when their own policy allows: the oracle models that
 * (with no key or trust policy it denies), so both sides get the default key policy / a trust
 * policy naming the account, which hands the decision to the identity policies under test.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 */
export function ownResourcePolicy(action: string, resource: string): Record<string, unknown> | undefined {
  const root = `arn:aws:iam::${ACCOUNT}:root`;
  if (/^arn:aws:kms:[^:]*:[^:]*:key\//.test(resource) && action.toLowerCase().startsWith('kms:')) {
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EnableIAMPolicies',
          Effect: 'Allow',
          Principal: { AWS: root },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    };
  }
  if (/^arn:aws:iam::[^:]*:role\//.test(resource) && action.toLowerCase().startsWith('sts:')) {
    return {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: root }, Action: 'sts:*' }],
    };
  }
  return undefined;
}

export const SEED = 20261122;

export interface DifferentialResult {
  total: number;
  disagreements: Disagreement[];
  policies: number;
  /** Policies our parser rejects (their requests are not generated); each is a parser finding. */
  unparsed: string[];
  /** Requests the oracle refused as invalid (not compared). */
  oracleErrors: string[];
  /** Requests both sides decided. */
  compared: number;
}

/**
 * Keeps only the condition keys AWS can send with this action on this resource (the action's,
 * its resource type's and the global keys): a request never carries another service's keys.
 * The oracle's own list is used so that both sides see exactly the same request.
 */
async function applicableContext(req: GeneratedRequest): Promise<Record<string, string | string[]>> {
  const [service, name] = req.action.split(':') as [string, string];
  let allowed: string[];
  try {
    allowed = await allowedContextKeysForRequest(service, name, req.resource, false, undefined);
  } catch {
    return req.context;
  }
  const exact = new Set(allowed.filter((k) => !k.includes('${')));
  const prefixes = allowed.filter((k) => k.includes('${')).map((k) => k.slice(0, k.indexOf('${')));
  const keep = (k: string): boolean => {
    const lower = k.toLowerCase();
    // Global tag-style keys are listed as `aws:principaltag/tag-key`.
    if (/^aws:(principaltag|resourcetag|requesttag)\//.test(lower)) return true;
    return exact.has(lower) || prefixes.some((p) => lower.startsWith(p));
  };
  return Object.fromEntries(Object.entries(req.context).filter(([k]) => keep(k)));
}

/**
 * The oracle's decision. Its validating entry point is slow (it re-reads its catalogue per
 * request), so requests without a resource policy go through its unvalidated one, which decides
 * the same way once the request is well-formed (the generator and `applicableContext` see to that).
 * Its unvalidated entry point cannot take a resource policy, so those use the validating one.
 */
async function oracleDecide(
  simulation: Simulation,
): Promise<{ ok: true; decision: string } | { ok: false; error: string }> {
  try {
    if (!simulation.resourcePolicy) {
      return { ok: true, decision: runUnsafeSimulation(simulation, {}) as unknown as string };
    }
    const sim = await runSimulation(simulation, {});
    if (sim.resultType === 'error') return { ok: false, error: JSON.stringify(sim.errors).slice(0, 300) };
    return { ok: true, decision: sim.overallResult };
  } catch (e) {
    // The oracle throws on condition keys its catalogue does not know.
    return { ok: false, error: (e as Error).message };
  }
}

/** Our decision for a generated request against one identity policy (plus the resource's own policy). */
function decideOurs(req: GeneratedRequest, doc: unknown, name: string): DecisionValue | 'unparsed' {
  const parsed = parsePolicy(doc, 'identity', name).policy;
  if (!parsed) return 'unparsed';
  const named: NamedPolicy = { name, type: 'aws-managed', policy: parsed };
  const own = ownResourcePolicy(req.action, req.resource);
  const kind = req.action.startsWith('sts') ? 'trust' : 'resource';
  const ownParsed = own ? parsePolicy(own, kind).policy : undefined;
  return evaluate(
    {
      principal: { arn: req.principalArn, account: ACCOUNT, type: 'user' },
      action: req.action,
      resource: req.resource,
      resourceAccount: ACCOUNT,
      context: req.context,
    },
    ownParsed
      ? {
          identity: [named],
          resource: { name: 'own', type: kind, policy: ownParsed },
          resourcePolicyRequired: true,
        }
      : { identity: [named] },
    { rawContext: true },
  ).decision;
}

/** A known cause of disagreement, recognised by re-deciding the request under the oracle's reading. */
export interface Cause {
  id: string;
  /** Which side AWS's documentation supports. */
  right: 'engine' | 'oracle';
  explanation: string;
  applies: (d: Disagreement, doc: PolicyDocumentJson) => boolean;
}

/** The resource part's leading resource-type segment (`instance` of `instance/i-1`), as the oracle splits it. */
function resourceTypeSegment(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || (parts[2] === 's3' && parts[3] === '' && parts[4] === '')) return undefined;
  const rest = parts.slice(5).join(':');
  const cut = rest.search(/[/:]/);
  return cut < 0 ? undefined : rest.slice(0, cut);
}

export const CAUSES: Cause[] = [
  {
    id: 'wildcard-request',
    right: 'engine',
    explanation:
      'The action has no resource types, so the request is authorised against `*`. The oracle reads a request resource of `*` as a pattern and allows it when any statement Resource overlaps it; AWS requires the statement to cover `*`: "If the API operation does not support resource-level permissions, you must use the `*` wildcard in the Resource element" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). A statement scoped to ARNs does not grant such an action.',
    applies: (d, doc) => {
      if (d.request.resource !== '*' || d.ours !== 'ImplicitDeny' || d.oracle !== 'Allowed') return false;
      // Under the oracle's reading every Resource overlaps `*`: re-decide with all of them widened.
      const widened = statementsOf(doc).map((st) =>
        st.Resource !== undefined ? { ...st, Resource: '*' } : st,
      );
      return decideOurs(d.request, { ...doc, Statement: widened }, d.policy) === d.oracle;
    },
  },
  {
    id: 'encryption-context-key-dropped',
    right: 'engine',
    explanation:
      "The request carries a `kms:EncryptionContext:<context-key>` key (`kms:EncryptionContext:SecretARN`, `kms:EncryptionContext:aws:backup:backup-vault`). The oracle's request normalisation drops these templated keys, so a condition on them fails as if the key were missing; AWS documents them as request keys (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context) and the AWS managed policies rely on them. Recognised by re-deciding without those keys: the engine then agrees with the oracle.",
    applies: (d, doc) => {
      const keep = Object.entries(d.request.context).filter(([k]) => !/^kms:encryptioncontext:/i.test(k));
      if (keep.length === Object.keys(d.request.context).length) return false;
      return decideOurs({ ...d.request, context: Object.fromEntries(keep) }, doc, d.policy) === d.oracle;
    },
  },
  {
    id: 'protected-iam-resource',
    right: 'oracle',
    explanation:
      "A write to a role under `/aws-reserved/` (roles IAM Identity Center provisions from permission sets) or to an AWS managed policy (`arn:aws:iam::aws:policy/...`). The identity policy allows it, but AWS refuses such changes to service-owned IAM resources whatever the caller's policies say: Identity Center roles can only be changed through their permission set (https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html) and AWS managed policies cannot be edited (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies). Both the oracle and `evaluate()` model this, so none is expected; the cause stays to classify any regression.",
    applies: (d) =>
      d.ours === 'Allowed' &&
      d.oracle === 'ImplicitDeny' &&
      d.request.action.toLowerCase().startsWith('iam:') &&
      (/^arn:aws:iam::\d{12}:role\/aws-reserved\//i.test(d.request.resource) ||
        /^arn:aws:iam::aws:policy\//i.test(d.request.resource)),
  },
  {
    id: 'get-caller-identity',
    right: 'oracle',
    explanation:
      '`sts:GetCallerIdentity` needs no permission and cannot be denied: "No permissions are required to perform this operation. If an administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation" (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html). Both the oracle and `evaluate()` allow it always, so none is expected; the cause stays to classify any regression.',
    applies: (d) => d.request.action.toLowerCase() === 'sts:getcalleridentity' && d.oracle === 'Allowed',
  },
  {
    id: 'wildcard-in-resource-type',
    right: 'engine',
    explanation:
      'The deciding statement\'s Resource has a wildcard in the resource-type segment (`arn:aws:ec2:*:*:*/*`, `arn:aws:aws-marketplace:*:*:*/ResaleAuthorization/*`). The oracle compares that segment literally, citing "Incorrect wildcard usage" on https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html; the Resource element reference says wildcards may be used "within any ARN segment" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards), and AWS\'s own managed policies use such patterns to grant access, so the engine matches them as globs. The two AWS pages disagree; the engine follows the element reference and the managed policies.',
    applies: (d, doc) => {
      const strip = (v: string | string[] | undefined): string[] =>
        asList(v).filter((r) => !/[*?]/.test(resourceTypeSegment(r) ?? ''));
      const changed = statementsOf(doc).map((st) => ({
        ...st,
        ...(st.Resource !== undefined ? { Resource: strip(st.Resource) } : {}),
      }));
      const kept = changed.filter((st) => st.Resource === undefined || asList(st.Resource).length > 0);
      if (JSON.stringify(kept) === JSON.stringify(statementsOf(doc))) return false;
      return decideOurs(d.request, { ...doc, Statement: kept }, d.policy) === d.oracle;
    },
  },
];

export async function runDifferential(): Promise<DifferentialResult> {
  const policies = loadManagedPolicies().filter((p) => statementsOf(p.document).some((s) => s.Condition));
  const g = new Gen(SEED);
  const disagreements: Disagreement[] = [];
  const unparsed: string[] = [];
  const oracleErrors: string[] = [];
  let total = 0;
  let compared = 0;
  for (const p of policies) {
    const parsed = parsePolicy(p.document, 'identity', p.name);
    if (!parsed.policy) {
      unparsed.push(`${p.name}: ${parsed.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    for (const generated of generateRequests(g, statementsOf(p.document), REQUESTS_PER_POLICY)) {
      const req = { ...generated, context: await applicableContext(generated) };
      total++;
      const ours = decideOurs(req, p.document, p.name);
      const own = ownResourcePolicy(req.action, req.resource);
      const simulation: Simulation = {
        identityPolicies: [{ name: p.name, policy: p.document }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(own ? { resourcePolicy: own } : {}),
        request: {
          principal: req.principalArn,
          action: req.action,
          resource: { resource: req.resource, accountId: ACCOUNT },
          contextVariables: req.context,
        },
      };
      const answer = await oracleDecide(simulation);
      if (!answer.ok) {
        oracleErrors.push(`${p.name} ${req.action} ${req.resource}: ${answer.error}`);
        continue;
      }
      compared++;
      const oracle = ORACLE[answer.decision] ?? answer.decision;
      if (oracle !== ours) {
        const d: Disagreement = { policy: p.name, request: req, ours: ours as DecisionValue, oracle };
        d.cause = CAUSES.find((c) => c.applies(d, p.document))?.id;
        disagreements.push(d);
      }
    }
  }
  return { total, compared, disagreements, policies: policies.length, unparsed, oracleErrors };
}

describe.skipIf(!corporaPresent)(
  'differential: engine vs iam-simulate on managed policies with conditions',
  () => {
    it('decides >= 10,000 generated requests the same way, every disagreement classified', async () => {
      const result = await runDifferential();
      const { total, compared, disagreements, policies, unparsed, oracleErrors } = result;
      for (const e of oracleErrors) console.warn(`oracle refused: ${e}`);
      for (const u of unparsed) console.warn(`not parsed: ${u}`);
      for (const d of disagreements)
        console.warn(
          `[${d.cause ?? 'UNCLASSIFIED'}] ${d.policy}: ${d.request.action} ${d.request.resource} ours ${d.ours} oracle ${d.oracle} ${JSON.stringify(d.request.context)}`,
        );
      console.warn(
        `differential: ${total} requests over ${policies} policies, ${compared} compared, ${disagreements.length} disagreements`,
      );
      if (process.env.DIFF_DUMP) writeFileSync(process.env.DIFF_DUMP, JSON.stringify(disagreements, null, 1));
      if (process.env.UPDATE_PARITY_DOC)
        await writeSection(DOC, START, END, renderDifferentialMarkdown(result, CAUSES, SEED));
      expect(compared).toBeGreaterThanOrEqual(10_000);
      expect(disagreements.filter((d) => !d.cause).map((d) => `${d.policy} ${d.request.action}`)).toEqual([]);
    }, 900_000);
  },
);
