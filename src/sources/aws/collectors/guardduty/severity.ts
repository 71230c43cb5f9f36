/** Open finding counts of a detector, by GuardDuty's severity bands, as `observed.FindingCounts`. */
export interface GuardDutyFindingCounts {
  Critical: number;
  High: number;
  Medium: number;
  Low: number;
  Total: number;
  /** GetFindingsStatistics' `CountBySeverity` as read: severity value (`"8.0"`) → count. */
  BySeverity: Record<string, number>;
}

/**
 * Counts by severity value to counts by band: Critical 9.0–10.0, High 7.0–8.9, Medium 4.0–6.9,
 * Low 1.0–3.9. https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html
 */
export function findingCounts(countBySeverity: unknown): GuardDutyFindingCounts {
  const out: GuardDutyFindingCounts = { Critical: 0, High: 0, Medium: 0, Low: 0, Total: 0, BySeverity: {} };
  if (typeof countBySeverity !== 'object' || countBySeverity === null) return out;
  for (const [key, value] of Object.entries(countBySeverity)) {
    const severity = Number(key);
    if (typeof value !== 'number' || !Number.isFinite(severity)) continue;
    out.BySeverity[key] = value;
    out.Total += value;
    if (severity >= 9) out.Critical += value;
    else if (severity >= 7) out.High += value;
    else if (severity >= 4) out.Medium += value;
    else out.Low += value;
  }
  return out;
}
