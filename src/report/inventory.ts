import type { InventoryAnswer } from '../questions/inventory.js';
import { renderTable } from './table.js';

/** The inventory answer as text for the terminal. */
export function renderInventoryText(answer: InventoryAnswer, options: { topTypes?: number } = {}): string {
  const { totals } = answer;
  const out: string[] = [];
  out.push(
    `Inventory at ${answer.takenAt}: ${totals.resources.toLocaleString('en-US')} resources in ` +
      `${totals.accounts} account(s), ${totals.regions} region(s).\n`,
  );
  out.push(
    renderTable(
      ['account', 'name', 'resources'],
      answer.byAccount.map((a) => [a.account, a.name, a.resources]),
    ),
  );
  const top = options.topTypes ?? 25;
  const types = answer.byType.slice(0, top);
  out.push(
    renderTable(
      ['resource type', 'count'],
      types.map((t) => [t.type, t.resources]),
    ),
  );
  if (answer.byType.length > top) out.push(`… and ${answer.byType.length - top} more types\n`);
  if (answer.gapsByKind.length === 0) {
    out.push('Coverage: complete (no gaps recorded).\n');
  } else {
    out.push(`Coverage gaps: ${totals.coverageGaps} — what follows was NOT fully evaluated.\n`);
    out.push(
      renderTable(
        ['kind', 'count', 'example'],
        answer.gapsByKind.map((g) => [g.kind, g.count, g.example]),
      ),
    );
  }
  return out.join('\n');
}
