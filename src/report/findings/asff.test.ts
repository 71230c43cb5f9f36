import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/index.js';
import { ASFF_LIMITS, asffDocumentSchema, asffResourceType, renderFindingsAsff } from './asff.js';
import { sampleFindings, sampleReport } from './fixtures/sample.js';

const render = (...args: Parameters<typeof renderFindingsAsff>) =>
  asffDocumentSchema.parse(JSON.parse([...renderFindingsAsff(...args)].join('')));

describe('findings ASFF', () => {
  it('writes findings that satisfy the required attributes and limits', () => {
    const findings = render(sampleReport({ all: true }));
    expect(findings).toHaveLength(8);
    for (const f of findings) {
      expect(f.SchemaVersion).toBe('2018-10-08');
      expect(f.ProductArn).toBe(
        `arn:aws:securityhub:${f.Resources[0]!.Region}:111122223333:product/111122223333/default`,
      );
      expect(f.CreatedAt).toBe('2026-06-01T12:00:00.000Z');
    }
    expect(new Set(findings.map((f) => f.Id)).size).toBe(findings.length);
  });

  it('maps severity, compliance status, workflow and standards', () => {
    const findings = render(sampleReport({ all: true }));
    const sg = findings.find(
      (f) =>
        f.GeneratorId === 'cloudrounds/ec2-security-group-admin-ports-restricted' &&
        f.Compliance?.Status === 'FAILED',
    )!;
    expect(sg.Severity).toEqual({ Label: 'HIGH', Original: 'high' });
    expect(sg.Workflow).toEqual({ Status: 'NEW' });
    expect(sg.Types).toEqual([
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
      'Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS',
    ]);
    expect(sg.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v5.0.0/5.3',
      'PCI DSS v4.0/1.3.1',
    ]);
    expect(sg.Resources[0]).toEqual({
      Type: 'AwsEc2SecurityGroup',
      Id: 'WebSg',
      Partition: 'aws',
      Region: 'eu-west-1',
    });
    expect(sg.ProductFields?.['cloudrounds/File']).toBe('templates/app stack.yaml');
    expect(sg.ProductFields?.['cloudrounds/Line']).toBe('12');
    expect(sg.Remediation?.Recommendation.Url).toBe(
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    );

    const statuses = findings.map((f) => [f.Compliance?.Status, f.Workflow?.Status, f.Severity.Label]);
    expect(statuses).toContainEqual(['PASSED', 'RESOLVED', 'INFORMATIONAL']);
    expect(statuses).toContainEqual(['NOT_AVAILABLE', 'RESOLVED', 'INFORMATIONAL']);
    expect(statuses).toContainEqual(['WARNING', 'NEW', 'INFORMATIONAL']);
    expect(statuses).toContainEqual(['FAILED', 'SUPPRESSED', 'MEDIUM']);
    const policy = findings.find((f) => f.Resources[0]!.Type === 'AwsAccount')!;
    expect(policy.Types).toEqual(['Software and Configuration Checks/AWS Security Best Practices']);
    expect(policy.Compliance?.RelatedRequirements).toBeUndefined();
  });

  it('cuts texts to the ASFF limits', () => {
    const findings = render(sampleReport({ all: false }));
    const long = findings.find((f) => f.Description.startsWith('xxx'))!;
    expect(long.Description).toHaveLength(ASFF_LIMITS.description);
    expect(long.Description.endsWith('…')).toBe(true);
  });

  it('files global resources under us-east-1, or the region given', () => {
    const policy = (findings: ReturnType<typeof render>) =>
      findings.find((f) => f.Resources[0]!.Type === 'AwsAccount')!;
    expect(policy(render(sampleReport({ all: false }))).Resources[0]!.Region).toBe('us-east-1');
    const eu = policy(render(sampleReport({ all: false }), { globalRegion: 'eu-west-1' }));
    expect(eu.Resources[0]!.Region).toBe('eu-west-1');
    expect(eu.ProductArn).toContain(':securityhub:eu-west-1:');
  });

  it('refuses, before writing anything, findings without a real account or region', () => {
    const findings = sampleFindings().map((f) => ({
      ...f,
      resource: { ...f.resource, account: 'unknown', region: 'unknown' },
    }));
    expect(() => renderFindingsAsff(sampleReport({ findings }))).toThrow(InputError);
    expect(() => renderFindingsAsff(sampleReport({ findings }))).toThrow(
      /pass --account <12-digit id> and --region/,
    );
  });

  it('derives the partition from the region or the ARN', () => {
    const findings = sampleFindings()
      .slice(0, 2)
      .map((f, i) => ({
        ...f,
        resource: { ...f.resource, region: i ? 'cn-north-1' : 'us-gov-west-1', arn: undefined },
      }));
    const out = render(sampleReport({ findings }));
    expect(out.map((f) => f.Resources[0]!.Partition).sort()).toEqual(['aws-cn', 'aws-us-gov']);
    expect(out.find((f) => f.Resources[0]!.Partition === 'aws-cn')!.ProductArn).toMatch(
      /^arn:aws-cn:securityhub:cn-north-1:/,
    );
  });

  it('names resource types as Security Hub does, Other when it has no name', () => {
    expect(asffResourceType('AWS::S3::Bucket')).toBe('AwsS3Bucket');
    expect(asffResourceType('AWS::EC2::SecurityGroup')).toBe('AwsEc2SecurityGroup');
    expect(asffResourceType('AWS::DynamoDB::Table')).toBe('AwsDynamoDbTable');
    expect(asffResourceType('AWS::Foo::Bar')).toBe('Other');
  });

  it('rejects findings that break the format', () => {
    const [first] = JSON.parse([...renderFindingsAsff(sampleReport())].join('')) as Array<
      Record<string, unknown>
    >;
    expect(asffDocumentSchema.safeParse([{ ...first, Title: 'x'.repeat(257) }]).success).toBe(false);
    expect(asffDocumentSchema.safeParse([{ ...first, AwsAccountId: 'unknown' }]).success).toBe(false);
    expect(asffDocumentSchema.safeParse([{ ...first, Types: ['Compliance/CIS'] }]).success).toBe(false);
    const { Severity: _, ...noSeverity } = first!;
    expect(asffDocumentSchema.safeParse([noSeverity]).success).toBe(false);
  });
});
