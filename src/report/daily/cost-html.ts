/**
 * The Cost section of the daily HTML report: priced waste with its monthly total, spend anomalies
 * with a chart of the anomalous service's daily spend against its seasonal baseline, and the
 * commitment advice. Self-contained: inline SVG with presentation attributes (no style
 * attributes, which the report's content security policy does not allow), no network.
 */
import type { SpendSeries } from '../../cost/index.js';
import type { DailyCost } from '../../questions/cost.js';
import { commitmentLine, usd } from './cost.js';

export function costSectionHtml(cost: DailyCost, h: (text: string) => string): string {
  const out: string[] = [];
  const w = cost.waste;
  out.push('<h2 id="cost">Cost</h2>');
  out.push(
    `<p>Waste: <b>${h(usd(w.monthlyTotal, w.currency))} a month</b> (730 h) in ${w.priced} priced item(s)` +
      (w.unpriced ? `, ${w.unpriced} not priced` : '') +
      `. Public on-demand prices of ${h(cost.prices.priceDate)} (${h(cost.prices.provenance.join(', '))}; see docs/cost.md).</p>`,
  );
  const priced = w.items.filter((i) => i.monthly !== null);
  if (priced.length > 0) {
    out.push(
      '<table><thead><tr><th>$/month</th><th>Action</th><th>Resource</th><th>Rule</th><th>How</th><th>Prices</th></tr></thead><tbody>',
    );
    for (const i of priced) {
      out.push(
        `<tr><td>${h(usd(i.monthly!, i.currency))}${i.overlaps ? ' <span class="flag">counted once</span>' : ''}</td>` +
          `<td>${i.kind === 'remove' ? 'remove' : 'save'}</td>` +
          `<td>${h(i.resource.name ?? i.resource.id)}<br><span class="muted">${h(i.resource.type)} · ${h(i.resource.account)} ${h(i.resource.region)}</span></td>` +
          `<td><code>${h(i.ruleId)}</code></td><td>${h(i.basis)}${i.note ? `<br><span class="muted">${h(i.note)}</span>` : ''}</td>` +
          `<td>${h(i.priceRegion ?? '')} · ${h(i.priceDate ?? '')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  const unpriced = w.items.filter((i) => i.monthly === null);
  if (unpriced.length > 0) {
    const byRule = new Map<string, { n: number; note: string }>();
    for (const i of unpriced) {
      const e = byRule.get(i.ruleId) ?? { n: 0, note: i.note ?? '' };
      e.n++;
      byRule.set(i.ruleId, e);
    }
    out.push(
      `<p class="note">Not priced: ${[...byRule].map(([r, { n, note }]) => `<code>${h(r)}</code> ×${n} (${h(note)})`).join('; ')}.</p>`,
    );
  }
  const s = cost.spend;
  out.push('<h3 id="cost-anomalies">Spend anomalies</h3>');
  if (!s) {
    out.push(
      '<p>No CUR: run with <code>--cur PATH</code> (a CUR 2.0 export) for anomalies and commitment advice.</p>',
    );
    return out.join('');
  }
  out.push(
    `<p class="muted">${h(s.source)}: ${s.lineItems.toLocaleString('en-US')} line items, ${h(s.from ?? '')} … ${h(s.to ?? '')}. ` +
      `Baseline: median of the same weekday over ${s.anomalies.params.weeks} weeks; flagged above ${s.anomalies.params.k} robust deviations, ` +
      `${h(usd(s.anomalies.params.minDollars))} and ${s.anomalies.params.minPercent} %.</p>`,
  );
  if (s.anomalies.anomalies.length === 0) out.push('<p>No anomaly in the last days.</p>');
  else {
    out.push('<ul class="plain">');
    for (const a of s.anomalies.anomalies) {
      out.push(
        `<li><b>${h(a.day)}</b> ${h(a.service)} in ${h(a.account)}: ${h(usd(a.actual))} against ${h(usd(a.expected))} expected ` +
          `(<b>+${h(usd(a.impact))}</b>${a.impactPercent !== null ? `, +${a.impactPercent} %` : ''}), driven by <code>${h(a.drivingUsageType)}</code> (+${h(usd(a.drivingImpact))})</li>`,
      );
    }
    out.push('</ul><div class="charts">');
    for (const series of s.anomalies.series.slice(0, 4)) {
      const flagged = new Set(
        s.anomalies.anomalies
          .filter((a) => a.account === series.account && a.service === series.service)
          .map((a) => a.day),
      );
      out.push(
        `<div class="chart"><h3>${h(`${series.service} · ${series.account}`)}</h3>${spendChart(series, flagged, h)}</div>`,
      );
    }
    out.push('</div>');
  }
  out.push('<h3 id="cost-commitments">Savings Plans and Reserved Instances</h3>');
  out.push(
    `<p class="muted">Assumed discounts over on-demand: Savings Plan ${s.assumptions.savingsPlanDiscountPercent} %, ` +
      `Reserved Instances ${s.assumptions.reservedInstanceDiscountPercent} % (replace with the rates quoted for your plan).</p><ul class="plain">`,
  );
  for (const c of [s.savingsPlan, ...s.reservedInstances])
    out.push(`<li>${h(commitmentLine(c).trim())}</li>`);
  out.push('</ul>');
  return out.join('');
}

/** Daily spend (bars) against the seasonal baseline (line); anomalous days in red. */
function spendChart(series: SpendSeries, flagged: ReadonlySet<string>, h: (t: string) => string): string {
  const width = 560;
  const height = 160;
  const pad = 28;
  const n = series.days.length;
  const max = Math.max(1, ...series.actual, ...series.expected.map((e) => e ?? 0));
  const bw = (width - 2 * pad) / Math.max(1, n);
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const bars = series.actual
    .map((v, i) => {
      const day = series.days[i]!;
      const bad = flagged.has(day);
      return `<rect x="${(pad + i * bw).toFixed(1)}" y="${y(v).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${(height - pad - y(v)).toFixed(1)}" fill="${bad ? '#e03131' : '#a5b4c8'}"><title>${h(`${day}: ${usd(v)}${series.expected[i] !== null ? ` (expected ${usd(series.expected[i]!)})` : ''}`)}</title></rect>`;
    })
    .join('');
  const points = series.expected
    .map((e, i) => (e === null ? null : `${(pad + i * bw + bw / 2).toFixed(1)},${y(e).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(`Daily spend of ${series.service} in ${series.account}`)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#d9dee5"></line>${bars}` +
    (points ? `<polyline points="${points}" fill="none" stroke="#1971c2" stroke-width="2"></polyline>` : '') +
    `<text x="${pad}" y="${height - 8}">${h(series.days[0] ?? '')}</text>` +
    `<text x="${width - pad}" y="${height - 8}" text-anchor="end">${h(series.days[n - 1] ?? '')}</text>` +
    `<text x="${pad}" y="14">max ${h(usd(max))}/day · bars: spend · line: baseline</text></svg>`
  );
}
