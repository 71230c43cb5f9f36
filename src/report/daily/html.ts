/**
 * `daily --html FILE`: the daily report as ONE self-contained HTML file. No network and no external
 * asset: the CSS, the script and the charts (hand-made SVG) are inline, and a Content Security
 * Policy allows exactly that inline CSS and script (by hash) and nothing else, so the file is
 * safe to open from a mail or an artefact store. Every text from the snapshot is escaped.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../engine/index.js';
import { findingsByKey, type DailyAnswer, type DailyFinding } from '../../questions/daily.js';
import { truncate } from '../findings/identity.js';
import { gapLocation } from '../findings/summary.js';
import { costSectionHtml } from './cost-html.js';
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

export interface DailyHtmlOptions {
  /** Rows of the findings table; the rest are counted and left to the JSON report (default 5,000). */
  maxFindings?: number;
  /** Accounts (rows) of the heatmap; the others are summed in one row (default 20). */
  maxHeatmapAccounts?: number;
}

const COLOR: Readonly<Record<Severity, string>> = {
  critical: '#8e1b1b',
  high: '#d9480f',
  medium: '#e8a317',
  low: '#1971c2',
  info: '#748194',
};

const CSS = `
:root { color-scheme: light; --fg: #1d2430; --muted: #5b6676; --line: #d9dee5; --bg: #f6f7f9; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid var(--line); background: var(--card); max-width: none; }
header > div { max-width: 1152px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.muted, .note { color: var(--muted); }
.note { font-size: 13px; margin: 0 0 8px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 12px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 120px; }
.card b { display: block; font-size: 20px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
.chart { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; }
.chart h3 { margin-top: 0; }
svg text { font: 12px system-ui, sans-serif; fill: var(--fg); }
svg [data-filter] { cursor: pointer; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f0f2f5; border: 1px solid var(--line); border-radius: 4px; padding: 8px; overflow-x: auto; white-space: pre; }
details summary { cursor: pointer; }
.sev { display: inline-block; min-width: 44px; text-align: center; border-radius: 3px; color: #fff; font-size: 11px; font-weight: 700; padding: 1px 4px; }
.sev-critical { background: ${COLOR.critical}; } .sev-high { background: ${COLOR.high}; }
.sev-medium { background: ${COLOR.medium}; color: #1d2430; } .sev-low { background: ${COLOR.low}; } .sev-info { background: ${COLOR.info}; }
.flag { display: inline-block; border: 1px solid var(--line); border-radius: 3px; font-size: 11px; padding: 0 4px; margin-left: 4px; color: var(--muted); }
.warn { background: #fff4e0; border: 1px solid #f0c36d; border-radius: 6px; padding: 8px 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.filters select, .filters input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; }
.filters input { min-width: 260px; }
ol.top li { margin-bottom: 4px; }
ul.plain { padding-left: 18px; }
`;

const SCRIPT = `
(function () {
  var table = document.getElementById('findings');
  if (!table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var ids = ['severity', 'category', 'account', 'state', 'text'];
  var controls = ids.map(function (id) { return document.getElementById('f-' + id); });
  var count = document.getElementById('f-count');
  function apply() {
    var v = controls.map(function (c) { return c.value; });
    var needle = v[4].trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var d = r.dataset;
      var ok = (!v[0] || d.severity === v[0]) && (!v[1] || d.category === v[1]) &&
        (!v[2] || d.account === v[2]) && (!v[3] || d.state === v[3]) &&
        (!needle || d.text.indexOf(needle) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' shown';
  }
  controls.forEach(function (c) { c.addEventListener('input', apply); });
  document.getElementById('f-reset').addEventListener('click', function () {
    controls.forEach(function (c) { c.value = ''; });
    apply();
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'), function (el) {
    el.addEventListener('click', function () {
      var wanted = JSON.parse(el.getAttribute('data-filter'));
      controls.forEach(function (c, i) { c.value = wanted[ids[i]] || ''; });
      apply();
      table.scrollIntoView();
    });
  });
  apply();
})();
`;

/** `sha256-…` of an inline block, as a CSP source expression. https://www.w3.org/TR/CSP3/#grammardef-hash-source */
function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy: nothing may load (`default-src 'none'`), only the inline style and script whose
 * hashes are listed run, no base URL and no form target. Charts are inline SVG, so no image
 * source is needed. https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy
 */
export const DAILY_HTML_CSP = [
  "default-src 'none'",
  `style-src ${cspHash(CSS)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The report as one HTML document. */
export function renderDailyHtml(answer: DailyAnswer, options: DailyHtmlOptions = {}): string {
  const byKey = findingsByKey(answer);
  const names = accountNames(answer);
  const e = answer.evaluation;
  const s = answer.snapshot;
  const title = `Daily rounds — ${answer.source.spec} — ${runLabel(answer)}`;
  const body: string[] = [];

  body.push(`<header><div><h1>${h(title)}</h1>`);
  body.push(
    `<p class="muted">Started ${h(shortTime(answer.run.startedAt))} · scope <code>${h(answer.source.scope)}</code> · ` +
      `${h(answer.source.kind)} snapshot taken ${h(s.takenAt)} · ${h(answer.tool.name)} ${h(answer.tool.version)}</p>`,
  );
  body.push('<div class="cards">');
  const card = (label: string, value: string, note = '') =>
    body.push(
      `<div class="card">${h(label)}<b>${h(value)}</b>${note ? `<span class="muted">${h(note)}</span>` : ''}</div>`,
    );
  card(
    'Resources',
    s.resources.toLocaleString('en-US'),
    `${plural(s.accounts.length, 'account')}, ${plural(s.regions.length, 'region')}`,
  );
  card('Checks', e.checks.toLocaleString('en-US'), `${plural(e.rules, 'rule')}`);
  card('Open findings', answer.totals.open.toLocaleString('en-US'));
  card('New', answer.changes.compared ? String(answer.changes.new.length) : '—');
  card('Resolved', answer.changes.compared ? String(answer.changes.resolved.length) : '—');
  card('Suppressed', String(e.suppressed));
  card('Undecided', String(e.byStatus.error));
  card(
    'Coverage',
    answer.coverage.complete ? 'complete' : 'partial',
    answer.coverage.complete ? '' : 'see Not evaluated',
  );
  body.push('</div></div></header><main>');
  if (answer.run.status === 'incomplete') {
    body.push(
      '<p class="warn">This read is <b>incomplete</b>: some resources may not have been read (see Not evaluated).</p>',
    );
  }

  // Health first.
  body.push('<h2 id="health">Health</h2>');
  if (answer.health.checks === 0)
    body.push('<p>Not evaluated: no health check applies to what was read.</p>');
  else if (answer.health.failing.length === 0)
    body.push(`<p>No failing health check (${h(plural(answer.health.checks, 'check'))}).</p>`);
  else
    body.push(`<ul class="plain">${answer.health.failing.map((k) => li(byKey.get(k), names)).join('')}</ul>`);

  // Cost: priced waste, spend anomalies with their chart, commitments.
  if (answer.cost) body.push(costSectionHtml(answer.cost, h));

  // Charts.
  body.push('<h2 id="charts">Open findings</h2><div class="charts">');
  body.push(chart('By severity', severityChart(answer)));
  body.push(chart('By category', categoryChart(answer)));
  body.push(chart('Account × category', heatmap(answer, names, options.maxHeatmapAccounts ?? 20)));
  if (answer.trend.length >= 2) body.push(chart('Open findings per run', trendChart(answer)));
  body.push('</div>');

  if (answer.topTen.length > 0) {
    body.push(`<h2 id="today">Ten things to fix today</h2><p class="note">${h(TOP_TEN_RULE)}</p>`);
    body.push(`<ol class="top">${answer.topTen.map((k) => li(byKey.get(k), names)).join('')}</ol>`);
  }

  if (answer.blastRadius.length > 0) {
    body.push(`<h2 id="blast">Blast radius</h2><p class="note">${h(BLAST_RULE)}</p>`);
    body.push(
      table(
        ['score', 'severity', 'rule', 'resources', 'accounts', 'prod', 'internet', 'new'],
        answer.blastRadius.map((b) => [
          num(b.score),
          sev(b.severity),
          `<code>${h(b.ruleId)}</code> <span class="muted">${h(b.title)}</span>`,
          num(b.resources),
          h(b.accounts.map((a) => names.get(a) ?? a).join(', ')),
          b.prod ? 'yes' : '',
          b.exposure ? 'yes' : '',
          b.new ? num(b.new) : '',
        ]),
        [0, 3, 7],
      ),
    );
  }

  body.push(`<h2 id="changes">Changes</h2><p>${h(changesHeadline(answer))}</p>`);
  const caveat = resolvedCaveat(answer);
  if (caveat) body.push(`<p class="warn">${h(caveat)}</p>`);
  if (answer.changes.compared && answer.changes.previousRun) {
    const fresh = answer.changes.new.map((k) => byKey.get(k)).filter((f): f is DailyFinding => !!f);
    if (fresh.length > 0) {
      body.push(
        `<h3>New (${fresh.length})</h3><ul class="plain">${fresh
          .slice(0, 100)
          .map((f) => li(f, names))
          .join('')}</ul>`,
      );
      if (fresh.length > 100)
        body.push(`<p class="note">… and ${fresh.length - 100} more in the findings table.</p>`);
    }
    const resolved = answer.changes.resolved;
    if (resolved.length > 0) {
      body.push(`<h3>Resolved (${resolved.length})</h3>`);
      body.push(
        table(
          ['severity', 'rule', 'resource', 'where', 'reason (as last recorded)'],
          resolved
            .slice(0, 500)
            .map((r) => [
              (SEVERITIES as readonly string[]).includes(r.severity)
                ? sev(r.severity as Severity)
                : h(r.severity),
              `<code>${h(r.ruleId)}</code>`,
              h(r.resource.name ?? r.resource.id),
              h(`${names.get(r.resource.account) ?? r.resource.account} ${r.resource.region}`),
              h(r.reason),
            ]),
        ),
      );
      if (resolved.length > 500)
        body.push(`<p class="note">… and ${resolved.length - 500} more in the JSON report.</p>`);
    }
  }

  body.push(coverageSection(answer));
  body.push(findingsTable(answer, names, options.maxFindings ?? 5000));
  body.push('</main>');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(DAILY_HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function coverageSection(answer: DailyAnswer): string {
  const cov = answer.coverage;
  const out: string[] = ['<h2 id="not-evaluated">Not evaluated</h2>'];
  if (cov.complete) {
    out.push('<p>Nothing: no coverage gap, every check decided, every analysis ran.</p>');
    return out.join('\n');
  }
  out.push('<p>What follows was <b>not</b> evaluated: no finding about it is not an all-clear.</p>');
  if (cov.notRun.length > 0) {
    out.push(
      `<h3>Analyses not in daily yet</h3><ul class="plain">${cov.notRun
        .map((n) => `<li><b>${h(n.analysis)}</b> — ${h(n.reason)}</li>`)
        .join('')}</ul>`,
    );
  }
  if (cov.gaps.length > 0) {
    out.push(`<h3>Coverage gaps (${cov.gaps.length})</h3>`);
    out.push(
      table(
        ['kind', 'where', 'what'],
        cov.gaps.slice(0, 1000).map((g) => [h(g.kind), h(gapLocation(g)), h(g.message)]),
      ),
    );
    if (cov.gaps.length > 1000)
      out.push(`<p class="note">… and ${cov.gaps.length - 1000} more in the JSON report.</p>`);
  }
  if (cov.errors.length > 0) {
    out.push('<h3>Checks that could not decide</h3>');
    out.push(
      table(
        ['rule', 'checks', 'example'],
        cov.errors.map((x) => [`<code>${h(x.ruleId)}</code>`, num(x.count), h(x.example)]),
        [1],
      ),
    );
  }
  if (cov.unevaluatedTypes.length > 0) {
    out.push(
      `<h3>Resource types no check looks at (${h(plural(cov.unevaluatedResources, 'resource'))})</h3>` +
        `<details><summary>${h(plural(cov.unevaluatedTypes.length, 'type'))}</summary>` +
        table(
          ['type', 'resources'],
          cov.unevaluatedTypes.map((t) => [h(t.type), num(t.resources)]),
          [1],
        ) +
        '</details>',
    );
  }
  const stale = answer.evaluation.unusedSuppressions;
  if (stale.length > 0) {
    out.push('<h3>Suppressions that matched no failing finding</h3>');
    out.push(
      table(
        ['rule', 'resource', 'expires', 'where', 'reason'],
        stale.map((x) => [
          h(x.rule),
          h(x.resource),
          h(x.expires),
          h(x.file ? `${x.file}${x.line ? `:${x.line}` : ''}` : ''),
          h(x.reason),
        ]),
      ),
    );
  }
  return out.join('\n');
}

function findingsTable(answer: DailyAnswer, names: ReadonlyMap<string, string>, max: number): string {
  const out: string[] = [
    `<h2 id="all-findings">All findings (${answer.findings.length.toLocaleString('en-US')})</h2>`,
  ];
  if (answer.findings.length === 0) {
    out.push('<p>No failing or undecided finding.</p>');
    return out.join('\n');
  }
  const accounts = [...new Set(answer.findings.map((f) => f.resource.account))].sort();
  const select = (id: string, label: string, values: ReadonlyArray<readonly [string, string]>) =>
    `<label>${h(label)} <select id="f-${id}"><option value="">all</option>${values
      .map(([v, text]) => `<option value="${h(v)}">${h(text)}</option>`)
      .join('')}</select></label>`;
  out.push(
    '<div class="filters">' +
      select(
        'severity',
        'Severity',
        SEVERITIES.map((x) => [x, x]),
      ) +
      select(
        'category',
        'Category',
        CATEGORIES.map((x) => [x, x]),
      ) +
      select(
        'account',
        'Account',
        accounts.map((a) => [a, names.get(a) && names.get(a) !== a ? `${names.get(a)} (${a})` : a]),
      ) +
      select('state', 'State', [
        ['open', 'open'],
        ['suppressed', 'suppressed'],
        ['error', 'undecided'],
      ]) +
      '<label>Text <input id="f-text" type="search" placeholder="rule, resource or reason"></label>' +
      '<button id="f-reset" type="button">Reset</button> <span id="f-count" class="muted"></span></div>',
  );
  const rows = answer.findings.slice(0, max).map((f) => {
    const state = f.status === 'error' ? 'error' : f.suppressed ? 'suppressed' : 'open';
    const text = [
      f.ruleId,
      f.title,
      f.reason,
      f.resource.id,
      f.resource.name ?? '',
      f.resource.type,
      f.resource.arn ?? '',
    ]
      .join(' ')
      .toLowerCase();
    const flags = findingFlags(f)
      .map((x) => `<span class="flag">${h(x)}</span>`)
      .join('');
    const stateNote =
      state === 'suppressed'
        ? `<span class="flag">suppressed until ${h(f.suppressed!.expires)}</span>`
        : state === 'error'
          ? '<span class="flag">undecided</span>'
          : '';
    return (
      `<tr data-severity="${h(f.severity)}" data-category="${h(f.category)}" data-account="${h(f.resource.account)}" ` +
      `data-state="${state}" data-text="${h(text)}">` +
      `<td>${sev(f.severity)}</td><td>${h(f.category)}</td><td><code>${h(f.ruleId)}</code></td>` +
      `<td>${h(f.resource.id)}${f.resource.name && f.resource.name !== f.resource.id ? ` <span class="muted">(${h(f.resource.name)})</span>` : ''}` +
      `<br><span class="muted">${h(f.resource.type)}</span></td>` +
      `<td>${h(findingWhere(f, names))}</td>` +
      `<td><details><summary>${h(f.reason)}${flags}${stateNote}</summary>${details(f)}</details></td></tr>`
    );
  });
  out.push(
    `<table id="findings"><thead><tr><th>severity</th><th>category</th><th>rule</th><th>resource</th><th>where</th><th>reason and remediation</th></tr></thead><tbody>`,
    rows.join('\n'),
    '</tbody></table>',
  );
  if (answer.findings.length > max) {
    out.push(
      `<p class="note">The table holds the first ${max.toLocaleString('en-US')}; all ${answer.findings.length.toLocaleString('en-US')} are in the JSON report.</p>`,
    );
  }
  return out.join('\n');
}

function details(f: DailyFinding): string {
  const r = f.remediation;
  const parts = [`<p><b>${h(f.title)}</b></p>`, `<p>${h(r.text)}</p>`];
  if (f.controls.length)
    parts.push(`<p class="muted">Controls: ${f.controls.map((c) => `<code>${h(c)}</code>`).join(', ')}</p>`);
  if (f.suppressed)
    parts.push(
      `<p class="muted">Suppressed: ${h(f.suppressed.reason)} (until ${h(f.suppressed.expires)})</p>`,
    );
  if (f.suppressionExpired) {
    parts.push(
      `<p class="muted">Suppression expired ${h(f.suppressionExpired.expires)}: ${h(f.suppressionExpired.reason)}</p>`,
    );
  }
  if (r.cli) parts.push(`<p>AWS CLI</p><pre><code>${h(r.cli)}</code></pre>`);
  if (r.cloudformation) parts.push(`<p>CloudFormation</p><pre><code>${h(r.cloudformation)}</code></pre>`);
  if (r.terraform) parts.push(`<p>Terraform</p><pre><code>${h(r.terraform)}</code></pre>`);
  return parts.join('');
}

function li(f: DailyFinding | undefined, names: ReadonlyMap<string, string>): string {
  if (!f) return '';
  const flags = findingFlags(f)
    .map((x) => `<span class="flag">${h(x)}</span>`)
    .join('');
  return `<li>${sev(f.severity)} ${h(f.reason)} <span class="muted">— <code>${h(f.ruleId)}</code> · ${h(findingWhere(f, names))}</span>${flags}</li>`;
}

// ---------------------------------------------------------------------------------------------
// Charts: inline SVG drawn here, with presentation attributes only (no style attributes, which
// the policy would block). Bars and cells carry `data-filter` to filter the findings table.
// ---------------------------------------------------------------------------------------------

function chart(title: string, svg: string): string {
  return `<div class="chart"><h3>${h(title)}</h3>${svg}</div>`;
}

function severityChart(answer: DailyAnswer): string {
  const rowH = 26;
  const labelW = 70;
  const barW = 220;
  const max = Math.max(1, ...SEVERITIES.map((s) => answer.totals.bySeverity[s]));
  const rows = SEVERITIES.map((s, i) => {
    const n = answer.totals.bySeverity[s];
    const w = Math.round((n / max) * barW);
    const y = i * rowH;
    return (
      `<g data-filter="${h(JSON.stringify({ severity: s, state: 'open' }))}"><title>${h(`${n} open ${s}`)}</title>` +
      `<text x="0" y="${y + 17}">${h(s)}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${Math.max(w, n > 0 ? 2 : 0)}" height="${rowH - 8}" fill="${COLOR[s]}" rx="2"></rect>` +
      `<text x="${labelW + w + 6}" y="${y + 17}">${n}</text></g>`
    );
  });
  return svg(labelW + barW + 50, SEVERITIES.length * rowH, 'Open findings by severity', rows.join(''));
}

function categoryChart(answer: DailyAnswer): string {
  const rowH = 26;
  const labelW = 90;
  const barW = 200;
  const totals = CATEGORIES.map((c) => SEVERITIES.reduce((n, s) => n + answer.totals.byCategory[c][s], 0));
  const max = Math.max(1, ...totals);
  const rows = CATEGORIES.map((c, i) => {
    const y = i * rowH;
    let x = labelW;
    const segments = SEVERITIES.map((s) => {
      const n = answer.totals.byCategory[c][s];
      if (n === 0) return '';
      const w = Math.max(2, Math.round((n / max) * barW));
      const seg =
        `<rect x="${x}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="${COLOR[s]}"` +
        ` data-filter="${h(JSON.stringify({ category: c, severity: s, state: 'open' }))}"><title>${h(`${n} open ${s} ${c}`)}</title></rect>`;
      x += w;
      return seg;
    }).join('');
    return (
      `<g><text x="0" y="${y + 17}">${h(c)}</text>${segments}` +
      `<text x="${x + 6}" y="${y + 17}">${totals[i]}</text></g>`
    );
  });
  return svg(
    labelW + barW + 60,
    CATEGORIES.length * rowH,
    'Open findings by category and severity',
    rows.join(''),
  );
}

function heatmap(answer: DailyAnswer, names: ReadonlyMap<string, string>, maxAccounts: number): string {
  const cells = new Map<string, number>();
  const perAccount = new Map<string, number>();
  for (const c of answer.totals.byAccountCategory) {
    cells.set(`${c.account}\u001f${c.category}`, c.open);
    perAccount.set(c.account, (perAccount.get(c.account) ?? 0) + c.open);
  }
  const ranked = [...perAccount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([a]) => a);
  if (ranked.length === 0) return '<p class="muted">No open findings.</p>';
  const shown = ranked.slice(0, maxAccounts);
  const others = ranked.slice(maxAccounts);
  const rows: Array<{ label: string; account?: string; values: number[] }> = shown.map((a) => ({
    label: names.get(a) ?? a,
    account: a,
    values: CATEGORIES.map((c) => cells.get(`${a}\u001f${c}`) ?? 0),
  }));
  if (others.length > 0) {
    rows.push({
      label: `${others.length} other accounts`,
      values: CATEGORIES.map((c) => others.reduce((n, a) => n + (cells.get(`${a}\u001f${c}`) ?? 0), 0)),
    });
  }
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const labelW = 170;
  const cellW = 64;
  const cellH = 24;
  const top = 22;
  const head = CATEGORIES.map(
    (c: Category, j) =>
      `<text x="${labelW + j * cellW + cellW / 2}" y="14" text-anchor="middle">${h(c)}</text>`,
  ).join('');
  const body = rows
    .map((r, i) => {
      const y = top + i * cellH;
      const label = `<text x="0" y="${y + 16}"><title>${h(r.account ?? r.label)}</title>${h(truncate(r.label, 24))}</text>`;
      const tiles = r.values
        .map((n, j) => {
          const x = labelW + j * cellW;
          const opacity = n === 0 ? 0.06 : 0.2 + 0.8 * (n / max);
          const filter = r.account
            ? ` data-filter="${h(JSON.stringify({ account: r.account, category: CATEGORIES[j], state: 'open' }))}"`
            : '';
          return (
            `<g${filter}><title>${h(`${r.label} · ${CATEGORIES[j]}: ${n} open`)}</title>` +
            `<rect x="${x + 1}" y="${y + 1}" width="${cellW - 2}" height="${cellH - 2}" fill="#c2410c" fill-opacity="${opacity.toFixed(2)}" rx="2"></rect>` +
            `<text x="${x + cellW / 2}" y="${y + 16}" text-anchor="middle">${n || ''}</text></g>`
          );
        })
        .join('');
      return label + tiles;
    })
    .join('');
  return svg(
    labelW + CATEGORIES.length * cellW,
    top + rows.length * cellH,
    'Open findings per account and category',
    head + body,
  );
}

function trendChart(answer: DailyAnswer): string {
  const points = answer.trend;
  const w = 320;
  const hgt = 120;
  const pad = 24;
  const max = Math.max(1, ...points.map((p) => p.open));
  const x = (i: number) => pad + (i * (w - 2 * pad)) / Math.max(1, points.length - 1);
  const y = (n: number) => hgt - pad - (n / max) * (hgt - 2 * pad);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.open).toFixed(1)}`).join(' ');
  const dots = points
    .map(
      (p, i) =>
        `<circle cx="${x(i).toFixed(1)}" cy="${y(p.open).toFixed(1)}" r="3" fill="#1971c2"><title>${h(`run #${p.runId} (${shortTime(p.startedAt)}): ${p.open} open`)}</title></circle>`,
    )
    .join('');
  const last = points[points.length - 1]!;
  return svg(
    w,
    hgt,
    'Open findings per run',
    `<line x1="${pad}" y1="${hgt - pad}" x2="${w - pad}" y2="${hgt - pad}" stroke="#d9dee5"></line>` +
      `<polyline points="${line}" fill="none" stroke="#1971c2" stroke-width="2"></polyline>${dots}` +
      `<text x="${pad}" y="${hgt - 6}">run #${points[0]!.runId}</text>` +
      `<text x="${w - pad}" y="${hgt - 6}" text-anchor="end">run #${last.runId}: ${last.open}</text>` +
      `<text x="${pad}" y="14">max ${max}</text>`,
  );
}

function svg(width: number, height: number, label: string, content: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${content}</svg>`;
}

function table(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  numeric: readonly number[] = [],
): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  return (
    `<table><thead><tr>${head.map((x, i) => `<th${cls(i)}>${h(x)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

function sev(s: Severity): string {
  return `<span class="sev sev-${s}">${SEVERITY_SHORT[s]}</span>`;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** Escapes text for HTML element content and quoted attribute values. */
export function h(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
