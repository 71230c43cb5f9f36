/** What `scan --fix` produces per file, and the options every format shares. */
import { createTwoFilesPatch } from 'diff';
import type { Finding, ParamOverrides, Suppression } from '../../engine/index.js';
import type { AnyRule } from '../../rules/rule.js';
import type { SourceOptions } from '../../sources/index.js';
import type { FixLookup } from './plan.js';

export interface FixRunOptions {
  /** The rules to run (the whole catalogue in the CLI). */
  rules: readonly AnyRule[];
  /** The fix declared for a rule: the registry's `fixFor`, or a test's own lookup. */
  fixes: FixLookup;
  /** CloudFormation parameters, account and region, as `scan` takes them. */
  source?: SourceOptions;
  params?: ParamOverrides;
  /** Suppressed findings are accepted risks: they are not fixed. */
  suppressions?: readonly Suppression[];
  /** `--fix-param key=value`, offered to every fix's params schema. */
  fixParams?: Record<string, string>;
  now?: Date;
}

/** What happened to one failing finding. */
export interface FindingFix {
  finding: Finding;
  /** The title of the fix that was tried. */
  fix?: string;
  status:
    | 'fixed' // edits applied and the re-scan passes this rule on this resource
    | 'still-failing' // edits applied but the rule still fails on the new text
    | 'unverified' // edits applied but the rule cannot decide on the new text (reason says why)
    | 'refused' // a fix exists but could not be applied to this text (reason says why)
    | 'not-fixable'; // no fix declared, or the fix has no template form for this resource
  reason?: string;
  /** The edits, in words (`set Resources.Logs.Properties.VersioningConfiguration.Status = "Enabled"`). */
  changes: string[];
  /** The logical ids (Terraform: addresses) whose text the edits changed or added. */
  touched: string[];
}

export type TemplateKind = 'cloudformation-yaml' | 'cloudformation-json' | 'terraform' | 'terraform-plan';

/** The outcome for one source file. */
export interface TemplateFixResult {
  /** The file as the user named it (relative to the working directory). */
  file: string;
  format: TemplateKind;
  before: string;
  after: string;
  /** Unified diff of `before` -> `after` (`--- a/file`, `+++ b/file`); empty when nothing changed. */
  diff: string;
  findings: FindingFix[];
  /** Failing findings on the fixed text that the original did not have (e.g. on an added resource). */
  newFindings: Finding[];
  /** Why the file could not be fixed at all (a Terraform plan: fix the .tf source). */
  unsupported?: string;
}

export function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.resource.id}`;
}

/** A unified diff `git apply` and `patch -p1` accept; empty when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const name = file.split('\\').join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}
