import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/corpora.js';
import { DEMO_PROBLEMS, PROBLEM_TAG, TWIN_TAG, buildDemoOrganisation, demoResourcesFor } from './index.js';
import { TABLE_END, TABLE_START, renderProblemTable } from './problems-table.js';

const resources = buildDemoOrganisation().resources;
const catalogue = DEMO_PROBLEMS.map((p) => p.id);
const docPath = join(projectRoot, 'docs', 'demo.md');

function taggedIds(key: string): Set<string> {
  return new Set(resources.flatMap((r) => (r.tags[key] ? r.tags[key].split(' ') : [])));
}

/** The problem ids in the first column of the table in docs/demo.md. */
function documentedIds(markdown: string): string[] {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) return [];
  return markdown
    .slice(start, end)
    .split('\n')
    .map((line) => /^\| `([a-z0-9-]+)`/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
}

describe('seeded problems', () => {
  it('seeds at least 25 distinct problems, with kebab-case ids, once each in the catalogue', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(25);
    expect(new Set(catalogue).size).toBe(catalogue.length);
    expect(catalogue.every((id) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(id))).toBe(true);
  });

  it('tags exactly the catalogued problems on the data', () => {
    expect([...taggedIds(PROBLEM_TAG)].sort()).toEqual([...catalogue].sort());
  });

  it('gives every problem a compliant twin, and twins only for known problems', () => {
    const twins = taggedIds(TWIN_TAG);
    expect(catalogue.filter((id) => !twins.has(id))).toEqual([]);
    expect([...twins].filter((id) => !catalogue.includes(id as (typeof catalogue)[number]))).toEqual([]);
  });

  it('never makes a resource both the problem and the twin of the same problem', () => {
    const both = catalogue.filter((id) =>
      demoResourcesFor(resources, id, 'problem').some((r) => demoResourcesFor([r], id, 'twin').length > 0),
    );
    expect(both).toEqual([]);
  });

  it('gives each problem a twin of a type that carries the problem too', () => {
    // A twin is only a twin if the same rule evaluates it: same resource type as a problem resource.
    const mismatched = catalogue.filter((id) => {
      const types = new Set(demoResourcesFor(resources, id, 'problem').map((r) => r.type));
      return !demoResourcesFor(resources, id, 'twin').some((r) => types.has(r.type));
    });
    expect(mismatched).toEqual([]);
  });

  it('quotes a seed scenario and names an expected finding for every problem', () => {
    const incomplete = DEMO_PROBLEMS.filter(
      (p) => !p.scenario.includes('"') || p.expect.length < 10 || !p.title.endsWith('.'),
    );
    expect(incomplete.map((p) => p.id)).toEqual([]);
  });
});

describe('docs/demo.md', () => {
  // UPDATE_DEMO_DOCS=1 regenerates the table from the catalogue and the tags.
  if (process.env.UPDATE_DEMO_DOCS === '1') {
    const markdown = readFileSync(docPath, 'utf8');
    const start = markdown.indexOf(TABLE_START);
    const end = markdown.indexOf(TABLE_END) + TABLE_END.length;
    writeFileSync(docPath, markdown.slice(0, start) + renderProblemTable(resources) + markdown.slice(end));
  }
  const markdown = readFileSync(docPath, 'utf8');

  it('lists exactly the problem ids tagged in the data, in catalogue order', () => {
    expect(documentedIds(markdown)).toEqual(catalogue);
    expect([...documentedIds(markdown)].sort()).toEqual([...taggedIds(PROBLEM_TAG)].sort());
  });

  it('has the table the data generates (run with UPDATE_DEMO_DOCS=1 to refresh it)', () => {
    const start = markdown.indexOf(TABLE_START);
    const end = markdown.indexOf(TABLE_END) + TABLE_END.length;
    expect(markdown.slice(start, end)).toBe(renderProblemTable(resources));
  });

  it('reads a table row into its id', () => {
    expect(documentedIds(`${TABLE_START}\n| \`a-b\`<br>x | y |\n| c | d |\n${TABLE_END}`)).toEqual(['a-b']);
  });
});
