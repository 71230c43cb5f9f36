/**
 * `scan --format sarif`: SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure
 * DevOps, IDE viewers). https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 *
 * - The rules that ran are `tool.driver.rules`: title, rationale, remediation as help, controls as
 *   tags, and the default level from the severity.
 * - A template, plan or describe-output finding points at its file (relative to `SRCROOT`, the
 *   working directory) and line; a finding on a live resource has a logical location (its ARN).
 * - `partialFingerprints` identify a finding by rule and resource, not by line, so that editing a
 *   template above a resource does not open a new alert.
 * - Coverage gaps become tool execution notifications: the log says what was not evaluated.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { AnyRule, Finding, Severity, Status } from '../../engine/index.js';
import type { CoverageGap } from '../../model/index.js';
import { findingHash, resourceKey } from './identity.js';
import type { FindingsReport } from './summary.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base id of artifact URIs: the directory the scan ran in. */
export const SRCROOT = 'SRCROOT';
/** Key of the finding identity in `partialFingerprints`; the `/v1` changes if the identity does. */
export const FINGERPRINT_KEY = 'cloudroundsFinding/v1';

export interface SarifOptions {
  /**
   * Absolute directory that relative file paths are relative to (the working directory). When
   * given it is recorded as `originalUriBaseIds.SRCROOT`, and files outside it get absolute URIs.
   */
  srcRoot?: string;
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's `security-severity` scores (critical above 9.0, high 7.0 to 8.9, medium 4.0 to 6.9, low
 * 0.1 to 3.9). https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '0.0',
};

/** SARIF result kinds for the statuses that are not failures (§3.27.9). */
const KIND: Record<Exclude<Status, 'fail'>, Sarif.Result.kind> = {
  pass: 'pass',
  not_applicable: 'notApplicable',
  // The rule could not decide: "open" is SARIF's "could not determine whether there is a problem".
  error: 'open',
};

/** `s3-bucket-versioning-enabled` → `S3BucketVersioningEnabled`. */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function isAbsoluteUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function helpMarkdown(rule: AnyRule): string {
  const { remediation: r } = rule;
  const parts = [`**Remediation.** ${r.text}`];
  if (r.cli) parts.push('AWS CLI:\n\n```sh\n' + r.cli + '\n```');
  if (r.cloudformation) parts.push('CloudFormation:\n\n```yaml\n' + r.cloudformation + '\n```');
  if (r.terraform) parts.push('Terraform:\n\n```hcl\n' + r.terraform + '\n```');
  if (rule.references?.length)
    parts.push('References:\n\n' + rule.references.map((u) => `- <${u}>`).join('\n'));
  return parts.join('\n\n');
}

function helpText(rule: AnyRule): string {
  const { remediation: r } = rule;
  return [r.text, r.cli && `AWS CLI: ${r.cli}`].filter(Boolean).join('\n');
}

function sarifRule(rule: AnyRule): Sarif.ReportingDescriptor {
  const security = rule.category === 'security' || rule.category === 'compliance';
  const tags = [...new Set([...(security ? ['security'] : []), rule.category, ...rule.controls])];
  const descriptor: Sarif.ReportingDescriptor = {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags,
      category: rule.category,
      severity: rule.severity,
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
  const doc = rule.references?.find(isAbsoluteUrl);
  if (doc) descriptor.helpUri = doc;
  return descriptor;
}

/** An artifact location for a path relative to the working directory (or absolute). */
function artifactLocation(file: string, srcRoot: string | undefined): Sarif.ArtifactLocation {
  const slashed = file.replace(/\\/g, '/');
  const outside = isAbsolute(file) || slashed === '..' || slashed.startsWith('../');
  if (outside && srcRoot) return { uri: pathToFileURL(resolve(srcRoot, file)).href };
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: slashed.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function physical(file: string, line: number | undefined, srcRoot: string | undefined): Sarif.Location {
  const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(file, srcRoot) };
  if (line !== undefined && line >= 1) physicalLocation.region = { startLine: line };
  return { physicalLocation };
}

function locations(f: Finding, srcRoot: string | undefined): Sarif.Location[] {
  const r = f.resource;
  const logical: Sarif.LogicalLocation = {
    name: r.logicalId ?? r.id,
    fullyQualifiedName: resourceKey(r),
    kind: 'resource',
  };
  if (r.file) return [{ ...physical(r.file, r.line, srcRoot), logicalLocations: [logical] }];
  return [{ logicalLocations: [logical] }];
}

function result(f: Finding, ruleIndex: number, srcRoot: string | undefined): Sarif.Result {
  const r = f.resource;
  const out: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.status === 'fail' ? LEVEL[f.severity] : 'none',
    message: { text: f.reason },
    locations: locations(f, srcRoot),
    partialFingerprints: { [FINGERPRINT_KEY]: findingHash(f) },
    properties: {
      status: f.status,
      severity: f.severity,
      category: f.category,
      resource: {
        type: r.type,
        id: r.id,
        account: r.account,
        region: r.region,
        ...(r.arn && { arn: r.arn }),
      },
    },
  };
  if (f.status !== 'fail') out.kind = KIND[f.status];
  if (f.suppressed) {
    // "external": the suppression lives outside the scanned file (in .cloudrounds.yaml).
    const suppression: Sarif.Suppression = {
      kind: 'external',
      status: 'accepted',
      justification: `${f.suppressed.reason} (until ${f.suppressed.expires})`,
    };
    if (f.suppressed.file) suppression.location = physical(f.suppressed.file, f.suppressed.line, srcRoot);
    out.suppressions = [suppression];
  }
  return out;
}

function notification(gap: CoverageGap, srcRoot: string | undefined): Sarif.Notification {
  const n: Sarif.Notification = {
    level: 'warning',
    message: { text: `Not evaluated (${gap.kind}): ${gap.message}` },
    properties: { kind: gap.kind },
  };
  const where = [gap.account, gap.region, gap.resourceType, gap.resourceId].filter(Boolean).join('/');
  if (gap.file) n.locations = [physical(gap.file, gap.line, srcRoot)];
  else if (where) n.locations = [{ logicalLocations: [{ fullyQualifiedName: where, kind: 'resource' }] }];
  return n;
}

/** The SARIF log as text, streamed a result at a time. */
export function* renderFindingsSarif(report: FindingsReport, options: SarifOptions = {}): Generator<string> {
  const { srcRoot } = options;
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const run: Omit<Sarif.Run, 'results'> = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        rules: report.rules.map(sarifRule),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        endTimeUtc: report.generatedAt,
        toolExecutionNotifications: report.coverage.map((g) => notification(g, srcRoot)),
      },
    ],
    columnKind: 'utf16CodeUnits',
    properties: { inputs: [...report.inputs], summary: report.summary },
  };
  if (srcRoot) {
    const uri = pathToFileURL(srcRoot).href;
    run.originalUriBaseIds = { [SRCROOT]: { uri: uri.endsWith('/') ? uri : uri + '/' } };
  }
  const head = JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0' }).slice(0, -1);
  yield `${head},"runs":[${JSON.stringify(run).slice(0, -1)},"results":[`;
  let first = true;
  for (const f of report.findings) {
    // A finding always comes from a rule that ran; -1 would only mean a caller mixed two runs.
    yield (first ? '\n' : ',\n') + JSON.stringify(result(f, index.get(f.ruleId) ?? -1, srcRoot));
    first = false;
  }
  yield '\n]}]}\n';
}
