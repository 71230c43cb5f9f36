/**
 * The network engine against the Batfish AWS test snapshots: real `aws ec2 describe-*` output of
 * deployed test networks (../shared/corpora/batfish-aws). Every snapshot loads through the
 * describe-JSON source and builds a network model; the queries of `batfish.expect.json`, written
 * from the configurations by hand with the reason for each verdict, must get their verdict and
 * explanation codes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Snapshot } from '../../src/model/index.js';
import type { RunConfig } from '../../src/engine/index.js';
import { buildNetwork, exposure, reach, type Endpoint, type NetworkModel } from '../../src/network/index.js';
import { evaluateDaily } from '../../src/questions/daily.js';
import { exposureEngine } from '../../src/questions/exposure.js';
import { describeJsonSource } from '../../src/sources/describe-json/index.js';
import { corpusPath } from '../corpora.js';
import { expectedQuerySchema, queryName, type ExpectedQuery } from './expect.js';

const root = corpusPath('batfish-aws');
const present = existsSync(root);

const expectations = z
  .strictObject({
    about: z.string(),
    snapshots: z.array(
      z.strictObject({ snapshot: z.string(), queries: z.array(expectedQuerySchema).min(1) }),
    ),
    /** What the daily exposure engine must fail, exactly: `<rule id> <resource id>`. */
    exposureFindings: z.array(
      z.strictObject({
        snapshot: z.string(),
        failing: z.array(z.string()),
        why: z.string().min(1),
        bug: z.string().min(1).optional(),
        /** Resources that must come out `error` (a missing fact), never `pass`. */
        undecided: z.array(z.string()).optional(),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(fileURLToPath(new URL('./batfish.expect.json', import.meta.url)), 'utf8')));

const NO_CONFIG: RunConfig = { suppressions: [], params: {} };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `internet`, an IPv4 address, or a resource id (the CLI also takes ARNs and names; ids suffice here). */
function endpoint(text: string): Endpoint {
  if (text === 'internet') return { kind: 'internet' };
  if (IPV4.test(text)) return { kind: 'ip', ip: text };
  return { kind: 'resource', id: text };
}

const models = new Map<string, { snapshot: Snapshot; model: NetworkModel }>();
async function modelOf(name: string): Promise<{ snapshot: Snapshot; model: NetworkModel }> {
  let entry = models.get(name);
  if (!entry) {
    const snapshot = await describeJsonSource.load(corpusPath('batfish-aws', name, 'aws_configs'), {});
    entry = { snapshot, model: buildNetwork(snapshot) };
    models.set(name, entry);
  }
  return entry;
}

function check(model: NetworkModel, q: ExpectedQuery): void {
  // Queries run in-process here: CLI options have no meaning.
  if (q.args) throw new Error(`${queryName(q)}: 'args' is for the CLI scenarios only`);
  const query = {
    from: endpoint(q.from),
    to: endpoint(q.to),
    protocol: q.protocol,
    ...(q.port === undefined ? {} : { port: q.port }),
  };
  const answer = reach(model, query);
  const codes = answer.explanations.map((e) => e.code);
  const summary = `${queryName(q)}\nwhy expected: ${q.why}\nexplanations:\n${answer.explanations
    .map((e) => `  ${e.code} at ${e.component.type} ${e.component.id}: ${e.detail}`)
    .join('\n')}`;
  expect(answer.reachable, summary).toBe(q.reachable);
  for (const code of q.codes) expect(codes, summary).toContain(code);
  if (!answer.reachable) expect(answer.explanations.length, summary).toBeGreaterThan(0);
}

// Without the shared corpora beside the checkout the suite is skipped, and its title says why.
const title = present
  ? 'Batfish AWS snapshots'
  : 'Batfish AWS snapshots (skipped: ../shared/corpora/batfish-aws not found beside the checkout)';

describe.skipIf(!present)(title, () => {
  const snapshots = present
    ? readdirSync(root).filter(
        (d) => d.startsWith('test') && existsSync(corpusPath('batfish-aws', d, 'aws_configs')),
      )
    : [];

  it('has at least 20 expected queries over real configurations', () => {
    expect(expectations.snapshots.flatMap((s) => s.queries).length).toBeGreaterThanOrEqual(20);
    for (const s of expectations.snapshots) expect(snapshots).toContain(s.snapshot);
  });

  for (const name of snapshots) {
    it(`${name}: loads, builds a network model and sweeps exposure`, async () => {
      const { snapshot, model } = await modelOf(name);
      expect(snapshot.resources.length).toBeGreaterThan(0);
      const answer = exposure(model);
      expect(answer.schemaVersion).toBe(1);
      // Every exposure names a component of the snapshot and a public path.
      for (const e of answer.exposures) expect(e.path.length).toBeGreaterThan(0);
    });
  }

  describe('exposure findings (the daily engine)', () => {
    for (const { snapshot, failing, why, bug, undecided: expectUndecided } of expectations.exposureFindings) {
      // A named engine defect makes this fail until it is fixed.
      const test = bug ? it.fails : it;
      test(`${snapshot}: ${failing.length} failing${bug ? ` [known bug: ${bug}]` : ''}`, async () => {
        const evaluation = evaluateDaily((await modelOf(snapshot)).snapshot, NO_CONFIG, [exposureEngine()]);
        const failed = evaluation.findings
          .filter((f) => f.status === 'fail')
          .map((f) => `${f.ruleId} ${f.resource.id}`)
          .sort();
        expect(failed, why).toEqual([...failing].sort());
        // Every examined resource was decided: placed, or set aside with the reason.
        const undecided = evaluation.findings
          .filter((f) => f.status === 'error')
          .map((f) => `${f.ruleId} ${f.resource.id}`)
          .sort();
        expect(undecided).toEqual([...(expectUndecided ?? [])].sort());
      });
    }
  });

  for (const { snapshot, queries } of expectations.snapshots) {
    describe(snapshot, () => {
      for (const q of queries) {
        // A query with `bug` names a known engine defect: it is expected to fail until fixed.
        const test = q.bug ? it.fails : it;
        test(queryName(q) + (q.bug ? ` [known bug: ${q.bug}]` : ''), async () => {
          check((await modelOf(snapshot)).model, q);
        });
      }
    });
  }
});
