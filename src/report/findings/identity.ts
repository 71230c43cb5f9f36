/**
 * Stable identities for findings and the names of the standards their controls belong to, shared
 * by the SARIF, ASFF and OCSF renderers so that one finding has one id in every format.
 */
import { createHash } from 'node:crypto';
import type { Finding, FindingResource } from '../../engine/index.js';
import { lookupControl } from '../../frameworks/index.js';

/**
 * What identifies a resource across runs. A template or plan resource is its file and logical id
 * (its line may move); a live resource is its ARN, or its account, region, type and id.
 */
export function resourceKey(r: FindingResource): string {
  if (r.file && r.logicalId) return `${r.file}#${r.logicalId}`;
  return r.arn ?? `${r.account}/${r.region}/${r.type}/${r.id}`;
}

/** `<rule id>/<resource key>`: readable, unique within a scan, stable between scans. */
export function findingKey(f: Finding): string {
  return `${f.ruleId}/${resourceKey(f.resource)}`;
}

/** SHA-256 of {@link findingKey}, in hex: for ids that must be short or opaque. */
export function findingHash(f: Finding): string {
  return createHash('sha256').update(findingKey(f)).digest('hex');
}

/** How a standard is named where findings are exported (ASFF types and requirements, OCSF standards). */
export interface StandardNames {
  /** The standard with its version, e.g. `CIS AWS Foundations Benchmark v5.0.0`. */
  standard: string;
  /**
   * The ASFF type classifier under `Software and Configuration Checks/Industry and Regulatory
   * Standards/`, as Security Hub's own findings write it.
   * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-type-taxonomy.html
   */
  asffClassifier: string;
}

const KNOWN: Record<string, StandardNames> = {
  'cis-aws-v5.0': {
    standard: 'CIS AWS Foundations Benchmark v5.0.0',
    asffClassifier: 'CIS AWS Foundations Benchmark',
  },
  'aws-fsbp': {
    standard: 'AWS Foundational Security Best Practices v1.0.0',
    asffClassifier: 'AWS-Foundational-Security-Best-Practices',
  },
  'pci-dss-v4.0': { standard: 'PCI DSS v4.0', asffClassifier: 'PCI-DSS' },
};

/** The standard a control id (`cis-aws-v5.0:2.1.4`) belongs to, and the control within it. */
export function standardOf(control: string): StandardNames & { control: string } {
  const colon = control.indexOf(':');
  const prefix = colon < 0 ? control : control.slice(0, colon);
  const id = colon < 0 ? control : control.slice(colon + 1);
  const known = KNOWN[prefix];
  if (known) return { ...known, control: id };
  // A framework added to the data later still gets a readable name.
  const framework = lookupControl(control)?.framework;
  const name = framework ? `${framework.name} ${framework.version}` : prefix;
  return { standard: name, asffClassifier: framework?.name ?? prefix, control: id };
}

/** `CIS AWS Foundations Benchmark v5.0.0/2.1.4`: the form of Security Hub's `RelatedRequirements`. */
export function requirementName(control: string): string {
  const s = standardOf(control);
  return `${s.standard}/${s.control}`;
}

/** The AWS partition of a region (or of an ARN, when one is known). */
export function partitionOf(region: string, arn?: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  const fromArn = arn?.split(':')[1];
  if (fromArn === 'aws' || fromArn === 'aws-cn' || fromArn === 'aws-us-gov') return fromArn;
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Cuts text to at most `max` UTF-16 code units (so also at most `max` characters, however a
 * consumer counts), ending with an ellipsis when cut, never splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}
