/**
 * End of standard support of Kubernetes minor versions on Amazon EKS (the release calendar of
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html). Standard support
 * lasts 14 months from release, extended support 12 more at a higher hourly price; after that EKS
 * upgrades the cluster itself.
 */
export const STANDARD_SUPPORT_ENDS: Readonly<Record<string, string>> = {
  '1.23': '2023-10-11',
  '1.24': '2024-01-31',
  '1.25': '2024-05-01',
  '1.26': '2024-06-11',
  '1.27': '2024-07-24',
  '1.28': '2024-11-26',
  '1.29': '2025-03-23',
  '1.30': '2025-07-23',
  '1.31': '2025-11-26',
  '1.32': '2026-03-23',
  '1.33': '2026-07-29',
  '1.34': '2026-12-02',
  '1.35': '2027-03-27',
};

/** Extended support: 12 months after the end of standard support. */
export function extendedSupportEnd(standardEnd: string): string {
  const [y, m, d] = standardEnd.split('-').map(Number) as [number, number, number];
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `1.29` → [1, 29], for ordering versions not in the table. */
export function minor(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}
