/**
 * `scan --format csv`: one header row, one row per finding, quoted as RFC 4180 says: fields with a
 * comma, a double quote, CR or LF are enclosed in double quotes, quotes inside doubled, and records
 * end with CRLF. https://www.rfc-editor.org/rfc/rfc4180#section-2
 */
import type { Finding } from '../../engine/index.js';
import type { FindingsReport } from './summary.js';

/** The columns, in order; documented in docs/output-formats.md. */
export const CSV_COLUMNS = [
  'status',
  'severity',
  'category',
  'rule_id',
  'title',
  'resource_type',
  'resource_id',
  'logical_id',
  'arn',
  'name',
  'account',
  'region',
  'file',
  'line',
  'reason',
  'controls',
  'remediation',
  'suppressed_reason',
  'suppressed_until',
] as const;

/** One field, quoted when it must be. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(values: ReadonlyArray<string | number | undefined>): string {
  return values.map(csvField).join(',') + '\r\n';
}

function findingRow(f: Finding): string {
  const r = f.resource;
  return row([
    f.status,
    f.severity,
    f.category,
    f.ruleId,
    f.title,
    r.type,
    r.id,
    r.logicalId,
    r.arn,
    r.name,
    r.account,
    r.region,
    r.file,
    r.line,
    f.reason,
    f.controls.join(' '),
    f.remediation.text,
    f.suppressed?.reason,
    f.suppressed?.expires,
  ]);
}

/** The findings as CSV text, a row at a time. Coverage gaps are not rows: see the summary formats. */
export function* renderFindingsCsv(report: FindingsReport): Generator<string> {
  yield row(CSV_COLUMNS);
  for (const f of report.findings) yield findingRow(f);
}
