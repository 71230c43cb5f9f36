import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDate } from '../../src/iam/catalog.js';
import { parsePolicy } from '../../src/iam/index.js';
import { corporaPresent, projectRoot } from '../corpora.js';
import { computeParity, renderParityMarkdown } from './action-parity.js';
import { writeSection } from './doc-sections.js';
import { loadManagedPolicies, MANAGED_CORPUS_DATE } from './managed-corpus.js';

const DOC = join(projectRoot, 'docs', 'iam-parity.md');
const START = '<!-- action-parity:start -->';
const END = '<!-- action-parity:end -->';

describe.skipIf(!corporaPresent)('AWS managed policies corpus', () => {
  /**
   * AWS managed policies the parser still rejects, with why; AWS accepts them, so each is a parser
   * gap to close (the test fails when the list is stale, in either direction).
   */
  const KNOWN_PARSER_GAPS: Record<string, string> = {};

  it('every policy parses', () => {
    const policies = loadManagedPolicies();
    expect(policies.length).toBe(1641);
    const failures: string[] = [];
    for (const p of policies) {
      const r = parsePolicy(p.document, 'identity', p.name);
      if (!r.policy || r.errors.length > 0) {
        if (!(p.name in KNOWN_PARSER_GAPS))
          failures.push(`${p.name}: ${JSON.stringify(r.errors).slice(0, 300)}`);
      } else if (p.name in KNOWN_PARSER_GAPS) {
        failures.push(`${p.name} parses now: remove it from KNOWN_PARSER_GAPS`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the catalogue grants the same actions as the corpus for >= 99% of policies, every difference explained', async () => {
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
    if (process.env.UPDATE_PARITY_DOC)
      await writeSection(DOC, START, END, renderParityMarkdown(report, catalogDate(), MANAGED_CORPUS_DATE));
    expect(report.equalModuloDrift / report.total).toBeGreaterThanOrEqual(0.99);
    expect(report.diffs.filter((d) => !d.explained).map((d) => d.name)).toEqual([]);
  });
});
