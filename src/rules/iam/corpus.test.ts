/**
 * The IAM, KMS, Secrets Manager, ACM and Organizations rules against real data written by others:
 * AWS's managed policies (with an independent expansion of their action patterns) and the
 * CloudFormation and Terraform corpora. No rule may throw, and an `error` finding must come from a
 * value the input does not determine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corporaPresent, corpusPath } from '../../../test/corpora.js';
import { runRules, type Finding } from '../../engine/index.js';
import { makeSnapshot, type Resource } from '../../model/index.js';
import { cloudFormationSource } from '../../sources/cloudformation/index.js';
import { terraformSource } from '../../sources/terraform/index.js';
import { acmRules } from '../acm/index.js';
import { kmsRules } from '../kms/index.js';
import { organizationsRules } from '../organizations/index.js';
import { secretsmanagerRules } from '../secretsmanager/index.js';
import { fullAdminStatements } from './grants.js';
import { iamRules } from './index.js';
import { actionMatches, readPolicy } from './policy.js';

const rules = [...iamRules, ...kmsRules, ...secretsmanagerRules, ...acmRules, ...organizationsRules];
/** What an error finding may say: the input leaves a value open. */
const UNDETERMINED = /not known|known only after deploy|known after apply/;

interface ManagedPolicy {
  name: string;
  document: unknown;
  effective_actions?: string[];
}

function tally(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.status] = (counts[f.status] ?? 0) + 1;
  return counts;
}

function expectNoCrash(findings: readonly Finding[]): void {
  const crashes = findings.filter((f) => /failed on|returned no valid result/.test(f.reason));
  expect(crashes.map((f) => `${f.ruleId} ${f.resource.id}: ${f.reason}`)).toEqual([]);
  const unexplained = findings.filter((f) => f.status === 'error' && !UNDETERMINED.test(f.reason));
  expect(unexplained.map((f) => `${f.ruleId} ${f.resource.id}: ${f.reason}`)).toEqual([]);
}

describe.skipIf(!corporaPresent)('IAM rules on real data', () => {
  it('read all 1,641 AWS managed policies and match actions as the upstream expansion does', () => {
    const file = corpusPath('iam-managed-policies', 'managed-policies.json.gz');
    const policies = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as ManagedPolicy[];
    expect(policies).toHaveLength(1641);

    // Every action the corpus names, by service and by lower-case name.
    const byService = new Map<string, string[]>();
    const exact = new Map<string, string>();
    for (const p of policies) {
      for (const a of p.effective_actions ?? []) {
        if (exact.has(a.toLowerCase())) continue;
        exact.set(a.toLowerCase(), a);
        const service = a.slice(0, a.indexOf(':')).toLowerCase();
        byService.set(service, [...(byService.get(service) ?? []), a]);
      }
    }
    const all = [...exact.values()];

    let compared = 0;
    const missing: string[] = [];
    const extra = new Set<string>();
    for (const p of policies) {
      const read = readPolicy(p.document, p.name);
      expect(read.known, p.name).toBe(true);
      if (!read.known) continue;
      // No AWS managed policy in the corpus allows "*" on "*" (AdministratorAccess is not in it).
      expect(fullAdminStatements(read).hits, p.name).toEqual([]);
      const allow = read.statements.filter((s) => s.effect === 'Allow');
      if (allow.some((s) => s.notAction.present)) continue; // NotAction depends on the resource scope
      compared++;
      const matched = new Set<string>();
      for (const pattern of allow.flatMap((s) => s.action.values)) {
        if (!/[*?]/.test(pattern)) {
          const hit = exact.get(pattern.toLowerCase());
          if (hit) matched.add(hit);
          continue;
        }
        const service = pattern.slice(0, Math.max(pattern.indexOf(':'), 0)).toLowerCase();
        const pool = /[*?]/.test(service) || service === '' ? all : (byService.get(service) ?? []);
        for (const a of pool) if (actionMatches(pattern, a)) matched.add(a);
      }
      // Action names are case-insensitive; the upstream spells a few two ways.
      const got = new Set([...matched].map((a) => a.toLowerCase()));
      const expected = new Set((p.effective_actions ?? []).map((a) => a.toLowerCase()));
      for (const a of expected) if (!got.has(a)) missing.push(`${p.name}: ${a}`);
      if ([...got].some((a) => !expected.has(a))) extra.add(p.name);
    }
    expect(compared).toBeGreaterThan(1600);
    expect(missing).toEqual([]);
    // The upstream expanded codepipeline:* before CodePipeline added ListRuleExecutions and others.
    expect([...extra]).toEqual(['AWSCodePipelineFullAccess']);
  });

  it('evaluate the CloudFormation corpus without crashing', async () => {
    const snapshot = await cloudFormationSource.load(corpusPath('cfn-templates'), {});
    const { findings } = runRules(snapshot, { rules });
    expectNoCrash(findings);
    const counts = tally(findings);
    expect(counts.pass ?? 0).toBeGreaterThan(500);
    expect(counts.fail ?? 0).toBeGreaterThan(50);
  });

  it('evaluate the Terraform plan corpus without crashing', async () => {
    const dir = corpusPath('terraform-plans');
    const resources: Resource[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('corrupted'))) {
      resources.push(...(await terraformSource.load(`${dir}/${file}`, {})).resources);
    }
    const { findings } = runRules(makeSnapshot(resources, []), { rules });
    expectNoCrash(findings);
    expect(tally(findings).fail ?? 0).toBeGreaterThan(20);
  });
});
