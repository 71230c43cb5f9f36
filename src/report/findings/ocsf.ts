/**
 * `scan --format ocsf`: findings as OCSF 1.1.0 Compliance Finding events (class 2003, category 2
 * Findings), a JSON array of events, with the Cloud profile. https://schema.ocsf.io/1.1.0/classes/compliance_finding
 *
 * The zod schema below holds the attributes the class requires (activity_id, category_uid,
 * class_uid, type_uid, severity_id, time, metadata, finding_info, compliance; cloud for the Cloud
 * profile) and the ones written here; tests validate real output against it.
 */
import { z } from 'zod';
import { GLOBAL_REGION, UNKNOWN_ACCOUNT, UNKNOWN_REGION } from '../../model/index.js';
import type { Finding, Severity, Status } from '../../engine/index.js';
import { findingKey, partitionOf, requirementName, standardOf } from './identity.js';
import type { FindingsReport } from './summary.js';

export const OCSF_VERSION = '1.1.0';
export const OCSF_CLASS_UID = 2003;
export const OCSF_CATEGORY_UID = 2;
/** Activity 1 (Create): each scan reports its findings afresh. */
const ACTIVITY_ID = 1;

/** OCSF `severity_id`: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
const SEVERITY: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/**
 * `compliance.status_id`: 1 Pass, 2 Warning ("did not yield a result due to missing information"),
 * 3 Fail; a rule that does not apply is 99 Other, with the status named.
 */
const COMPLIANCE_STATUS: Record<Status, { id: number; name: string }> = {
  pass: { id: 1, name: 'Pass' },
  error: { id: 2, name: 'Warning' },
  fail: { id: 3, name: 'Fail' },
  not_applicable: { id: 99, name: 'Not Applicable' },
};

const text = z.string().min(1);
const int = z.number().int();

const accountSchema = z.strictObject({
  uid: text,
  /** 10: AWS Account. */
  type_id: z.literal(10),
  type: z.literal('AWS Account'),
});

export const ocsfResourceSchema = z.strictObject({
  uid: text,
  name: text.optional(),
  type: text,
  cloud_partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).optional(),
  region: text.optional(),
  /** Resource details carry the account through their owner (a user object with an account). */
  owner: z.strictObject({ account: accountSchema }).optional(),
  /** Where a template or plan declares the resource. */
  data: z
    .strictObject({ file: text.optional(), line: int.positive().optional(), logical_id: text.optional() })
    .optional(),
});

/** One Compliance Finding event as this tool writes it. */
export const ocsfComplianceFindingSchema = z
  .strictObject({
    activity_id: z.literal(ACTIVITY_ID),
    activity_name: z.literal('Create'),
    category_uid: z.literal(OCSF_CATEGORY_UID),
    category_name: z.literal('Findings'),
    class_uid: z.literal(OCSF_CLASS_UID),
    class_name: z.literal('Compliance Finding'),
    type_uid: int,
    type_name: text,
    severity_id: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    severity: text,
    /** Epoch milliseconds (timestamp_t). */
    time: int.nonnegative(),
    message: text,
    /** Finding lifecycle: 1 New, 3 Suppressed. */
    status_id: z.union([z.literal(1), z.literal(3)]),
    status: z.enum(['New', 'Suppressed']),
    status_detail: text.optional(),
    metadata: z.strictObject({
      version: z.literal(OCSF_VERSION),
      product: z.strictObject({ name: text, vendor_name: text, version: text }),
      profiles: z.array(text),
      event_code: text,
    }),
    finding_info: z.strictObject({
      uid: text,
      title: text,
      desc: text,
      types: z.array(text).min(1),
      created_time: int.nonnegative(),
    }),
    compliance: z.strictObject({
      /** The rule that checked; external controls are in `requirements`. */
      control: text,
      standards: z.array(text),
      requirements: z.array(text).optional(),
      status_id: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(99)]),
      status: text,
    }),
    remediation: z.strictObject({ desc: text, references: z.array(z.url()).optional() }),
    resources: z.array(ocsfResourceSchema).min(1),
    cloud: z.strictObject({
      provider: z.literal('AWS'),
      region: text.optional(),
      account: accountSchema.optional(),
    }),
  })
  .refine((e) => e.type_uid === e.class_uid * 100 + e.activity_id, {
    message: 'type_uid must be class_uid * 100 + activity_id',
    path: ['type_uid'],
  });

export const ocsfDocumentSchema = z.array(ocsfComplianceFindingSchema);

export type OcsfComplianceFinding = z.output<typeof ocsfComplianceFindingSchema>;

function account(id: string): OcsfComplianceFinding['cloud']['account'] {
  return id === UNKNOWN_ACCOUNT ? undefined : { uid: id, type_id: 10, type: 'AWS Account' };
}

/** A region OCSF can carry: unknown stays out; `global` is kept as the tool says it. */
function region(name: string): string | undefined {
  return name === UNKNOWN_REGION ? undefined : name;
}

/** What findings of one rule share, computed once per rule. */
interface RuleParts {
  standards: string[];
  requirements: string[];
  references?: string[];
}

function ruleParts(f: Finding, parts: Map<string, RuleParts>, urls: Map<string, string[]>): RuleParts {
  let out = parts.get(f.ruleId);
  if (!out) {
    out = {
      standards: [...new Set(f.controls.map((c) => standardOf(c).standard))],
      requirements: f.controls.map(requirementName),
    };
    const references = urls.get(f.ruleId);
    if (references) out.references = references;
    parts.set(f.ruleId, out);
  }
  return out;
}

function event(f: Finding, report: FindingsReport, time: number, rule: RuleParts): OcsfComplianceFinding {
  const r = f.resource;
  const severity = SEVERITY[f.severity];
  const compliance = COMPLIANCE_STATUS[f.status];
  const acct = account(r.account);
  const reg = region(r.region);
  const data: { file?: string; line?: number; logical_id?: string } = {};
  if (r.file) data.file = r.file;
  if (r.line) data.line = r.line;
  if (r.logicalId) data.logical_id = r.logicalId;
  // IAM and other global resources have an ARN that names the partition even without a region.
  const partition = r.arn || (reg && reg !== GLOBAL_REGION) ? partitionOf(reg ?? '', r.arn) : undefined;
  const out: OcsfComplianceFinding = {
    activity_id: ACTIVITY_ID,
    activity_name: 'Create',
    category_uid: OCSF_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: OCSF_CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: OCSF_CLASS_UID * 100 + ACTIVITY_ID,
    type_name: 'Compliance Finding: Create',
    severity_id: severity.id as OcsfComplianceFinding['severity_id'],
    severity: severity.name,
    time,
    message: f.reason,
    status_id: f.suppressed ? 3 : 1,
    status: f.suppressed ? 'Suppressed' : 'New',
    metadata: {
      version: OCSF_VERSION,
      product: { name: report.tool.name, vendor_name: report.tool.name, version: report.tool.version },
      profiles: ['cloud'],
      event_code: f.ruleId,
    },
    finding_info: {
      uid: findingKey(f),
      title: f.title,
      desc: f.reason,
      types: [f.category],
      created_time: time,
    },
    compliance: {
      control: f.ruleId,
      standards: rule.standards,
      status_id: compliance.id as OcsfComplianceFinding['compliance']['status_id'],
      status: compliance.name,
    },
    remediation: { desc: f.remediation.text },
    resources: [
      {
        uid: r.arn ?? r.id,
        type: r.type,
        ...(r.name && { name: r.name }),
        ...(partition && { cloud_partition: partition }),
        ...(reg && { region: reg }),
        ...(acct && { owner: { account: acct } }),
        ...(Object.keys(data).length > 0 && { data }),
      },
    ],
    cloud: { provider: 'AWS', ...(reg && { region: reg }), ...(acct && { account: acct }) },
  };
  if (rule.requirements.length) out.compliance.requirements = rule.requirements;
  if (rule.references?.length) out.remediation.references = rule.references;
  if (f.suppressed) out.status_detail = `${f.suppressed.reason} (until ${f.suppressed.expires})`;
  return out;
}

/** The findings as a JSON array of OCSF Compliance Finding events. */
export function* renderFindingsOcsf(report: FindingsReport): Generator<string> {
  const time = Date.parse(report.generatedAt);
  const urls = new Map<string, string[]>();
  for (const rule of report.rules) {
    const refs = (rule.references ?? []).filter((u) => /^https?:\/\//.test(u));
    if (refs.length) urls.set(rule.id, refs);
  }
  const parts = new Map<string, RuleParts>();
  yield '[';
  let first = true;
  for (const f of report.findings) {
    yield (first ? '\n' : ',\n') + JSON.stringify(event(f, report, time, ruleParts(f, parts, urls)));
    first = false;
  }
  yield '\n]\n';
}
