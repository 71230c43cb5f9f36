import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures/sample.js';
import { sarifValidator } from '../../../test/e2e/sarif-schema.js';
import { FINGERPRINT_KEY, renderFindingsSarif, SRCROOT } from './sarif.js';

const validate = sarifValidator();

function render(options: Parameters<typeof renderFindingsSarif>[1], all = true): Sarif.Log {
  return JSON.parse([...renderFindingsSarif(sampleReport({ all }), options)].join('')) as Sarif.Log;
}

describe('findings SARIF', () => {
  it('is valid SARIF 2.1.0', () => {
    for (const log of [render({}), render({ srcRoot: '/srv/checkout/repo' }), render({}, false)]) {
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('lists the rules that ran, with severity as level and controls as tags', () => {
    const [run] = render({}).runs;
    const rules = run!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([
      'ec2-security-group-admin-ports-restricted',
      's3-bucket-public-access-blocked',
      's3-bucket-versioning-enabled',
      'iam-password-policy-strong',
    ]);
    const sg = rules[0]!;
    expect(sg.defaultConfiguration?.level).toBe('error');
    expect(sg.fullDescription?.text).toMatch(/brute-forced/);
    expect(sg.properties?.tags).toEqual(['security', 'cis-aws-v5.0:5.3', 'pci-dss-v4.0:1.3.1']);
    expect(sg.properties?.['security-severity']).toBe('8.0');
    expect(sg.helpUri).toBe('https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html');
    expect(sg.help?.markdown).toContain('```sh\naws ec2 revoke-security-group-ingress');
    expect(rules[2]!.defaultConfiguration?.level).toBe('warning');
    expect(rules[3]!.defaultConfiguration?.level).toBe('note');
  });

  it('points template findings at file and line under SRCROOT, live ones at a logical location', () => {
    const [run] = render({ srcRoot: '/srv/checkout/repo' }).runs;
    expect(run!.originalUriBaseIds?.[SRCROOT]?.uri).toBe('file:///srv/checkout/repo/');
    const results = run!.results!;
    const sg = results.find((r) => r.ruleId === 'ec2-security-group-admin-ports-restricted' && !r.kind)!;
    expect(sg.level).toBe('error');
    expect(sg.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'templates/app%20stack.yaml', uriBaseId: SRCROOT },
      region: { startLine: 12 },
    });
    const live = results.find((r) => r.ruleId === 's3-bucket-public-access-blocked' && !r.kind)!;
    expect(live.locations![0]!.physicalLocation).toBeUndefined();
    expect(live.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toBe('arn:aws:s3:::acme-data');
    expect(run!.tool.driver.rules![live.ruleIndex!]!.id).toBe(live.ruleId);
  });

  it('marks suppressed failures, and results that are not failures by kind', () => {
    const results = render({}).runs[0]!.results!;
    const suppressed = results.filter((r) => r.suppressions?.length);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions![0]).toMatchObject({
      kind: 'external',
      status: 'accepted',
      justification: 'Scratch data, rebuilt nightly (until 2099-12-31)',
    });
    const kinds = results.map((r) => r.kind ?? 'fail').sort();
    expect(kinds).toEqual(['fail', 'fail', 'fail', 'fail', 'fail', 'notApplicable', 'open', 'pass']);
    for (const r of results.filter((r) => r.kind)) expect(r.level).toBe('none');
  });

  it('gives each finding a fingerprint that does not depend on its line', () => {
    const a = render({}).runs[0]!.results!;
    const moved = sampleReport({ all: true });
    const findings = moved.findings.map((f) =>
      f.resource.line ? { ...f, resource: { ...f.resource, line: f.resource.line + 40 } } : f,
    );
    const b = (JSON.parse([...renderFindingsSarif({ ...moved, findings })].join('')) as Sarif.Log).runs[0]!
      .results!;
    const prints = (rs: Sarif.Result[]) => rs.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    expect(prints(b)).toEqual(prints(a));
    expect(new Set(prints(a)).size).toBe(a.length);
  });

  it('reports coverage gaps as tool execution notifications', () => {
    const [invocation] = render({}).runs[0]!.invocations!;
    expect(invocation!.executionSuccessful).toBe(true);
    const notes = invocation!.toolExecutionNotifications!;
    expect(notes).toHaveLength(2);
    expect(notes[0]!.message.text).toMatch(/^Not evaluated \(parse-error\)/);
    expect(notes[0]!.locations![0]!.physicalLocation!.region!.startLine).toBe(4);
  });

  it('uses absolute URIs for files outside the working directory', () => {
    const report = sampleReport({ all: false });
    const findings = report.findings.map((f) =>
      f.resource.file ? { ...f, resource: { ...f.resource, file: '../shared/plan.json' } } : f,
    );
    const log = JSON.parse(
      [...renderFindingsSarif({ ...report, findings }, { srcRoot: '/srv/checkout/repo' })].join(''),
    ) as Sarif.Log;
    expect(validate(log)).toBe(true);
    const uris = log.runs[0]!.results!.flatMap((r) =>
      r.locations!.map((l) => l.physicalLocation?.artifactLocation),
    );
    expect(uris).toContainEqual({ uri: 'file:///srv/checkout/shared/plan.json' });
  });
});
