export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type SeverityName = (typeof SEVERITIES)[number];

/** Chart colours per severity; badges use the CSS classes of the same names (contrast checked there). */
export const SEVERITY_COLOUR: Record<SeverityName, string> = {
  critical: '#9b1c1c',
  high: '#c2410c',
  medium: '#a16207',
  low: '#1d4ed8',
  info: '#4b5563',
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.replace(/[^a-z]/gi, '-').toLowerCase()}`}>{status}</span>;
}
