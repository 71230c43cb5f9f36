import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './iam-account-access-analyzer-enabled.js';

const ROOT = 'AWS::IAM::RootAccount';
const at = (account: string, region: string) => ({ account, region });
const analyzer = (id: string, type: string, account: string, region: string, status?: string) =>
  resource(
    'AWS::AccessAnalyzer::Analyzer',
    id,
    { AnalyzerName: id, Type: type },
    {
      ...at(account, region),
      ...(status ? { observed: { Status: status } } : {}),
    },
  );
const vpc = (account: string, region: string) =>
  resource('AWS::EC2::VPC', `vpc-${account}-${region}`, {}, at(account, region));

describe('iam-account-access-analyzer-enabled', () => {
  it('needs an external analyzer in every region the account uses', () => {
    const findings = expectResources(rule, [
      resource(ROOT, 'PassAccountAnalyzers', {}, at('111111111111', 'global')),
      vpc('111111111111', 'us-east-1'),
      vpc('111111111111', 'eu-west-1'),
      analyzer('a1', 'ACCOUNT', '111111111111', 'us-east-1'),
      analyzer('a2', 'ACCOUNT', '111111111111', 'eu-west-1', 'ACTIVE'),

      resource(ROOT, 'FailOneRegionMissing', {}, at('222222222222', 'global')),
      vpc('222222222222', 'us-east-1'),
      vpc('222222222222', 'ap-southeast-1'),
      analyzer('a3', 'ACCOUNT', '222222222222', 'us-east-1'),
      analyzer('a4', 'ACCOUNT_UNUSED_ACCESS', '222222222222', 'ap-southeast-1'),

      resource(ROOT, 'PassOrganisationAnalyzer', {}, at('333333333333', 'global')),
      vpc('333333333333', 'us-west-2'),
      analyzer('org', 'ORGANIZATION', '999999999999', 'us-west-2'),

      resource(ROOT, 'FailAnalyzerDisabled', {}, at('444444444444', 'global')),
      vpc('444444444444', 'sa-east-1'),
      analyzer('a5', 'ACCOUNT', '444444444444', 'sa-east-1', 'DISABLED'),

      resource(ROOT, 'NotApplicableNoRegionalResources', {}, at('555555555555', 'global')),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOneRegionMissing')?.reason).toContain(
      'in ap-southeast-1 (1 of 2',
    );
  });

  it('checks the regions it is given', () => {
    expectResources(rule, [resource(ROOT, 'FailNothingThere', {}, at('111111111111', 'global'))], {
      params: { regions: ['us-east-1'] },
    });
  });
  it('does not fail a region whose analyzers were not listed', () => {
    const findings = expectResources(
      rule,
      [
        resource(ROOT, 'ErrorAnalyzersUnread', {}, at('222222222222', 'global')),
        vpc('222222222222', 'us-east-1'),
        vpc('222222222222', 'eu-west-1'),
        analyzer('a', 'ACCOUNT', '222222222222', 'us-east-1'),
      ],
      { coverage: [deniedListing('AWS::AccessAnalyzer::Analyzer', '222222222222', 'eu-west-1')] },
    );
    expect(findings[0]?.reason).toContain('covers eu-west-1 (AWS::AccessAnalyzer::Analyzer not collected');
  });
});
