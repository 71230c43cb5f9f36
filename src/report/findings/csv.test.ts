import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, renderFindingsCsv } from './csv.js';
import { parseCsv } from './fixtures/csv-reader.js';
import { sampleReport } from './fixtures/sample.js';

describe('findings CSV', () => {
  it('quotes fields with commas, quotes and newlines, and only those', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(12)).toBe('12');
    expect(csvField(undefined)).toBe('');
  });

  it('has one header row and one CRLF record per finding, that read back to the same values', () => {
    const report = sampleReport({ all: true });
    const text = [...renderFindingsCsv(report)].join('');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(report.findings.length);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (const [i, f] of report.findings.entries()) {
      const row = rows[i]!;
      expect(row[col('reason')]).toBe(f.reason);
      expect(row[col('resource_id')]).toBe(f.resource.id);
      expect(row[col('line')]).toBe(f.resource.line === undefined ? '' : String(f.resource.line));
      expect(row[col('controls')]).toBe(f.controls.join(' '));
    }
    const odd = rows.find((r) => r[col('resource_id')] === 'Odd,"Bucket"' && r[col('status')] === 'fail')!;
    expect(odd[col('reason')]).toContain('\nand "quotes", commas;');
    const suppressed = rows.find((r) => r[col('suppressed_reason')] !== '')!;
    expect(suppressed[col('suppressed_reason')]).toBe('Scratch data, rebuilt nightly');
    expect(suppressed[col('suppressed_until')]).toBe('2099-12-31');
  });

  it('writes the header alone when nothing failed', () => {
    const text = [...renderFindingsCsv(sampleReport({ findings: [] }))].join('');
    expect(parseCsv(text)).toEqual([[...CSV_COLUMNS]]);
  });
});
