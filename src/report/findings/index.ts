/**
 * Renderers of a findings report, one per output format; each yields the output as text chunks so
 * a large scan streams. The formats are documented in docs/output-formats.md.
 */
import { renderFindingsAsff, type AsffOptions } from './asff.js';
import { renderFindingsCsv } from './csv.js';
import { renderFindingsJson } from './json.js';
import { renderFindingsOcsf } from './ocsf.js';
import { renderFindingsSarif, type SarifOptions } from './sarif.js';
import type { FindingsReport } from './summary.js';
import { renderFindingsTable } from './table.js';

export const FINDINGS_FORMATS = ['table', 'json', 'sarif', 'asff', 'ocsf', 'csv'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

export type RenderOptions = SarifOptions & AsffOptions;

/**
 * Renders the report in one format. Renderers that cannot represent the report (ASFF without an
 * account) throw before yielding anything.
 */
export function renderFindings(
  format: FindingsFormat,
  report: FindingsReport,
  options: RenderOptions = {},
): Iterable<string> {
  switch (format) {
    case 'table':
      return renderFindingsTable(report);
    case 'json':
      return renderFindingsJson(report);
    case 'sarif':
      return renderFindingsSarif(report, options);
    case 'asff':
      return renderFindingsAsff(report, options);
    case 'ocsf':
      return renderFindingsOcsf(report);
    case 'csv':
      return renderFindingsCsv(report);
  }
}

export * from './summary.js';
export {
  findingsJsonSchema,
  findingJsonSchema,
  FINDINGS_JSON_SCHEMA_VERSION,
  type FindingsJson,
} from './json.js';
export { asffDocumentSchema, asffFindingSchema, asffResourceType, type AsffFinding } from './asff.js';
export { ocsfDocumentSchema, ocsfComplianceFindingSchema, type OcsfComplianceFinding } from './ocsf.js';
export { SARIF_SCHEMA_URI, FINGERPRINT_KEY } from './sarif.js';
export { CSV_COLUMNS, csvField } from './csv.js';
export { summaryLine } from './table.js';
export { findingKey, findingHash, resourceKey } from './identity.js';
