/**
 * Compliance, control by control: each control of each framework is `fail` when a rule mapped to
 * it has an open finding, `pass` when its rules examined resources and none failed or stayed
 * undecided, and `not_evaluated` otherwise (no rule maps to it, nothing of the rules' types is
 * in the snapshot, or a check could not decide: a missing fact is never a pass). The mapping is
 * the rules' own `controls` (src/frameworks/).
 */
import type { AnyRule } from '../engine/index.js';
import { FRAMEWORKS } from '../frameworks/index.js';
import { InputError, type Snapshot } from '../model/index.js';
import type { DailyFinding } from '../questions/daily.js';
import { API_VERSION, type ComplianceResponse } from './api.js';

type Status = 'pass' | 'fail' | 'not_evaluated';
type RuleRow = ComplianceResponse['frameworks'][number]['controls'][number]['rules'][number];

export function complianceAnswer(
  snapshot: Snapshot,
  rules: readonly AnyRule[],
  findings: readonly DailyFinding[],
  framework?: string,
): ComplianceResponse {
  const frameworks = framework ? FRAMEWORKS.filter((f) => f.id === framework) : FRAMEWORKS;
  if (frameworks.length === 0) {
    throw new InputError(`unknown framework ${framework}; one of ${FRAMEWORKS.map((f) => f.id).join(', ')}`, {
      path: 'framework',
    });
  }
  const perType = new Map<string, number>();
  for (const r of snapshot.resources) perType.set(r.type, (perType.get(r.type) ?? 0) + 1);
  const tally = new Map<string, { failing: number; suppressed: number; errors: number }>();
  for (const f of findings) {
    let t = tally.get(f.ruleId);
    if (!t) tally.set(f.ruleId, (t = { failing: 0, suppressed: 0, errors: 0 }));
    if (f.status === 'error') t.errors++;
    else if (f.status === 'fail') {
      if (f.suppressed) t.suppressed++;
      else t.failing++;
    }
  }
  // One row per rule, whatever the number of engines that list it.
  const rows = new Map<string, { rule: AnyRule; row: RuleRow }>();
  for (const rule of rules) {
    if (rows.has(rule.id)) continue;
    const examined = [...new Set(rule.resourceTypes)].reduce((n, t) => n + (perType.get(t) ?? 0), 0);
    const t = tally.get(rule.id) ?? { failing: 0, suppressed: 0, errors: 0 };
    const status: Status = t.failing > 0 ? 'fail' : examined === 0 || t.errors > 0 ? 'not_evaluated' : 'pass';
    rows.set(rule.id, { rule, row: { id: rule.id, title: rule.title, status, examined, ...t } });
  }

  return {
    schemaVersion: API_VERSION,
    frameworks: frameworks.map((fw) => {
      const byControl = new Map<string, RuleRow[]>();
      const prefix = `${fw.id}:`;
      for (const { rule, row } of rows.values()) {
        for (const c of rule.controls) {
          if (!c.startsWith(prefix)) continue;
          const id = c.slice(prefix.length);
          byControl.set(id, [...(byControl.get(id) ?? []), row]);
        }
      }
      const totals = { pass: 0, fail: 0, not_evaluated: 0 };
      const controls = Object.entries(fw.controls)
        .sort(([a], [b]) => compareControlIds(a, b))
        .map(([id, data]) => {
          const ruleRows = (byControl.get(id) ?? []).sort((a, b) => (a.id < b.id ? -1 : 1));
          const status: Status = ruleRows.some((r) => r.status === 'fail')
            ? 'fail'
            : ruleRows.some((r) => r.status === 'pass') && !ruleRows.some((r) => r.errors > 0)
              ? 'pass'
              : 'not_evaluated';
          totals[status]++;
          return {
            id,
            title: data.title,
            ...(data.level !== undefined ? { level: data.level } : {}),
            ...(data.severity !== undefined ? { severity: data.severity } : {}),
            status,
            failing: ruleRows.reduce((n, r) => n + r.failing, 0),
            rules: ruleRows,
          };
        });
      return {
        id: fw.id,
        name: fw.name,
        version: fw.version,
        source: fw.source,
        complete: fw.complete,
        totals,
        controls,
      };
    }),
  };
}

/** `1.10` after `1.9`, `S3.10` after `S3.9`: numeric parts compare as numbers. */
function compareControlIds(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}
