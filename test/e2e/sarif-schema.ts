import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { projectRoot } from '../corpora.js';

/**
 * The official SARIF 2.1.0 schema (draft-04, as OASIS publishes it) shipped in a dev dependency.
 * Ajv 8 reads it once the draft-04 `id` is renamed `$id`; the schema uses no other draft-04-only keyword.
 */
export function sarifValidator(): ValidateFunction {
  const file = join(projectRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const {
    id,
    $schema: _draft04,
    ...schema
  } = JSON.parse(readFileSync(file, 'utf8')) as {
    id: string;
    $schema: string;
  } & Record<string, unknown>;
  // The schema's `language` pattern is not valid with the `u` flag Ajv uses by default.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile({ ...schema, $id: id });
}
