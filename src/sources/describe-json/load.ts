import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  InputError,
  isUnresolved,
  makeSnapshot,
  type CoverageGap,
  type Resource,
  type Snapshot,
} from '../../model/index.js';
import type { SourceOptions } from '../types.js';
import { Builder, type Doc, type Item } from './builder.js';
import { findFiles, type FoundFile } from './files.js';
import { decodeText, locateItems, parseJson } from './json.js';
import { BARE_KEYS, IGNORED_KEYS, ITEM_KEYS, morePages, REFERENCE_KEYS } from './kinds.js';
import type { Collections, Mapper } from './mappers/common.js';
import { mapInstances, mapNetworkInterfaces, mapSnapshots, mapVolumes } from './mappers/compute.js';
import { mapLoadBalancing } from './mappers/elb.js';
import { mapIam } from './mappers/iam.js';
import { mapNetworkAcls } from './mappers/network-acl.js';
import { mapDbClusters, mapDbInstances } from './mappers/rds.js';
import { mapRouteTables } from './mappers/route-table.js';
import { mapS3, s3FacetKey, S3_BUCKET_COMMANDS, S3_NOT_CONFIGURED, type S3Facet } from './mappers/s3.js';
import { mapSearchDomains } from './mappers/search.js';
import { mapSecurityGroups } from './mappers/security-group.js';
import { mapTransitGateways } from './mappers/transit-gateway.js';
import {
  mapAddresses,
  mapEgressOnlyInternetGateways,
  mapFlowLogs,
  mapInternetGateways,
  mapNatGateways,
  mapPrefixLists,
  mapSubnets,
  mapVpcEndpoints,
  mapVpcPeeringConnections,
  mapVpcs,
} from './mappers/vpc.js';
import {
  mapCustomerGateways,
  mapDirectConnectGatewayAssociations,
  mapDirectConnectGateways,
  mapVirtualInterfaces,
  mapVpnConnections,
  mapVpnGateways,
} from './mappers/vpn.js';
import { isObject, objects, type Json } from './values.js';

/** Every mapper, in an order where lookups find what they need (gateways before their attachments). */
const MAPPERS: Mapper[] = [
  mapVpcs,
  mapSubnets,
  mapRouteTables,
  mapNetworkAcls,
  mapSecurityGroups,
  mapInstances,
  mapNetworkInterfaces,
  mapVolumes,
  mapSnapshots,
  mapInternetGateways,
  mapEgressOnlyInternetGateways,
  mapNatGateways,
  mapAddresses,
  mapVpcPeeringConnections,
  mapVpcEndpoints,
  mapPrefixLists,
  mapFlowLogs,
  mapTransitGateways,
  mapVpnGateways,
  mapCustomerGateways,
  mapVpnConnections,
  mapDirectConnectGateways,
  mapDirectConnectGatewayAssociations,
  mapVirtualInterfaces,
  mapLoadBalancing,
  mapDbInstances,
  mapDbClusters,
  mapSearchDomains,
  mapS3,
  mapIam,
];

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

/** Everything read from the input before mapping. */
class Reading implements Collections {
  private readonly byKey = new Map<string, Item[]>();
  private readonly seen = new Set<string>();
  readonly reference = new Map<string, string[]>();
  recognised = 0;
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

/** A per-bucket `s3api get-bucket-*` file: its command and the bucket (the directory it is in). */
function s3Command(file: FoundFile): string | undefined {
  const command = commandOfFileName(file.path);
  return command in S3_BUCKET_COMMANDS ? command : undefined;
}

/** Reads one per-bucket S3 file into a facet (its output, or "not configured"). */
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
    builder.gap(
      fileGap(
        file,
        DENIED.test(code) ? 'access-denied' : 'api-error',
        `s3api ${command} for bucket ${bucket} failed (${code})`,
        {
          resourceType: 'AWS::S3::Bucket',
          resourceId: bucket,
        },
      ),
    );
    return;
  }
  let value: unknown;
  try {
    value = parseJson(text, file.rel);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    reading.firstError ??= error;
    builder.gap(fileGap(file, 'parse-error', error.message, { line: error.line }));
    return;
  }
  if (!isObject(value)) {
    builder.gap(fileGap(file, 'parse-error', `expected the JSON object s3api ${command} prints`));
    return;
  }
  record(value);
}

/** Files the items of one output object (one page) under their keys. */
function readOutput(output: Json, prefix: string, doc: Doc, reading: Reading, builder: Builder): boolean {
  const file = doc.file;
  let recognised = false;
  const unknown: string[] = [];
  const bareRouteTable = /tgw-rtb-[0-9a-z]+/.exec(file.rel)?.[0];
  for (const [key, value] of Object.entries(output)) {
    const path = `${prefix}${key}`;
    if (key in ITEM_KEYS) {
      recognised = true;
      reading.mark(key);
      if (key === 'DomainStatus' && isObject(value)) {
        reading.push('DomainStatusList', { value, doc, path });
        continue;
      }
      if (!Array.isArray(value)) {
        builder.gap(fileGap(file, 'parse-error', `${key} is not a list`, { path }));
        continue;
      }
      value.forEach((element, index) => {
        const itemPath = `${path}[${index}]`;
        if (!isObject(element)) {
          builder.gap(fileGap(file, 'parse-error', `${itemPath} is not an object`, { path: itemPath }));
          return;
        }
        if (key === 'LoadBalancerListeners') {
          // Batfish nests `describe-listeners` output per load balancer.
          objects(element.Listeners).forEach((listener, i) =>
            reading.push('Listeners', { value: listener, doc, path: `${itemPath}.Listeners[${i}]` }),
          );
          reading.mark('Listeners');
          return;
        }
        reading.push(key, { value: element, doc, path: itemPath });
      });
    } else if (key in BARE_KEYS) {
      const item: Item = { value: output, doc, path: prefix.replace(/\.$/, '') };
      if (key === 'TargetHealthDescriptions') {
        reading.push('TargetHealthDescriptions', item);
      } else if (key === 'Rules' && objects(value).some((rule) => rule.RuleArn !== undefined)) {
        objects(value).forEach((rule, i) =>
          reading.push('Rules', { value: rule, doc, path: `${path}[${i}]` }),
        );
      } else if (key !== 'Rules' && bareRouteTable) {
        const target =
          key === 'Routes'
            ? 'TransitGatewayStaticRoutes'
            : key === 'Associations'
              ? 'TransitGatewayRouteTableAssociations'
              : 'TransitGatewayPropagations';
        reading.push(target, { ...item, value: { ...output, TransitGatewayRouteTableId: bareRouteTable } });
      } else {
        builder.gap(
          fileGap(
            file,
            'skipped-file',
            `${key} looks like ${BARE_KEYS[key]} output, which does not name what it belongs to; put the ${key === 'Rules' ? 'listener rules' : 'transit gateway route table id (tgw-rtb-…)'} in the file name`,
          ),
        );
        continue;
      }
      recognised = true;
    } else if (key in REFERENCE_KEYS) {
      recognised = true;
      const files = reading.reference.get(key) ?? [];
      if (!files.includes(file.rel)) files.push(file.rel);
      reading.reference.set(key, files);
    } else if (!IGNORED_KEYS.has(key)) {
      unknown.push(key);
    }
  }
  if (recognised && morePages(output)) {
    builder.gap(
      fileGap(
        file,
        'api-error',
        'the output has a NextToken/Marker: later pages were not saved, so resources may be missing',
      ),
    );
  }
  if (recognised && unknown.length > 0) {
    builder.gap(fileGap(file, 'skipped-file', `top-level keys not read: ${unknown.join(', ')}`));
  }
  if (!recognised) {
    const keys = Object.keys(output).slice(0, 8).join(', ') || 'none';
    builder.gap(
      fileGap(file, 'skipped-file', `not describe output this source reads (top-level keys: ${keys})`),
    );
  }
  return recognised;
}

/** Reads and files one input file, recording gaps for what cannot be read. */
function readFile(file: FoundFile, single: boolean, reading: Reading, builder: Builder): void {
  if (!/\.json$/i.test(file.path)) {
    builder.gap(fileGap(file, 'skipped-file', 'not a .json file'));
    return;
  }
  const text = decodeText(readFileSync(file.path));
  const command = s3Command(file);
  if (command) return readS3Facet(file, text, command, reading, builder);
  if (text.trim() === '') {
    builder.gap(fileGap(file, 'skipped-file', 'empty file'));
    return;
  }
  const code = errorCodeOf(text);
  if (code && !text.trimStart().startsWith('{') && !text.trimStart().startsWith('[')) {
    builder.gap(
      fileGap(
        file,
        DENIED.test(code) ? 'access-denied' : 'api-error',
        `holds an AWS CLI error (${code}), not output`,
      ),
    );
    return;
  }
  let value: unknown;
  try {
    value = parseJson(text, file.rel);
  } catch (error) {
    if (!(error instanceof InputError) || single) throw error;
    reading.firstError ??= error;
    builder.gap(
      fileGap(
        file,
        'parse-error',
        `${error.message} at line ${error.line}, column ${error.column}; the file was not loaded`,
        { line: error.line },
      ),
    );
    return;
  }
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

/** One `unresolved-value` gap per resource type, property and reason, not one per resource. */
function unresolvedGaps(resources: Resource[]): CoverageGap[] {
  const groups = new Map<string, { type: string; prop: string; reason: string; ids: string[] }>();
  for (const resource of resources) {
    for (const [prop, value] of Object.entries(resource.props)) {
      if (!isUnresolved(value)) continue;
      const key = `${resource.type}|${prop}|${value.reason}`;
      const group = groups.get(key) ?? { type: resource.type, prop, reason: value.reason, ids: [] };
      group.ids.push(resource.id);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((g) => {
    const sample = g.ids.slice(0, 5).join(', ') + (g.ids.length > 5 ? `, … (${g.ids.length - 5} more)` : '');
    const gap: CoverageGap = {
      kind: 'unresolved-value',
      message: `${g.prop} of ${g.ids.length} ${g.type} resource(s) is unknown: ${g.reason} (${sample})`,
      resourceType: g.type,
      path: g.prop,
    };
    if (g.ids.length === 1) gap.resourceId = g.ids[0];
    return gap;
  });
}

/**
 * Loads a directory (or one file) of saved `aws … describe-*` / `list-*` / `get-*` JSON output.
 * A file that cannot be parsed is a `parse-error` gap and the rest loads; when nothing at all can be
 * loaded (a single bad file, or no describe output anywhere) it is an `InputError`.
 */
export async function loadDescribeJson(input: string, options: SourceOptions = {}): Promise<Snapshot> {
  const info = statSync(input, { throwIfNoEntry: false });
  if (!info) throw new InputError(`no such file or directory: ${input}`, { file: input });
  const files = findFiles(input);
  const single = !info.isDirectory();
  const builder = new Builder(options);
  const reading = new Reading();
  let newest = 0;
  files.forEach((file, index) => {
    readFile(file, single, reading, builder);
    newest = Math.max(newest, statSync(file.path).mtimeMs);
    options.onProgress?.({ phase: 'read describe output', done: index + 1, total: files.length });
  });
  if (reading.recognised === 0) {
    if (reading.firstError) throw reading.firstError;
    throw new InputError(
      `no saved AWS describe output found in ${input} (${files.length} file(s) looked at); expected JSON such as ec2 describe-vpcs output ({"Vpcs": [...]})`,
      { file: input },
    );
  }
  for (const mapper of MAPPERS) mapper(reading, builder);

  for (const [key, list] of reading.reference) {
    builder.gap({
      kind: 'unsupported-type',
      message: `${list.join(', ')}: ${REFERENCE_KEYS[key]} output (${key}) describes AWS, not the account, and is not mapped to resources`,
      file: list[0],
    });
  }
  const resources = builder.resources();
  const accounts = new Set(resources.map((r) => r.account));
  for (const file of files) if (file.context.account) accounts.add(file.context.account);
  return makeSnapshot(resources, [...builder.gaps, ...unresolvedGaps(resources)], {
    takenAt: newest > 0 ? new Date(newest).toISOString() : undefined,
    accounts: [...accounts].sort().map((id) => ({ id })),
  });
}

/** Files larger than this are not parsed just to detect their kind. */
const DETECT_MAX_BYTES = 20 * 1024 * 1024;

/** True when one file is saved describe output: a known key at the top level of its JSON. */
function fileLooksLikeDescribe(path: string): boolean {
  if (!/\.json$/i.test(path)) return false;
  if (commandOfFileName(path) in S3_BUCKET_COMMANDS) return true;
  try {
    if (statSync(path).size > DETECT_MAX_BYTES) return false;
    const value: unknown = JSON.parse(decodeText(readFileSync(path)));
    const first = Array.isArray(value) ? value[0] : value;
    return isObject(first) && Object.keys(first).some((key) => key in ITEM_KEYS || key in REFERENCE_KEYS);
  } catch {
    return false;
  }
}

/**
 * True when the path is a describe-output file, or a directory holding one (within the first few
 * hundred JSON files); used by `--source` to pick this source before the CloudFormation one.
 */
export function looksLikeDescribeJson(path: string): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return false;
  if (!info.isDirectory()) return fileLooksLikeDescribe(path);
  let checked = 0;
  for (const file of findFiles(path)) {
    if (!/\.json$/i.test(file.path)) continue;
    if (fileLooksLikeDescribe(file.path)) return true;
    if (++checked >= 300) break;
  }
  return false;
}
