import { z } from 'zod';
import { asNumber, defineRule, error, fail, label, notApplicable, pass, type RuleResult } from '../rule.js';
import { DETECTOR } from './detectors.js';

/** GuardDuty's severity bands (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html). */
function band(severity: number): string {
  if (severity >= 9) return 'Critical';
  if (severity >= 7) return 'High';
  if (severity >= 4) return 'Medium';
  return 'Low';
}

interface Finding {
  type: string;
  severity: number;
  resource?: string;
  count?: number;
  updated?: string;
}

/** One finding in the demo's flat shape or GetFindings' nested one, `archived`, or `malformed` (no type or severity). */
function readFinding(raw: unknown): Finding | 'archived' | 'malformed' {
  if (raw === null || typeof raw !== 'object') return 'malformed';
  const f = raw as Record<string, unknown>;
  const service = (f.Service ?? {}) as Record<string, unknown>;
  if (f.Archived === true || service.Archived === true) return 'archived';
  const severity = asNumber(f.Severity);
  if (typeof f.Type !== 'string' || severity === undefined) return 'malformed';
  const res = (f.Resource ?? {}) as Record<string, unknown>;
  const resourceType = typeof f.ResourceType === 'string' ? f.ResourceType : res.ResourceType;
  const resourceId = typeof f.ResourceId === 'string' ? f.ResourceId : undefined;
  const count = asNumber(f.Count ?? service.Count);
  return {
    type: f.Type,
    severity,
    resource:
      typeof resourceType === 'string' ? `${resourceType}${resourceId ? ` ${resourceId}` : ''}` : resourceId,
    ...(count !== undefined ? { count } : {}),
    ...(typeof f.UpdatedAt === 'string' ? { updated: f.UpdatedAt.slice(0, 10) } : {}),
  };
}

function findingText(f: Finding): string {
  const details = [
    `${band(f.severity)} ${f.severity}`,
    ...(f.resource ? [f.resource] : []),
    ...(f.count !== undefined ? [`${f.count} events`] : []),
    ...(f.updated ? [`updated ${f.updated}`] : []),
  ];
  return `${f.type} (${details.join(', ')})`;
}

const SHOWN = 5;

/**
 * Compliant: the detector has no open (unarchived) finding at or above the severity threshold
 * (Medium, 4.0, by default). It reads a list of findings (`observed.Findings`, the demo's) or the
 * live collector's counts by severity (`observed.FindingCounts`). Findings are runtime facts;
 * templates are not applicable.
 */
export default defineRule({
  id: 'guardduty-detector-findings-addressed',
  title: 'GuardDuty detector has no open findings at or above the severity threshold',
  category: 'security',
  severity: 'high',
  resourceTypes: [DETECTOR],
  rationale:
    'A finding is GuardDuty telling you that something is probing, abusing or already running in the account: a brute-forced bastion, credentials used from a Tor exit node, an instance talking to a mining pool. Unreviewed findings are the most direct evidence of an incident; the daily rounds should leave none open above Low, either fixed or archived with a reason.',
  remediation: {
    text: 'Investigate each finding, fix the cause (close the port, rotate the credentials, isolate the instance), then archive it; add suppression rules for expected activity instead of leaving findings open.',
    cli: 'aws guardduty list-findings --detector-id <detector-id> --finding-criteria \'{"Criterion":{"severity":{"Gte":4},"service.archived":{"Eq":["false"]}}}\'\naws guardduty archive-findings --detector-id <detector-id> --finding-ids <finding-id>',
  },
  controls: [],
  params: z.object({
    minSeverity: z
      .number()
      .min(0)
      .max(10)
      .default(4)
      .describe('Lowest GuardDuty severity that must not stay open (4 = Medium, 7 = High, 9 = Critical).'),
  }),
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/findings_suppression-rule.html',
  ],
  evaluate(detector, ctx) {
    const who = `GuardDuty detector ${label(detector)}`;
    const threshold = `${band(ctx.params.minSeverity)} (${ctx.params.minSeverity})`;
    const findings = detector.observed?.Findings;
    if (findings === undefined) {
      const counts = detector.observed?.FindingCounts;
      if (counts !== undefined) return fromCounts(who, counts, ctx.params.minSeverity, threshold);
      // A live detector comes with counts (GetFindingsStatistics); without them the call failed.
      if (detector.observed !== undefined)
        return error(`${who}: its open findings were not read (see the coverage gaps of the snapshot).`);
      return notApplicable(
        () => `${who} has no findings in the snapshot (only a live account has findings to read).`,
      );
    }
    if (!Array.isArray(findings)) return error(`${who} has findings data that is not a list.`);
    const open: Finding[] = [];
    let malformed = 0;
    for (const raw of findings) {
      const f = readFinding(raw);
      if (f === 'malformed') malformed++;
      else if (f !== 'archived' && f.severity >= ctx.params.minSeverity) open.push(f);
    }
    if (open.length > 0) {
      open.sort((a, b) => b.severity - a.severity);
      const more = open.length > SHOWN ? `, and ${open.length - SHOWN} more` : '';
      return fail(
        `${who} has ${open.length} open finding${open.length === 1 ? '' : 's'} at or above ${threshold}: ${open.slice(0, SHOWN).map(findingText).join('; ')}${more}.`,
      );
    }
    if (malformed > 0) return error(`${who} has ${malformed} finding(s) without a type or severity.`);
    return pass(() => `${who} has no open findings at or above ${threshold}.`);
  },
});

/** Severity ranges of the bands, `[from, to)`. */
const BANDS: ReadonlyArray<readonly [name: string, from: number, to: number]> = [
  ['Critical', 9, Infinity],
  ['High', 7, 9],
  ['Medium', 4, 7],
  ['Low', -Infinity, 4],
];

/**
 * The verdict from the live collector's `observed.FindingCounts` (open findings counted by severity
 * value in `BySeverity`, and by band): the number of open findings at or above the threshold, without
 * their types, which the reason says where to list.
 */
function fromCounts(who: string, raw: unknown, min: number, threshold: string): RuleResult {
  if (raw === null || typeof raw !== 'object')
    return error(`${who} has finding counts that are not an object.`);
  const counts = raw as Record<string, unknown>;
  const byBand = new Map<string, number>();
  const bySeverity = counts.BySeverity;
  if (bySeverity !== null && typeof bySeverity === 'object') {
    for (const [key, value] of Object.entries(bySeverity)) {
      const severity = Number(key);
      const n = asNumber(value);
      if (!Number.isFinite(severity) || n === undefined)
        return error(`${who} has a finding count that is not a number (severity ${key}).`);
      if (severity >= min && n > 0) byBand.set(band(severity), (byBand.get(band(severity)) ?? 0) + n);
    }
  } else {
    // Band totals only: a band that straddles the threshold cannot be split.
    for (const [name, from, to] of BANDS) {
      if (to <= min) continue;
      const n = asNumber(counts[name]);
      if (n === undefined) return error(`${who} has no ${name} finding count.`);
      if (n === 0) continue;
      if (from < min)
        return error(`${who} has ${n} open ${name} findings; how many are at or above ${min} is not known.`);
      byBand.set(name, n);
    }
  }
  const total = [...byBand.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return pass(() => `${who} has no open findings at or above ${threshold}.`);
  const parts = BANDS.filter(([name]) => byBand.has(name)).map(([name]) => `${byBand.get(name)} ${name}`);
  return fail(
    `${who} has ${total} open finding${total === 1 ? '' : 's'} at or above ${threshold}: ${parts.join(', ')} (list them with aws guardduty list-findings).`,
  );
}
