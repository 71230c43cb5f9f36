import { awsFsbpAdditions } from './aws-fsbp-additions.js';
import { awsFsbp } from './aws-fsbp.js';
import { cisAwsV50 } from './cis-aws-v5.0.js';
import { pciDssV40 } from './pci-dss-v4.0.js';
import type { ControlData, FrameworkData } from './types.js';

export type { ControlData, FrameworkData } from './types.js';

const fsbp = {
  ...awsFsbp,
  controls: { ...awsFsbp.controls, ...awsFsbpAdditions },
} as const satisfies FrameworkData;

/** Every control catalogue a rule may cite, in the order reports list them. */
export const FRAMEWORKS: readonly FrameworkData[] = [cisAwsV50, fsbp, pciDssV40];

/**
 * A control id as findings carry it: `<framework>:<control>`, e.g. `cis-aws-v5.0:2.1.4`,
 * `aws-fsbp:S3.8`, `pci-dss-v4.0:1.3.1`. The type lists the known controls, so a typo in a rule's
 * `controls` fails to compile.
 */
export type ControlId =
  | `cis-aws-v5.0:${keyof typeof cisAwsV50.controls}`
  | `aws-fsbp:${keyof typeof fsbp.controls}`
  | `pci-dss-v4.0:${keyof typeof pciDssV40.controls}`;

/** The framework and control an id names, or undefined when either is unknown. */
export function lookupControl(id: string): { framework: FrameworkData; control: ControlData } | undefined {
  const colon = id.indexOf(':');
  if (colon < 0) return undefined;
  const framework = FRAMEWORKS.find((f) => f.id === id.slice(0, colon));
  const control = framework?.controls[id.slice(colon + 1)];
  return framework && control ? { framework, control } : undefined;
}

/** How much of one framework the given rules cover. */
export interface FrameworkCoverage {
  framework: FrameworkData;
  /** Controls listed in the data. */
  total: number;
  /** Control id (without prefix) -> ids of the rules that map to it, for every covered control. */
  covered: Map<string, string[]>;
}

/** Coverage per framework, computed from the rules' own `controls` (never kept by hand). */
export function frameworkCoverage(
  rules: readonly { id: string; controls: readonly string[] }[],
): FrameworkCoverage[] {
  return FRAMEWORKS.map((framework) => {
    const covered = new Map<string, string[]>();
    const prefix = `${framework.id}:`;
    for (const rule of rules) {
      for (const control of rule.controls) {
        if (!control.startsWith(prefix)) continue;
        const key = control.slice(prefix.length);
        covered.set(key, [...(covered.get(key) ?? []), rule.id]);
      }
    }
    return { framework, total: Object.keys(framework.controls).length, covered };
  });
}
