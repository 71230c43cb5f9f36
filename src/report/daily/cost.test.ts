import { describe, expect, it } from 'vitest';
import { anomalyCells } from '../../cost/index.js';
import { dailyCost } from '../../questions/cost.js';
import { evaluateDaily } from '../../questions/daily.js';
import { buildDemoOrganisation, demoCurLineItems } from '../../sources/demo/index.js';
import { aggregateCur } from '../../store/cur/index.js';
import { sampleAnswer } from './fixtures/sample.js';
import { renderDailyHtml } from './html.js';
import { dailyJsonSchema, renderDailyJson } from './json.js';
import { renderDailyMarkdown } from './markdown.js';
import { renderDailyText } from './text.js';

describe('the cost section of the daily reports', async () => {
  const snapshot = buildDemoOrganisation();
  const evaluation = evaluateDaily(snapshot, { suppressions: [], params: {} });
  const cur = await aggregateCur(
    { rows: demoCurLineItems(), label: 'demo CUR' },
    { driversFor: anomalyCells },
  );
  const answer = { ...sampleAnswer(), cost: dailyCost(snapshot, evaluation.findings, undefined, cur) };

  it('shows health first, then priced waste with the monthly total, the anomaly and the Savings Plan', () => {
    const text = renderDailyText(answer);
    const total = answer.cost.waste.monthlyTotal.toFixed(2);
    expect(text).toMatch(new RegExp(`── COST ── waste \\$${total}/month \\(730 h\\)`));
    expect(text.indexOf('── HEALTH ──')).toBeLessThan(text.indexOf('── COST ──'));
    expect(text.indexOf('── COST ──')).toBeLessThan(text.indexOf('── OPEN FINDINGS ──'));
    expect(text).toContain('$140.16/mo  remove  dev-sandbox-old');
    expect(text).toContain('anomaly 2026-11-21  AWSLambda in 444455556666');
    expect(text).toContain('Compute Savings Plan (EC2 instance usage): commit $0.55/h');
  });

  it('adds the cost field to the JSON document, which the schema accepts', () => {
    const parsed = dailyJsonSchema.safeParse(JSON.parse(renderDailyJson(answer)));
    expect(parsed.error).toBeUndefined();
    expect(parsed.data?.cost?.waste.monthlyTotal).toBe(answer.cost.waste.monthlyTotal);
  });

  it('draws the anomaly chart in the HTML report, self-contained', () => {
    const html = renderDailyHtml(answer);
    expect(html).toContain('<h2 id="cost">Cost</h2>');
    expect(html).toContain('aria-label="Daily spend of AWSLambda in 444455556666"');
    expect(html).toMatch(/<rect [^>]*fill="#e03131"><title>2026-11-21: \$35\.01/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).not.toMatch(/ style="/);
  });

  it('adds a Cost section to the Markdown report', () => {
    const md = renderDailyMarkdown(answer);
    expect(md).toContain('## Cost');
    expect(md).toContain('### Spend anomalies');
  });
});
