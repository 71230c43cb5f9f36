/**
 * The rule test harness. A rule's test names its fixture resources by the outcome it expects:
 * `PassVersioned`, `FailSuspended`, `NotApplicableNoLogging`, `ErrorImportedStatus`. The harness
 * loads them, runs the one rule, and checks that the set of evaluated resources and each status
 * equal the names: nothing missing, nothing extra.
 *
 *   await expectFixture(rule, new URL('./fixtures/<rule-id>.yaml', import.meta.url));
 *   expectResources(rule, [resource('AWS::IAM::User', 'FailOldKey', {...}, { observed: {...} })]);
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runRules, type Finding } from '../src/engine/index.js';
import { allRules } from '../src/rules/index.js';
import { makeSnapshot, type CoverageGap, type Resource, type Snapshot } from '../src/model/index.js';
import type { AnyRule, Status } from '../src/rules/rule.js';
import { cloudFormationSource } from '../src/sources/cloudformation/index.js';
import { terraformSource } from '../src/sources/terraform/index.js';

/** Account and region of in-memory resources, and of templates loaded with `deployed: true`. */
export const TEST_ACCOUNT = '123456789012';
export const TEST_REGION = 'us-east-1';
/** A fixed clock for rules that compare ages. */
export const TEST_NOW = new Date('2026-06-01T12:00:00Z');

const OUTCOMES: ReadonlyArray<readonly [prefix: string, status: Status]> = [
  ['NotApplicable', 'not_applicable'],
  ['Pass', 'pass'],
  ['Fail', 'fail'],
  ['Error', 'error'],
];

/** The status a fixture name asks for: `PassX` → pass; `Passport` (no capital after) → none. */
export function expectedStatus(name: string): Status | undefined {
  for (const [prefix, status] of OUTCOMES) {
    if (!name.startsWith(prefix)) continue;
    const next = name.charAt(prefix.length);
    if (next === '' || /[A-Z0-9_-]/.test(next)) return status;
  }
  return undefined;
}

export interface FixtureOptions {
  /** Load the template as deployed to {@link TEST_ACCOUNT} / {@link TEST_REGION} (default: account and region unknown). */
  deployed?: boolean;
  /** Resources added to the template's, e.g. account-level settings a template cannot declare. */
  resources?: readonly Resource[];
  /** Parameter overrides for the rule. */
  params?: Record<string, unknown>;
  now?: Date;
  /** Coverage gaps added to the snapshot's, e.g. a listing a live collection could not read. */
  coverage?: readonly CoverageGap[];
}

/**
 * Loads a CloudFormation template through the real CloudFormation source, runs `rule`, and checks
 * every outcome against the logical ids. The fixture must hold at least one `Pass` and one `Fail`.
 * Returns the findings, for assertions on reasons.
 */
export async function expectFixture(
  rule: AnyRule,
  template: URL,
  options: FixtureOptions = {},
): Promise<Finding[]> {
  const where = options.deployed ? { account: TEST_ACCOUNT, region: TEST_REGION } : {};
  const loaded = await cloudFormationSource.load(fileURLToPath(template), where);
  const snapshot = makeSnapshot(
    [...loaded.resources, ...(options.resources ?? [])],
    [...loaded.coverage, ...(options.coverage ?? [])],
    { takenAt: (options.now ?? TEST_NOW).toISOString() },
  );
  const findings = check(rule, snapshot, options);
  const statuses = new Set(findings.map((f) => f.status));
  expect(statuses.has('pass') && statuses.has('fail'), 'a fixture shows at least one Pass and one Fail').toBe(
    true,
  );
  return findings;
}

/**
 * Loads a Terraform folder through the real Terraform source, runs `rule`, and checks each
 * finding's status against the last part of its resource's address (`aws_s3_bucket.PassX`),
 * showing the reason on a mismatch. Returns the findings, for assertions on reasons.
 */
export async function expectTerraformFixture(
  rule: AnyRule,
  folder: URL,
  options: Pick<FixtureOptions, 'now'> = {},
): Promise<Finding[]> {
  const snapshot = await terraformSource.load(fileURLToPath(folder), {});
  const { findings } = runRules(snapshot, { rules: [rule], now: options.now ?? TEST_NOW });
  const outcome = (id: string) => expectedStatus(id.slice(id.lastIndexOf('.') + 1));
  const shown = (f: Finding) => (f.status === outcome(f.resource.id) ? f.status : `${f.status}: ${f.reason}`);
  expect(
    Object.fromEntries(findings.map((f) => [f.resource.id, shown(f)])),
    `outcomes of ${rule.id}`,
  ).toEqual(Object.fromEntries(findings.map((f) => [f.resource.id, outcome(f.resource.id)])));
  return findings;
}

/**
 * Runs `rule` over in-memory resources (facts a template cannot state: alarm state, key ages,
 * live-only shapes) and checks outcomes against their ids, as {@link expectFixture} does.
 */
export function expectResources(
  rule: AnyRule,
  resources: readonly Resource[],
  options: Omit<FixtureOptions, 'resources' | 'deployed'> = {},
): Finding[] {
  const snapshot = makeSnapshot([...resources], [...(options.coverage ?? [])], {
    takenAt: (options.now ?? TEST_NOW).toISOString(),
  });
  return check(rule, snapshot, options);
}

/** Runs the rules named by id over a snapshot: rule id → resource id → status, and the findings. */
export function statusesByRule(
  snapshot: Snapshot,
  ruleIds: readonly string[],
  now: Date,
): { statuses: Record<string, Record<string, string>>; findings: Finding[] } {
  const rules = allRules.filter((r) => ruleIds.includes(r.id));
  const { findings } = runRules(snapshot, { rules, now });
  const statuses: Record<string, Record<string, string>> = {};
  for (const f of findings) (statuses[f.ruleId] ??= {})[f.resource.id] = f.status;
  return { statuses, findings };
}

/** An in-memory resource in {@link TEST_ACCOUNT} / {@link TEST_REGION}, as a live account would show it. */
export function resource(
  type: string,
  id: string,
  props: Record<string, unknown> = {},
  more: Partial<Omit<Resource, 'type' | 'id' | 'props'>> = {},
): Resource {
  return {
    type,
    id,
    account: TEST_ACCOUNT,
    region: TEST_REGION,
    tags: {},
    props,
    origin: { source: 'aws' },
    ...more,
  };
}

/**
 * The coverage gap a live collection records when the listing of `type` is denied in an account and
 * region (the runner's wording), for tests of rules that must not conclude from what was not read.
 */
export function deniedListing(
  type: string,
  account: string = TEST_ACCOUNT,
  region: string = TEST_REGION,
): CoverageGap {
  return {
    kind: 'access-denied',
    message: `${type} not collected in ${account} ${region}: the listing failed with AccessDenied: not authorized.`,
    account,
    region,
    resourceType: type,
  };
}

/**
 * The coverage gap a live collection records when `GetMetricData` is denied after the resources of
 * `type` were listed (the runner's wording): their `observed.Metrics` were not read.
 */
export function deniedMetrics(
  type: string,
  account: string = TEST_ACCOUNT,
  region: string = TEST_REGION,
): CoverageGap {
  return {
    ...deniedListing(type, account, region),
    message: `observed.Metrics of ${type} not collected in ${account} ${region}: GetMetricData failed with AccessDenied: not authorized.`,
    path: 'observed.Metrics',
  };
}

function check(rule: AnyRule, snapshot: Snapshot, options: FixtureOptions): Finding[] {
  const { findings } = runRules(snapshot, {
    rules: [rule],
    ...(options.params ? { params: { [rule.id]: options.params } } : {}),
    now: options.now ?? TEST_NOW,
  });
  const types = new Set(rule.resourceTypes);
  const expected: Record<string, Status> = {};
  const misnamed: string[] = [];
  for (const r of snapshot.resources) {
    const name = r.origin.logicalId ?? r.id;
    const status = expectedStatus(name);
    if (types.has(r.type) && !status)
      misnamed.push(`${name} (${r.type}) is evaluated but its name says no outcome`);
    if (!types.has(r.type) && status)
      misnamed.push(`${name} (${r.type}) is named for an outcome but not evaluated`);
    if (status && types.has(r.type)) expected[r.id] = status;
  }
  expect(misnamed, 'fixture names').toEqual([]);

  // A mismatch shows the rule's reason, so the failing test says why.
  const actual: Record<string, string> = {};
  for (const f of findings) {
    actual[f.resource.id] = f.status === expected[f.resource.id] ? f.status : `${f.status}: ${f.reason}`;
  }
  expect(actual, `outcomes of ${rule.id}`).toEqual(expected);
  for (const f of findings) {
    expect(f.reason, `reason for ${f.resource.id}`).toMatch(/^\S.*[.)]$/s);
    expect(f.reason, `reason for ${f.resource.id}`).not.toMatch(/undefined|\[object Object\]/);
  }
  return findings;
}
