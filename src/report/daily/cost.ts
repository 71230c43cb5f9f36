/**
 * The cost answer as JSON (zod schemas: the definition of `cost --json` and of the daily
 * document's `cost` field) and as text (the `cloudrounds cost` screen and the daily COST section).
 */
import { z } from 'zod';
import type { CommitmentAdvice, SpendAnswer, WasteAnswer, WasteItem } from '../../cost/index.js';
import { COST_SCHEMA_VERSION, type CostAnswer, type DailyCost } from '../../questions/cost.js';

const money = z.number();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const wasteItemJsonSchema = z.strictObject({
  ruleId: z.string(),
  resource: z.strictObject({
    type: z.string(),
    id: z.string(),
    account: z.string(),
    region: z.string(),
    name: z.string().optional(),
    arn: z.string().optional(),
    logicalId: z.string().optional(),
    file: z.string().optional(),
    line: z.number().optional(),
  }),
  reason: z.string(),
  kind: z.enum(['remove', 'saving']),
  /** Per month (730 h); null when no price is bundled (see note). */
  monthly: money.nullable(),
  currency: z.string(),
  basis: z.string(),
  priceRegion: z.string().nullable(),
  priceDate: day.nullable(),
  note: z.string().optional(),
  overlaps: z.boolean().optional(),
});

export const wasteJsonSchema = z.strictObject({
  items: z.array(wasteItemJsonSchema),
  monthlyTotal: money,
  currency: z.string(),
  priceDate: day,
  priced: z.number().int().nonnegative(),
  unpriced: z.number().int().nonnegative(),
});

const commitmentJsonSchema = z.strictObject({
  pool: z.string(),
  unit: z.enum(['$/h', 'instances']),
  hours: z.number().int().nonnegative(),
  commitment: z.number().nonnegative(),
  onDemandCost: money,
  committedCost: money,
  saving: money,
  monthlySaving: money,
  coverage: z.number(),
  utilisation: z.number(),
  breakEvenMonth: z.number().int().positive().nullable(),
  percentiles: z.strictObject({ p10: z.number(), p50: z.number(), p90: z.number(), max: z.number() }),
  curve: z.array(z.strictObject({ commitment: z.number(), saving: z.number() })),
});

export const spendJsonSchema = z.strictObject({
  source: z.string(),
  lineItems: z.number().int().nonnegative(),
  from: day.nullable(),
  to: day.nullable(),
  total: money,
  anomalies: z.strictObject({
    params: z.strictObject({
      weeks: z.number(),
      k: z.number(),
      minDollars: z.number(),
      minPercent: z.number(),
      recentDays: z.number(),
    }),
    from: day.nullable(),
    to: day.nullable(),
    anomalies: z.array(
      z.strictObject({
        day,
        account: z.string(),
        service: z.string(),
        actual: money,
        expected: money,
        impact: money,
        impactPercent: z.number().nullable(),
        score: z.number(),
        drivingUsageType: z.string(),
        drivingImpact: money,
      }),
    ),
    series: z.array(
      z.strictObject({
        account: z.string(),
        service: z.string(),
        days: z.array(day),
        actual: z.array(money),
        expected: z.array(money.nullable()),
      }),
    ),
    total: z.strictObject({ days: z.array(day), actual: z.array(money) }),
  }),
  savingsPlan: commitmentJsonSchema,
  reservedInstances: z.array(commitmentJsonSchema),
  assumptions: z.strictObject({
    savingsPlanDiscountPercent: z.number(),
    reservedInstanceDiscountPercent: z.number(),
  }),
});

const pricesJsonSchema = z.strictObject({
  currency: z.string(),
  priceDate: day,
  provenance: z.array(z.string()),
  hoursPerMonth: z.literal(730),
});

/** The daily document's `cost` field. */
export const dailyCostJsonSchema = z.strictObject({
  prices: pricesJsonSchema,
  waste: wasteJsonSchema,
  spend: spendJsonSchema.nullable(),
});

/** `cloudrounds cost --json`. */
export const costJsonSchema = z.strictObject({
  schemaVersion: z.literal(COST_SCHEMA_VERSION),
  takenAt: z.string(),
  prices: pricesJsonSchema,
  waste: wasteJsonSchema,
  spend: spendJsonSchema.nullable(),
});

export function renderCostJson(answer: CostAnswer): string {
  return JSON.stringify(answer, null, 2) + '\n';
}

/** `$1,234.56` (or `$0.0045` below a cent). */
export function usd(n: number, currency = 'USD'): string {
  const sign = currency === 'USD' ? '$' : `${currency} `;
  if (n !== 0 && Math.abs(n) < 0.01) return `${sign}${n.toFixed(4)}`;
  return `${sign}${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function where(i: WasteItem): string {
  const r = i.resource;
  return `${r.name ?? r.id} (${r.type.replace(/^AWS::/, '')}, ${r.account} ${r.region})`;
}

/** One line per priced item: `$140.16/mo  remove  dev-sandbox-old (...)  rule · basis`. */
export function wasteLines(waste: WasteAnswer, limit = Infinity): string[] {
  const out: string[] = [];
  const priced = waste.items.filter((i) => i.monthly !== null);
  for (const i of priced.slice(0, limit)) {
    out.push(
      `${(usd(i.monthly!, i.currency) + '/mo').padStart(13)}  ${i.kind === 'remove' ? 'remove' : 'save  '}  ${where(i)}  [${i.ruleId} · ${i.basis} · ${i.priceRegion} prices of ${i.priceDate}${i.overlaps ? ' · counted once with a larger item' : ''}${i.note ? ` · ${i.note}` : ''}]`,
    );
  }
  if (priced.length > limit)
    out.push(`        … ${priced.length - limit} more priced items in the full report`);
  const unpriced = new Map<string, { n: number; note: string }>();
  for (const i of waste.items) {
    if (i.monthly !== null) continue;
    const e = unpriced.get(i.ruleId) ?? { n: 0, note: i.note ?? '' };
    e.n++;
    unpriced.set(i.ruleId, e);
  }
  if (unpriced.size > 0) {
    out.push(
      `  not priced: ${[...unpriced].map(([rule, { n, note }]) => `${rule} ×${n} (${note})`).join('; ')}`,
    );
  }
  return out;
}

export function anomalyLines(spend: SpendAnswer, limit = Infinity): string[] {
  const a = spend.anomalies.anomalies;
  if (a.length === 0) {
    return [
      `  no anomaly in daily spend over the last ${spend.anomalies.params.recentDays} days (${spend.from} … ${spend.to})`,
    ];
  }
  return a
    .slice(0, limit)
    .map(
      (x) =>
        `  ${x.day}  ${x.service} in ${x.account}: ${usd(x.actual)} against ${usd(x.expected)} expected (+${usd(x.impact)}${x.impactPercent !== null ? `, +${x.impactPercent} %` : ''}), driven by ${x.drivingUsageType} (+${usd(x.drivingImpact)})`,
    );
}

export function commitmentLine(c: CommitmentAdvice): string {
  if (c.commitment === 0) return `  ${c.pool}: no commitment saves money on this history`;
  const what = c.unit === '$/h' ? `${usd(c.commitment)}/h` : `${c.commitment} instance(s)`;
  return (
    `  ${c.pool}: commit ${what} → saves ${usd(c.monthlySaving)}/month; coverage ${c.coverage} %, utilisation ${c.utilisation} %` +
    (c.breakEvenMonth !== null ? `, all-upfront break-even in month ${c.breakEvenMonth}` : '')
  );
}

/** The `cloudrounds cost` screen. */
export function renderCostText(answer: CostAnswer | (DailyCost & { takenAt?: string })): string {
  const out: string[] = [];
  const w = answer.waste;
  out.push(
    `cloudrounds cost — waste ${usd(w.monthlyTotal, w.currency)}/month (730 h) · ${w.priced} priced, ${w.unpriced} not priced · ` +
      `${answer.prices.provenance.join('/')} public on-demand prices of ${answer.prices.priceDate}`,
  );
  out.push('── PRICED WASTE ──');
  out.push(...(w.items.length ? wasteLines(w) : ['  no open cost finding']));
  const s = answer.spend;
  out.push('── SPEND ──');
  if (!s) {
    out.push(
      '  no CUR given: pass --cur PATH (a CUR 2.0 export, Parquet or CSV) for anomalies and RI / Savings Plans advice',
    );
  } else {
    out.push(
      `  ${s.source}: ${s.lineItems.toLocaleString('en-US')} line items, ${s.from} … ${s.to}, ${usd(s.total)} in total`,
    );
    out.push('── ANOMALIES ──');
    out.push(...anomalyLines(s));
    out.push(
      `── COMMITMENTS ── assumed discounts: Savings Plan ${s.assumptions.savingsPlanDiscountPercent} %, RI ${s.assumptions.reservedInstanceDiscountPercent} % (see docs/cost.md)`,
    );
    out.push(commitmentLine(s.savingsPlan));
    for (const ri of s.reservedInstances) out.push(commitmentLine(ri));
  }
  return out.join('\n') + '\n';
}
