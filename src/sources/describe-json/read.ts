import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { InputError, type CoverageGap } from '../../model/index.js';
import type { Builder, Doc, Item } from './builder.js';
import type { FoundFile } from './files.js';
import { decodeText, locateItems, parseJson } from './json.js';
import { BARE_KEYS, IGNORED_KEYS, ITEM_KEYS, morePages, REFERENCE_KEYS } from './kinds.js';
import type { Collections } from './mappers/common.js';
import { s3FacetKey, S3_BUCKET_COMMANDS, S3_NOT_CONFIGURED, type S3Facet } from './mappers/s3.js';
import { isObject, objects, type Json } from './values.js';

/** `GetBucketVersioning` / `get-bucket-versioning` / `s3api-get-bucket-versioning` → `get-bucket-versioning`. */
export function commandOfFileName(file: string): string {
  const stem = basename(file).replace(/\.json$/i, '');
  const kebab = stem.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return kebab.replace(/^s3api[-_.]/, '').replace(/_/g, '-');
}

/** The error code of AWS CLI error text saved instead of output (`An error occurred (AccessDenied) when…`). */
function errorCodeOf(text: string): string | undefined {
  return /An error occurred \(([\w.]+)\)/.exec(text.slice(0, 2000))?.[1];
}

const DENIED =
  /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError|AllAccessDisabled|UnauthorizedException)$/;

/** Everything read from the input, by top-level key, before mapping. */
export class Reading implements Collections {
  private readonly byKey = new Map<string, Item[]>();
  private readonly seen = new Set<string>();
  /** Reference outputs (not mapped), by the command that prints them: the files they were in. */
  readonly reference = new Map<string, string[]>();
  /** Files that held something this source reads. */
  recognised = 0;
  /** The first file that could not be parsed, reported when nothing else loads. */
  firstError?: InputError;

  items(key: string): Item[] {
    return this.byKey.get(key) ?? [];
  }

  present(key: string): boolean {
    return this.seen.has(key);
  }

  push(key: string, item: Item): void {
    this.seen.add(key);
    const list = this.byKey.get(key);
    if (list) list.push(item);
    else this.byKey.set(key, [item]);
  }

  mark(key: string): void {
    this.seen.add(key);
  }
}

function fileGap(
  file: FoundFile,
  kind: CoverageGap['kind'],
  message: string,
  extra: Partial<CoverageGap> = {},
): CoverageGap {
  const gap: CoverageGap = { kind, message: `${file.rel}: ${message}`, file: file.rel, ...extra };
  if (file.context.account) gap.account = file.context.account;
  if (file.context.region) gap.region = file.context.region;
  return gap;
}

/** The `s3api` command of a per-bucket file, when its name is one and it sits at `s3/<bucket>/`. */
function s3Command(file: FoundFile): string | undefined {
  const command = commandOfFileName(file.path);
  if (!(command in S3_BUCKET_COMMANDS)) return undefined;
  return basename(dirname(dirname(file.path))).toLowerCase() === 's3' ? command : undefined;
}

/** Reads one per-bucket S3 file into a facet: its output, or "not configured" (empty output, a not-found error). */
function readS3Facet(
  file: FoundFile,
  text: string,
  command: string,
  reading: Reading,
  builder: Builder,
): void {
  const bucket = basename(dirname(file.path));
  const doc: Doc = { file, lines: new Map() };
  const record = (output?: Json): void => {
    const facet: S3Facet = output ? { Bucket: bucket, Output: output } : { Bucket: bucket };
    reading.push(s3FacetKey(command), { value: facet as unknown as Json, doc, path: '' });
    reading.recognised++;
  };
  if (text.trim() === '') return record();
  const code = errorCodeOf(text);
  if (code && S3_NOT_CONFIGURED.includes(code)) return record();
  if (code) {
    const kind = DENIED.test(code) ? 'access-denied' : 'api-error';
    const where = { resourceType: 'AWS::S3::Bucket', resourceId: bucket };
    builder.gap(fileGap(file, kind, `s3api ${command} for bucket ${bucket} failed (${code})`, where));
    return;
  }
  const value = parseOrGap(file, text, false, reading, builder);
  if (value === undefined) return;
  if (!isObject(value)) {
    builder.gap(fileGap(file, 'parse-error', `expected the JSON object s3api ${command} prints`));
    return;
  }
  record(value);
}

/** Parsed JSON, or undefined and a `parse-error` gap (an `InputError` when the file is the whole input). */
function parseOrGap(
  file: FoundFile,
  text: string,
  single: boolean,
  reading: Reading,
  builder: Builder,
): unknown {
  try {
    return parseJson(text, file.rel);
  } catch (error) {
    if (!(error instanceof InputError) || single) throw error;
    reading.firstError ??= error;
    const at = `line ${error.line}, column ${error.column}`;
    builder.gap(
      fileGap(file, 'parse-error', `${error.message} at ${at}; the file was not loaded`, {
        line: error.line,
      }),
    );
    return undefined;
  }
}

/**
 * Outputs the API prints without the id of what they belong to: the file name supplies it (a
 * `tgw-rtb-…` id for transit gateway route table listings; target health is matched to target group
 * names by the mapper). Says whether it was read, skipped with a gap, or is not what it looked like.
 */
function readBare(
  key: string,
  output: Json,
  prefix: string,
  doc: Doc,
  reading: Reading,
  builder: Builder,
): 'read' | 'skipped' | 'unknown' {
  const item: Item = { value: output, doc, path: prefix.replace(/\.$/, '') };
  if (key === 'TargetHealthDescriptions') {
    reading.push('TargetHealthDescriptions', item);
    return 'read';
  }
  if (key === 'Rules') {
    // `elbv2 describe-rules`; other services print a `Rules` list too (EventBridge, WAF), without RuleArn.
    const rules = objects(output.Rules);
    if (!rules.some((rule) => typeof rule.RuleArn === 'string')) return 'unknown';
    rules.forEach((rule, i) => reading.push('Rules', { value: rule, doc, path: `${prefix}Rules[${i}]` }));
    return 'read';
  }
  const table = /tgw-rtb-[0-9a-z]+/.exec(doc.file.rel)?.[0];
  if (!table) {
    builder.gap(
      fileGap(
        doc.file,
        'skipped-file',
        `${key} looks like ${BARE_KEYS[key]} output, which does not name its transit gateway route table; put the tgw-rtb-… id in the file or directory name`,
      ),
    );
    return 'skipped';
  }
  const target =
    key === 'Routes'
      ? 'TransitGatewayStaticRoutes'
      : key === 'Associations'
        ? 'TransitGatewayRouteTableAssociations'
        : 'TransitGatewayPropagations';
  reading.push(target, { ...item, value: { ...output, TransitGatewayRouteTableId: table } });
  return 'read';
}

/** Files the items of one output object (one page) under their keys. */
function readOutput(output: Json, prefix: string, doc: Doc, reading: Reading, builder: Builder): boolean {
  const file = doc.file;
  let recognised = false;
  let skipped = false;
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(output)) {
    const bare = key in BARE_KEYS ? readBare(key, output, prefix, doc, reading, builder) : 'unknown';
    const path = `${prefix}${key}`;
    if (key in ITEM_KEYS) {
      recognised = true;
      reading.mark(key);
      if (key === 'DomainStatus' && isObject(value)) {
        reading.push('DomainStatusList', { value, doc, path });
      } else if (!Array.isArray(value)) {
        builder.gap(fileGap(file, 'parse-error', `${key} is not a list`, { path }));
      } else {
        readList(key, value, path, doc, reading, builder);
      }
    } else if (bare !== 'unknown') {
      recognised ||= bare === 'read';
      skipped ||= bare === 'skipped';
    } else if (key in REFERENCE_KEYS) {
      recognised = true;
      const command = REFERENCE_KEYS[key]!;
      const files = reading.reference.get(command) ?? [];
      if (!files.includes(file.rel)) files.push(file.rel);
      reading.reference.set(command, files);
    } else if (!IGNORED_KEYS.has(key)) {
      unknown.push(key);
    }
  }
  if (recognised && morePages(output)) {
    const message =
      'the output has a NextToken/Marker: later pages were not saved, so resources may be missing';
    builder.gap(fileGap(file, 'api-error', message));
  }
  if (recognised && unknown.length > 0) {
    builder.gap(fileGap(file, 'skipped-file', `top-level keys not read: ${unknown.join(', ')}`));
  }
  if (!recognised && !skipped) {
    const keys = Object.keys(output).slice(0, 8).join(', ') || 'none';
    builder.gap(
      fileGap(file, 'skipped-file', `not describe output this source reads (top-level keys: ${keys})`),
    );
  }
  return recognised;
}

/** Files each element of a describe list under its key. */
function readList(
  key: string,
  list: unknown[],
  path: string,
  doc: Doc,
  reading: Reading,
  builder: Builder,
): void {
  list.forEach((element, index) => {
    const itemPath = `${path}[${index}]`;
    if (!isObject(element)) {
      builder.gap(fileGap(doc.file, 'parse-error', `${itemPath} is not an object`, { path: itemPath }));
    } else if (key === 'LoadBalancerListeners') {
      // Batfish nests `describe-listeners` output per load balancer.
      reading.mark('Listeners');
      objects(element.Listeners).forEach((listener, i) =>
        reading.push('Listeners', { value: listener, doc, path: `${itemPath}.Listeners[${i}]` }),
      );
    } else {
      reading.push(key, { value: element, doc, path: itemPath });
    }
  });
}

/**
 * Reads and files one input file, recording a gap for whatever cannot be read. `single`: the file
 * is the whole input, so a syntax error is an `InputError` rather than a gap.
 */
export function readFile(file: FoundFile, single: boolean, reading: Reading, builder: Builder): void {
  if (!/\.json$/i.test(file.path)) {
    builder.gap(fileGap(file, 'skipped-file', 'not a .json file'));
    return;
  }
  const text = decodeText(readFileSync(file.path));
  const command = s3Command(file);
  if (command) return readS3Facet(file, text, command, reading, builder);
  if (commandOfFileName(file.path) in S3_BUCKET_COMMANDS) {
    const message = 'per-bucket s3api output is read from s3/<bucket>/<command>.json, which names the bucket';
    builder.gap(fileGap(file, 'skipped-file', message));
    return;
  }
  if (text.trim() === '') {
    builder.gap(fileGap(file, 'skipped-file', 'empty file'));
    return;
  }
  const code = errorCodeOf(text);
  if (code && !/^\s*[[{]/.test(text)) {
    const kind = DENIED.test(code) ? 'access-denied' : 'api-error';
    builder.gap(fileGap(file, kind, `holds an AWS CLI error (${code}), not output`));
    return;
  }
  const value = parseOrGap(file, text, single, reading, builder);
  if (value === undefined) return;
  const doc: Doc = { file, lines: locateItems(text) };
  // A list of pages (SDK scripts often save every page of a paginator) is read page by page.
  const pages = Array.isArray(value)
    ? value.map((page, i) => [page, `[${i}].`] as const)
    : [[value, ''] as const];
  let recognised = false;
  for (const [page, prefix] of pages) {
    if (isObject(page)) recognised = readOutput(page, prefix, doc, reading, builder) || recognised;
    else builder.gap(fileGap(file, 'skipped-file', `${prefix || 'the file'} is not a JSON object`));
  }
  if (recognised) reading.recognised++;
}
