import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDate } from '../../src/iam/catalog.js';
import { corporaPresent, projectRoot } from '../corpora.js';
import { computeParity, renderParityMarkdown } from './action-parity.js';
import { replaceSection } from './doc-sections.js';
import { loadEngine } from './engine-loader.js';
import { loadManagedPolicies, MANAGED_CORPUS_DATE, statementsOf } from './managed-corpus.js';

const DOC = join(projectRoot, 'docs', 'iam-parity.md');
const START = '<!-- action-parity:start -->';
const END = '<!-- action-parity:end -->';

describe.skipIf(!corporaPresent)('AWS managed policies corpus', () => {
  it('every policy parses', async () => {
    const policies = loadManagedPolicies();
    expect(policies.length).toBe(1641);
    const engine = await loadEngine();
    const failures: string[] = [];
    for (const p of policies) {
      if (engine?.parsePolicy) {
        const r = engine.parsePolicy(p.document, 'identity' as never, p.name);
        if (!r.policy || r.errors.length > 0)
          failures.push(`${p.name}: ${JSON.stringify(r.errors).slice(0, 300)}`);
      } else {
        // Minimal reading until the engine's parser exists: every statement has an effect and actions.
        for (const s of statementsOf(p.document)) {
          if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
            failures.push(`${p.name}: Effect ${String(s.Effect)}`);
          if (s.Action === undefined && s.NotAction === undefined) failures.push(`${p.name}: no Action`);
          if (s.Resource === undefined && s.NotResource === undefined)
            failures.push(`${p.name}: no Resource`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('the catalogue grants the same actions as the corpus for >= 99% of policies, every difference explained', () => {
    const report = computeParity(loadManagedPolicies());
    for (const d of report.diffs) {
      const tag = d.explained ? 'drift' : 'UNEXPLAINED';
      console.warn(
        `[${tag}] ${d.name}: +${d.extra.length} (${d.extra.slice(0, 6).join(', ')}${d.extra.length > 6 ? ', ...' : ''}) ` +
          `-${d.missing.length} (${d.missing.slice(0, 6).join(', ')})`,
      );
    }
    console.warn(
      `managed-policy parity: exact ${report.exact}/${report.total}, modulo catalogue drift ${report.equalModuloDrift}/${report.total}; ` +
        `catalogue ${catalogDate()}, corpus ${MANAGED_CORPUS_DATE}; ${report.addedSince.size} actions added, ${report.removedSince.size} removed since`,
    );
    if (process.env.UPDATE_PARITY_DOC) {
      const doc = readFileSync(DOC, 'utf8');
      writeFileSync(
        DOC,
        replaceSection(doc, START, END, renderParityMarkdown(report, catalogDate(), MANAGED_CORPUS_DATE)),
      );
    }
    expect(report.equalModuloDrift / report.total).toBeGreaterThanOrEqual(0.99);
    expect(report.diffs.filter((d) => !d.explained).map((d) => d.name)).toEqual([]);
  });
});
