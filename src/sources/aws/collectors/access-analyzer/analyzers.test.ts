/**
 * The Access Analyzer collector driven through the real SDK against the local endpoint with
 * recorded responses (one analyzer a page), and the analyzer rule run on what it collected, with
 * the account's root user and VPCs collected beside it so the rule knows the region is in use.
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { vpcs } from '../ec2/vpcs.js';
import { credentialReport } from '../iam/credential-report.js';
import { analyzers } from './analyzers.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const COLLECTORS = [analyzers, credentialReport, vpcs];
/** An active ACCOUNT analyzer and an unused-access one. */
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: COLLECTORS,
  now: NOW,
});
/** An unused-access analyzer and an ACCOUNT analyzer whose creation failed: no external analyzer at work. */
const collectUnused = useRecordedCollection({
  recorded: new URL('./recorded-unused', import.meta.url),
  collectors: COLLECTORS,
  now: NOW,
});

const ANALYZER = 'AWS::AccessAnalyzer::Analyzer';
const ACCOUNT = '111122223333';
const ARN = `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzer/`;
const RULE = 'iam-account-access-analyzer-enabled';

const analyzersOf = (snapshot: Snapshot) => snapshot.resources.filter((r) => r.type === ANALYZER);
const ruleStatus = (snapshot: Snapshot) => statusesByRule(snapshot, [RULE], NOW);

describe('access-analyzer/analyzers', () => {
  it('lists the analyzers of every type page by page, as CloudFormation names them', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const calls = endpoint.log.filter((r) => r.operation === 'ListAnalyzers');
    expect(calls.map((r) => r.service)).toEqual(['access-analyzer', 'access-analyzer']);
    // No `type` filter: analyzers of every type are listed.
    expect(calls[0]!.params).toEqual({ maxResults: '100' });
    expect(typeof calls[1]!.params.nextToken).toBe('string');
    expect(
      analyzersOf(snapshot).map((a) => [a.id, a.name, a.region, a.account, a.props, a.observed]),
    ).toEqual([
      [
        `${ARN}external-access`,
        'external-access',
        'us-east-1',
        ACCOUNT,
        { AnalyzerName: 'external-access', Type: 'ACCOUNT' },
        { Status: 'ACTIVE' },
      ],
      [
        `${ARN}unused-access`,
        'unused-access',
        'us-east-1',
        ACCOUNT,
        { AnalyzerName: 'unused-access', Type: 'ACCOUNT_UNUSED_ACCESS' },
        { Status: 'ACTIVE' },
      ],
    ]);
    expect(analyzersOf(snapshot)[0]!.tags).toEqual({ team: 'security' });
  });

  it('passes an account with an active ACCOUNT analyzer in the region it uses', async () => {
    const { snapshot } = await collect();
    expect(ruleStatus(snapshot).statuses[RULE]).toEqual({ [ACCOUNT]: 'pass' });
  });

  it('fails an account whose only external analyzer failed to be created', async () => {
    const { snapshot } = await collectUnused();
    expect(analyzersOf(snapshot).find((a) => a.name === 'old-external')?.observed).toEqual({
      Status: 'FAILED',
      StatusReason: 'SERVICE_LINKED_ROLE_CREATION_FAILED',
    });
    const { statuses, findings } = ruleStatus(snapshot);
    expect(statuses[RULE]).toEqual({ [ACCOUNT]: 'fail' });
    expect(findings[0]!.reason).toContain('no active external access analyzer in us-east-1');
  });

  it('records a denied listing as a gap, and the rule gives error, not fail', async () => {
    const { snapshot } = await collect({ deny: ['access-analyzer:ListAnalyzers'] });
    expect(analyzersOf(snapshot)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: ANALYZER,
        account: ACCOUNT,
        region: 'us-east-1',
      }),
    ]);
    const { statuses, findings } = ruleStatus(snapshot);
    expect(statuses[RULE]).toEqual({ [ACCOUNT]: 'error' });
    expect(findings[0]!.reason).toContain('is not known');
  });
});
