import { describe, expect, it } from 'vitest';
import { sampleFindings, sampleReport } from './fixtures/sample.js';
import { OCSF_CLASS_UID, OCSF_VERSION, ocsfDocumentSchema, renderFindingsOcsf } from './ocsf.js';

const render = (all = true, findings = sampleFindings()) =>
  ocsfDocumentSchema.parse(JSON.parse([...renderFindingsOcsf(sampleReport({ all, findings }))].join('')));

describe('findings OCSF', () => {
  it('writes Compliance Finding events with the required attributes', () => {
    const events = render();
    expect(events).toHaveLength(8);
    for (const e of events) {
      expect(e.class_uid).toBe(OCSF_CLASS_UID);
      expect(e.category_uid).toBe(2);
      expect(e.type_uid).toBe(200301);
      expect(e.metadata.version).toBe(OCSF_VERSION);
      expect(e.time).toBe(Date.parse('2026-06-01T12:00:00.000Z'));
      expect(e.cloud.provider).toBe('AWS');
    }
  });

  it('maps statuses and severities', () => {
    const events = render();
    const byStatus = (s: string) => events.filter((e) => e.compliance.status === s);
    expect(byStatus('Fail')).toHaveLength(5);
    expect(byStatus('Pass')[0]!.compliance.status_id).toBe(1);
    expect(byStatus('Warning')[0]!.compliance.status_id).toBe(2);
    expect(byStatus('Not Applicable')[0]!.compliance.status_id).toBe(99);
    const suppressed = events.filter((e) => e.status === 'Suppressed');
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.status_id).toBe(3);
    expect(suppressed[0]!.status_detail).toBe('Scratch data, rebuilt nightly (until 2099-12-31)');
    const critical = events.find((e) => e.severity_id === 5)!;
    expect(critical.severity).toBe('Critical');
    expect(critical.compliance.standards).toEqual([
      'CIS AWS Foundations Benchmark v5.0.0',
      'AWS Foundational Security Best Practices v1.0.0',
    ]);
  });

  it('describes the resource, its account and region, and where a template declares it', () => {
    const sg = render().find(
      (e) =>
        e.finding_info.uid === 'ec2-security-group-admin-ports-restricted/templates/app stack.yaml#WebSg',
    )!;
    expect(sg.resources).toEqual([
      {
        uid: 'WebSg',
        type: 'AWS::EC2::SecurityGroup',
        cloud_partition: 'aws',
        region: 'eu-west-1',
        owner: { account: { uid: '111122223333', type_id: 10, type: 'AWS Account' } },
        data: { file: 'templates/app stack.yaml', line: 12, logical_id: 'WebSg' },
      },
    ]);
    expect(sg.cloud).toEqual({
      provider: 'AWS',
      region: 'eu-west-1',
      account: { uid: '111122223333', type_id: 10, type: 'AWS Account' },
    });
  });

  it('leaves out an account and region the input did not give', () => {
    const findings = sampleFindings().map((f) => ({
      ...f,
      resource: { ...f.resource, account: 'unknown', region: 'unknown', arn: undefined },
    }));
    const [event] = render(false, findings);
    expect(event!.cloud).toEqual({ provider: 'AWS' });
    expect(event!.resources[0]!.owner).toBeUndefined();
    expect(event!.resources[0]!.region).toBeUndefined();
  });

  it('rejects events that break the class', () => {
    const [first] = JSON.parse([...renderFindingsOcsf(sampleReport())].join('')) as Array<
      Record<string, unknown>
    >;
    expect(ocsfDocumentSchema.safeParse([{ ...first, type_uid: 200101 }]).success).toBe(false);
    const { compliance: _, ...noCompliance } = first!;
    expect(ocsfDocumentSchema.safeParse([noCompliance]).success).toBe(false);
  });
});
