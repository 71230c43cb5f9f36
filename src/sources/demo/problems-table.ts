import type { Resource } from '../../model/index.js';
import { ACCOUNTS } from './accounts.js';
import { DEMO_PROBLEMS, PROBLEM_TAG, TWIN_TAG } from './problems.js';

/*
 * The problem table of docs/demo.md, generated from the catalogue and the tags on the resources so
 * the document cannot drift from the data. The test compares the document with this output
 * (`UPDATE_DEMO_DOCS=1 npx vitest run src/sources/demo` rewrites it).
 */

export const TABLE_START =
  '<!-- demo-problems:start (generated from src/sources/demo; do not edit by hand) -->';
export const TABLE_END = '<!-- demo-problems:end -->';

const accountNames = new Map(ACCOUNTS.map((a) => [a.id, a.name.replace(/^companya-/, '')]));

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function describe(resource: Resource): string {
  const type = resource.type.replace(/^AWS::/, '');
  const name = resource.name ?? resource.id;
  // Short physical ids help when searching the output; ARNs and long ids would only add noise.
  const id = resource.id !== name && resource.id.length <= 24 ? ` \`${resource.id}\`` : '';
  const where = `${accountNames.get(resource.account) ?? resource.account} ${resource.region}`;
  return `\`${cell(name)}\`${id} (${type}, ${where})`;
}

function tagged(resources: readonly Resource[], key: string, id: string): Resource[] {
  return resources.filter((r) => (r.tags[key] ?? '').split(' ').includes(id));
}

/** The Markdown table of every seeded problem: what, where it comes from, which resources, what to expect. */
export function renderProblemTable(resources: readonly Resource[]): string {
  const rows = DEMO_PROBLEMS.map((p) => {
    const problems = tagged(resources, PROBLEM_TAG, p.id).map(describe).join('<br>');
    const twins = tagged(resources, TWIN_TAG, p.id).map(describe).join('<br>');
    return `| \`${p.id}\`<br>${cell(p.title)} | ${p.category} | ${cell(p.scenario)} | ${problems} | ${twins} | ${cell(p.expect)} |`;
  });
  return [
    TABLE_START,
    '| Problem | Category | Scenario (seed document) | Resources with the problem | Compliant twins (no finding) | Expected finding or answer |',
    '|---|---|---|---|---|---|',
    ...rows,
    TABLE_END,
  ].join('\n');
}
