/**
 * Keeps docs/seeds-coverage.md honest: every rule id it names must exist as a rule file, and the
 * notebook table must cover the notebook (at least 60 scenarios).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../corpora.js';

const rulesDir = join(projectRoot, 'src', 'rules');
const doc = readFileSync(join(projectRoot, 'docs', 'seeds-coverage.md'), 'utf8');
const services = new Set(
  readdirSync(rulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name),
);

/** Backticked tokens shaped like `<service>-…` whose prefix is a rule folder. */
function ruleIdsIn(text: string): { service: string; id: string }[] {
  const found: { service: string; id: string }[] = [];
  for (const match of text.matchAll(/`([a-z0-9]+)-([a-z0-9-]+)`/g)) {
    const service = match[1] ?? '';
    if (services.has(service)) found.push({ service, id: `${service}-${match[2] ?? ''}` });
  }
  return found;
}

/** Body rows of the first table under the `## ` heading that contains `title`. */
function tableRows(text: string, title: string): string[] {
  const section = text.split(/^## /m).find((part) => part.split('\n')[0]?.includes(title)) ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2); // header and separator
}

describe('docs/seeds-coverage.md', () => {
  it('names only rules that exist', () => {
    const ids = ruleIdsIn(doc);
    expect(ids.length).toBeGreaterThan(0);
    const missing = ids.filter(({ service, id }) => !existsSync(join(rulesDir, service, `${id}.ts`)));
    expect(missing.map(({ id }) => id)).toEqual([]);
  });

  it('maps at least 60 notebook scenarios, each to something', () => {
    const rows = tableRows(doc, 'notebook');
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const row of rows) {
      const answeredBy = row.split(' | ')[1]?.trim() ?? '';
      expect(answeredBy, row).not.toBe('');
    }
  });

  it('maps the daily task list', () => {
    expect(tableRows(doc, 'Daily task list').length).toBeGreaterThan(0);
  });
});
