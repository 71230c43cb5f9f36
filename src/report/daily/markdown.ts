/**
 * `daily --md FILE`: the daily report as Markdown (GitHub-flavoured), for a wiki page, a ticket or
 * a pull-request comment. Same sections as the screen, with every finding grouped by rule under
 * its remediation. All text from the snapshot is escaped, so a resource name cannot inject
 * Markdown or raw HTML.
 */
import { CATEGORIES, SEVERITIES, type Finding } from '../../engine/index.js';
import { findingsByKey, type DailyAnswer, type DailyFinding } from '../../questions/daily.js';
import { gapLocation } from '../findings/summary.js';
import {
  BLAST_RULE,
  SEVERITY_SHORT,
  TOP_TEN_RULE,
  accountNames,
  changesHeadline,
  findingFlags,
  findingWhere,
  plural,
  resolvedCaveat,
  runLabel,
  shortTime,
} from './common.js';
import { anomalyLines, commitmentLine, usd } from './cost.js';
import type { DailyCost } from '../../questions/cost.js';

export interface DailyMarkdownOptions {
  /** Findings listed under "Findings by rule" before the rest are only counted (default 5,000). */
  maxFindings?: number;
  /** Coverage gaps listed one by one (default 200). */
  maxGaps?: number;
}

const CHANGE_ROWS = 50;

/** The report as Markdown, ending with a newline. */
export function renderDailyMarkdown(answer: DailyAnswer, options: DailyMarkdownOptions = {}): string {
  const byKey = findingsByKey(answer);
  const names = accountNames(answer);
  const out: string[] = [];
  const e = answer.evaluation;
  const s = answer.snapshot;

  out.push(`# Daily rounds — ${md(answer.source.spec)}`, '');
  out.push(
    `${md(runLabel(answer))} · started ${md(shortTime(answer.run.startedAt))} · scope \`${code(answer.source.scope)}\` · ` +
      `${md(answer.tool.name)} ${md(answer.tool.version)}`,
    '',
  );
  out.push(
    table(
      ['', ''],
      [
        ['Source', `${md(answer.source.kind)}, snapshot taken ${md(s.takenAt)}`],
        [
          'Resources',
          `${s.resources.toLocaleString('en-US')} in ${plural(s.accounts.length, 'account')}, ` +
            `${plural(s.regions.length, 'region')}, ${plural(s.types, 'type')}`,
        ],
        [
          'Checks',
          `${plural(e.checks, 'check')} of ${plural(e.rules, 'rule')} on ${e.resourcesEvaluated.toLocaleString('en-US')} resources`,
        ],
        ['Open findings', `${answer.totals.open.toLocaleString('en-US')} (${answer.changes.new.length} new)`],
        ['Suppressed', String(e.suppressed)],
        ['Undecided checks', String(e.byStatus.error)],
        [
          'Run',
          answer.run.status === 'incomplete'
            ? '**incomplete** — some resources may not have been read'
            : 'complete read',
        ],
      ],
    ),
  );

  out.push('## Health', '');
  if (answer.health.checks === 0) out.push('Not evaluated: no health check applies to what was read.', '');
  else if (answer.health.failing.length === 0)
    out.push(`No failing health check (${plural(answer.health.checks, 'check')}).`, '');
  else {
    for (const key of answer.health.failing) {
      const f = byKey.get(key);
      if (f) out.push(`- ${findingLine(f, names)}`);
    }
    out.push('');
  }

  if (answer.cost) out.push(...costMarkdown(answer.cost));

  out.push('## Open findings by category and severity', '');
  if (answer.totals.open === 0) {
    out.push(
      `None in ${plural(e.checks, 'check')}; see [Not evaluated](#not-evaluated) for what they did not cover.`,
      '',
    );
  } else {
    const rows = CATEGORIES.map((c) => {
      const cells = SEVERITIES.map((sev) => answer.totals.byCategory[c][sev]);
      return [c, ...cells.map(String), String(cells.reduce((a, b) => a + b, 0))];
    });
    rows.push([
      '**total**',
      ...SEVERITIES.map((sev) => String(answer.totals.bySeverity[sev])),
      `**${answer.totals.open}**`,
    ]);
    out.push(table(['category', ...SEVERITIES, 'total'], rows));
  }

  if (answer.topTen.length > 0) {
    out.push('## Ten things to fix today', '', `_${md(TOP_TEN_RULE)}_`, '');
    answer.topTen.forEach((key, i) => {
      const f = byKey.get(key);
      if (f) out.push(`${i + 1}. ${findingLine(f, names)}`);
    });
    out.push('');
  }

  if (answer.blastRadius.length > 0) {
    out.push('## Blast radius', '', `_${md(BLAST_RULE)}_`, '');
    out.push(
      table(
        ['score', 'severity', 'rule', 'resources', 'accounts', 'prod', 'internet', 'new'],
        answer.blastRadius.map((b) => [
          String(b.score),
          b.severity,
          `[\`${code(b.ruleId)}\`](#${anchor(b.ruleId)})`,
          String(b.resources),
          md(b.accounts.map((a) => names.get(a) ?? a).join(', ')),
          b.prod ? 'yes' : '',
          b.exposure ? 'yes' : '',
          b.new ? String(b.new) : '',
        ]),
      ),
    );
  }

  out.push('## Changes', '', md(changesHeadline(answer)), '');
  const caveat = resolvedCaveat(answer);
  if (caveat) out.push(`> ${md(caveat)}`, '');
  if (answer.changes.compared && answer.changes.previousRun) {
    const fresh = answer.changes.new.map((k) => byKey.get(k)).filter((f): f is DailyFinding => !!f);
    if (fresh.length > 0) {
      out.push('### New', '');
      out.push(findingTable(fresh.slice(0, CHANGE_ROWS), names));
      if (fresh.length > CHANGE_ROWS)
        out.push(`… and ${fresh.length - CHANGE_ROWS} more (see the JSON report).`, '');
    }
    const resolved = answer.changes.resolved;
    if (resolved.length > 0) {
      out.push('### Resolved', '');
      out.push(
        table(
          ['severity', 'rule', 'resource', 'where', 'reason (as last recorded)'],
          resolved
            .slice(0, CHANGE_ROWS)
            .map((r) => [
              md(r.severity),
              `\`${code(r.ruleId)}\``,
              md(r.resource.name ?? r.resource.id),
              md(`${names.get(r.resource.account) ?? r.resource.account} ${r.resource.region}`),
              md(r.reason),
            ]),
        ),
      );
      if (resolved.length > CHANGE_ROWS)
        out.push(`… and ${resolved.length - CHANGE_ROWS} more (see the JSON report).`, '');
    }
  }

  out.push(...coverageSection(answer, options.maxGaps ?? 200));
  out.push(...findingsByRule(answer, names, options.maxFindings ?? 5000));
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function coverageSection(answer: DailyAnswer, maxGaps: number): string[] {
  const cov = answer.coverage;
  const out: string[] = ['## Not evaluated', ''];
  if (cov.complete) {
    out.push('Nothing: no coverage gap, every check decided, every analysis ran.', '');
    return out;
  }
  out.push('What follows was **not** evaluated; no finding about it is not an all-clear.', '');
  if (cov.notRun.length > 0) {
    out.push('Analyses not in `daily` yet:', '');
    for (const n of cov.notRun) out.push(`- **${md(n.analysis)}** — ${md(n.reason)}`);
    out.push('');
  }
  if (cov.gaps.length > 0) {
    out.push(`Coverage gaps (${cov.gaps.length}):`, '');
    out.push(
      table(
        ['kind', 'where', 'what'],
        cov.gaps.slice(0, maxGaps).map((g) => [g.kind, md(gapLocation(g)), md(g.message)]),
      ),
    );
    if (cov.gaps.length > maxGaps)
      out.push(`… and ${cov.gaps.length - maxGaps} more (see the JSON report).`, '');
  }
  if (cov.errors.length > 0) {
    out.push('Checks that could not decide (status `error`):', '');
    out.push(
      table(
        ['rule', 'checks', 'example'],
        cov.errors.map((x) => [`\`${code(x.ruleId)}\``, String(x.count), md(x.example)]),
      ),
    );
  }
  if (cov.unevaluatedTypes.length > 0) {
    out.push(
      `Resource types no check looks at (${plural(cov.unevaluatedResources, 'resource')} of ${plural(cov.unevaluatedTypes.length, 'type')}):`,
      '',
    );
    out.push(
      table(
        ['type', 'resources'],
        cov.unevaluatedTypes.map((t) => [md(t.type), String(t.resources)]),
      ),
    );
  }
  const stale = answer.evaluation.unusedSuppressions;
  if (stale.length > 0) {
    out.push('Suppressions that matched no failing finding:', '');
    out.push(
      table(
        ['rule', 'resource', 'expires', 'where', 'reason'],
        stale.map((x) => [
          md(x.rule),
          md(x.resource),
          md(x.expires),
          md(x.file ? `${x.file}${x.line ? `:${x.line}` : ''}` : ''),
          md(x.reason),
        ]),
      ),
    );
  }
  return out;
}

function findingsByRule(answer: DailyAnswer, names: ReadonlyMap<string, string>, max: number): string[] {
  const out: string[] = ['## Findings by rule', ''];
  if (answer.findings.length === 0) {
    out.push('No failing or undecided finding.', '');
    return out;
  }
  const groups = new Map<string, DailyFinding[]>();
  for (const f of answer.findings) {
    const list = groups.get(f.ruleId);
    if (list) list.push(f);
    else groups.set(f.ruleId, [f]);
  }
  let shown = 0;
  for (const [ruleId, list] of groups) {
    if (shown >= max) break;
    const first = list[0]!;
    const tally = [
      [list.filter((f) => f.status === 'fail' && !f.suppressed).length, 'open'],
      [list.filter((f) => f.suppressed).length, 'suppressed'],
      [list.filter((f) => f.status === 'error').length, 'undecided'],
    ] as const;
    const counts = tally
      .filter(([n]) => n > 0)
      .map(([n, what]) => `${n} ${what}`)
      .join(', ');
    out.push(`<a id="${anchor(ruleId)}"></a>`, '', `### \`${code(ruleId)}\` — ${md(first.title)}`, '');
    const controls = first.controls.length
      ? ` · controls ${first.controls.map((c) => `\`${code(c)}\``).join(', ')}`
      : '';
    out.push(`**${first.severity}** · ${first.category} · ${counts}${controls}`, '');
    out.push(...remediation(first));
    const rows = list.slice(0, max - shown);
    shown += rows.length;
    out.push(findingTable(rows, names));
  }
  if (answer.findings.length > shown) {
    out.push(`… and ${answer.findings.length - shown} more findings (see the JSON report).`, '');
  }
  return out;
}

function remediation(f: Finding): string[] {
  const r = f.remediation;
  const out: string[] = [`**Remediation.** ${md(r.text)}`, ''];
  if (r.cli) out.push('AWS CLI:', '', ...fenced(r.cli, 'sh'), '');
  if (r.cloudformation) out.push('CloudFormation:', '', ...fenced(r.cloudformation, 'yaml'), '');
  if (r.terraform) out.push('Terraform:', '', ...fenced(r.terraform, 'hcl'), '');
  return out;
}

function findingTable(list: readonly DailyFinding[], names: ReadonlyMap<string, string>): string {
  return table(
    ['status', 'resource', 'where', 'reason', 'flags'],
    list.map((f) => [
      f.suppressed ? `suppressed until ${md(f.suppressed.expires)}` : f.status,
      md(f.resource.name ? `${f.resource.id} (${f.resource.name})` : f.resource.id),
      md(findingWhere(f, names)),
      md(f.reason) + (f.suppressed ? ` — _suppressed: ${md(f.suppressed.reason)}_` : ''),
      findingFlags(f).join(', '),
    ]),
  );
}

function findingLine(f: DailyFinding, names: ReadonlyMap<string, string>): string {
  const flags = findingFlags(f);
  return (
    `**${SEVERITY_SHORT[f.severity]}** ${md(f.reason)} — [\`${code(f.ruleId)}\`](#${anchor(f.ruleId)}) · ${md(findingWhere(f, names))}` +
    (flags.length ? ` · _${flags.join(', ')}_` : '')
  );
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

/**
 * Text from the snapshot made inert: the punctuation that can start emphasis, code, links, raw
 * HTML, entities, strike-through or a table cell is backslash-escaped (CommonMark treats `\<` as a
 * literal `<`, so no raw HTML gets through), and line breaks become spaces so a table cell stays
 * one cell. https://spec.commonmark.org/0.31.2/#backslash-escapes
 */
export function md(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|&~]/g, '\\$&');
}

/** Text inside an inline code span: backticks cannot be escaped there, so they are replaced. */
function code(text: string): string {
  return text.replace(/`/g, "'").replace(/\s+/g, ' ');
}

/** The anchor of a rule's section; rule ids are kebab-case, anything else is dropped. */
function anchor(ruleId: string): string {
  return `rule-${ruleId.replace(/[^A-Za-z0-9-]/g, '')}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fenced(text: string, lang: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${lang}`, text.replace(/\s+$/, ''), fence];
}

/** The Cost section: priced waste with the monthly total, anomalies, commitment advice. */
function costMarkdown(cost: DailyCost): string[] {
  const w = cost.waste;
  const out = [
    '## Cost',
    '',
    `Waste: **${usd(w.monthlyTotal, w.currency)} a month** (730 h) in ${plural(w.priced, 'priced item')}` +
      (w.unpriced ? `, ${w.unpriced} not priced` : '') +
      `; public on-demand prices of ${cost.prices.priceDate} (${cost.prices.provenance.join(', ')}).`,
    '',
  ];
  const priced = w.items.filter((i) => i.monthly !== null);
  if (priced.length > 0) {
    out.push('| $/month | action | resource | rule | how | prices |', '|---:|---|---|---|---|---|');
    for (const i of priced) {
      out.push(
        `| ${usd(i.monthly!, i.currency)}${i.overlaps ? ' (counted once)' : ''} | ${i.kind} | ${md(i.resource.name ?? i.resource.id)} (${md(i.resource.type)}, ${i.resource.account} ${i.resource.region}) | \`${i.ruleId}\` | ${md(i.basis)}${i.note ? ` — ${md(i.note)}` : ''} | ${i.priceRegion ?? ''} ${i.priceDate ?? ''} |`,
      );
    }
    out.push('');
  }
  if (cost.spend) {
    out.push('### Spend anomalies', '', ...anomalyLines(cost.spend).map((l) => `- ${md(l.trim())}`), '');
    out.push(
      '### Savings Plans and Reserved Instances',
      '',
      ...[cost.spend.savingsPlan, ...cost.spend.reservedInstances].map(
        (c) => `- ${md(commitmentLine(c).trim())}`,
      ),
      '',
    );
  }
  return out;
}
